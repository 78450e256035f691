extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires one, and
    /// adds it to that leaf's ``grad`` (gradients accumulate until they are cleared, as in PyTorch).
    ///
    /// - Parameters:
    ///   - gradient: the gradient of some scalar with respect to this tensor, with this tensor's
    ///     shape. It may be omitted when this tensor has a single element (it is then 1).
    ///   - retainGraph: keep the recorded graph, so that `backward` can run again and
    ///     ``tape`` still lists it with gradients. By default the graph is freed.
    ///   - createGraph: record the backward computations themselves, for higher derivatives.
    ///     It implies `retainGraph`, since the new graph reuses the recorded one.
    /// - Precondition: the tensor requires gradients; `gradient` has this tensor's shape.
    public func backward(_ gradient: Tensor? = nil, retainGraph: Bool = false, createGraph: Bool = false) {
        precondition(requiresGrad,
                     "backward(): the tensor does not require gradients (no input had requiresGrad, or it was computed under withNoGrad)")
        let seed: Tensor
        if let gradient {
            precondition(gradient.shape == shape,
                         "backward(): gradient shape \(gradient.shape) does not match tensor shape \(shape)")
            precondition(gradient.dtype == dtype, "backward(): gradient dtype \(gradient.dtype) differs from \(dtype)")
            seed = gradient
        } else {
            precondition(count == 1,
                         "backward(): a gradient is needed for a tensor of shape \(shape); only single-element tensors default to 1")
            seed = Tensor.ones(shape, dtype: dtype)
        }
        guard let root = gradNode else {
            accumulateGradient(seed)
            return
        }
        precondition(root.rule != nil,
                     "backward(): the graph was already freed by an earlier backward; pass retainGraph: true to the first call")
        let order = graphOrder()
        let keepGraph = retainGraph || createGraph
        let run = {
            for output in order { output.gradNode!.gradient = nil }
            root.gradient = seed
            for output in order.reversed() {
                let node = output.gradNode!
                guard let g = node.gradient, let rule = node.rule else { continue }
                if output.retainsGrad { output.grad = output.grad.map { $0 + g } ?? g }
                let grads = rule(g, output)
                for (input, gi) in zip(node.inputs, grads) {
                    guard let gi, input.requiresGrad else { continue }
                    precondition(gi.shape == input.shape,
                                 "gradient rule of \(node.op) produced shape \(gi.shape) for an input of shape \(input.shape)")
                    input.accumulateGradient(gi)
                }
                if !keepGraph {
                    node.rule = nil
                    node.inputs = []
                    node.gradient = nil
                }
            }
        }
        if createGraph { withGrad(run) } else { withNoGrad(run) }
    }

    /// Adds `g` to this tensor's gradient: the leaf's ``grad`` or the pending gradient of its node.
    func accumulateGradient(_ g: Tensor) {
        if let node = gradNode {
            node.gradient = node.gradient.map { $0 + g } ?? g
        } else {
            grad = grad.map { $0 + g } ?? g
        }
    }

    /// Every recorded tensor this one depends on (itself included), inputs before outputs.
    func graphOrder() -> [Tensor] {
        guard let rootNode = gradNode else { return [] }
        let mark = GradNode.nextMark()
        rootNode.mark = mark
        var order: [Tensor] = []
        var stack: [(tensor: Tensor, next: Int)] = [(self, 0)]
        while let top = stack.last {
            let node = top.tensor.gradNode!
            if top.next < node.inputs.count {
                stack[stack.count - 1].next += 1
                let input = node.inputs[top.next]
                if let inputNode = input.gradNode, inputNode.mark != mark {
                    inputNode.mark = mark
                    stack.append((input, 0))
                }
            } else {
                stack.removeLast()
                order.append(top.tensor)
            }
        }
        return order
    }

    /// Clears ``grad`` (sets it to `nil`).
    public func zeroGrad() { grad = nil }
}
