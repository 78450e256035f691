import Synchronization

/// One recorded operation: its name, the tensors it read, and its gradient rule.
///
/// A rule maps the gradient of the operation's output (and the output itself, passed in so
/// that the node does not keep its own output alive) to one gradient per input, `nil` for an
/// input that needs none. Rules are written next to their forward kernels, in plain tensor
/// operations.
final class GradNode {
    typealias Rule = (_ gradient: Tensor, _ output: Tensor) -> [Tensor?]

    let op: StaticString
    var inputs: [Tensor]
    var rule: Rule?
    /// The gradient of the output, accumulated during a backward pass.
    var gradient: Tensor?
    /// Visit mark of the last traversal, so traversals need no set.
    var mark: UInt64 = 0

    init(op: StaticString, inputs: [Tensor], rule: @escaping Rule) {
        self.op = op
        self.inputs = inputs
        self.rule = rule
    }

    /// Frees the graph behind this node without recursion. Releasing a tensor releases its
    /// node, whose inputs (held by the node and captured by its rule) release their nodes, and
    /// so on: a long unrolled computation dropped without `backward` would overflow the stack.
    /// Instead, inputs that are about to die hand their own inputs to this loop.
    deinit {
        guard !inputs.isEmpty else { return }
        var pending = inputs
        inputs = []
        rule = nil
        while var tensor = pending.popLast() {
            guard isKnownUniquelyReferenced(&tensor), var node = tensor.gradNode else { continue }
            tensor.gradNode = nil
            guard isKnownUniquelyReferenced(&node) else { continue }
            pending.append(contentsOf: node.inputs)
            node.inputs = []
            node.rule = nil
        }
    }

    private static let markCounter = Atomic<UInt64>(0)
    static func nextMark() -> UInt64 {
        markCounter.wrappingAdd(1, ordering: .relaxed).newValue
    }
}

extension Tensor {
    /// `true` when an operation on `a` must be recorded.
    @inline(__always)
    static func recording(_ a: Tensor) -> Bool {
        a.requiresGrad && GradMode.isEnabled
    }

    /// `true` when an operation on `a` and `b` must be recorded.
    @inline(__always)
    static func recording(_ a: Tensor, _ b: Tensor) -> Bool {
        (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled
    }

    /// `true` when an operation on `inputs` must be recorded.
    static func recording(_ inputs: [Tensor]) -> Bool {
        GradMode.isEnabled && inputs.contains { $0.requiresGrad }
    }

    /// Attaches a gradient rule to this freshly computed output and returns it.
    @inline(__always)
    @discardableResult
    func recorded(_ op: StaticString, _ inputs: [Tensor], _ rule: @escaping GradNode.Rule) -> Tensor {
        precondition(dtype.isFloatingPoint, "\(op): only float32 and float64 results can be differentiated")
        gradNode = GradNode(op: op, inputs: inputs, rule: rule)
        return self
    }

    /// Makes this freshly computed tensor differentiable with a hand-written gradient: the way
    /// to add a fused operation outside this module (a fused LSTM step, a loss with its own
    /// forward–backward). Compute the forward result without recording (from `detached()`
    /// inputs or inside ``withNoGrad(_:)``), then attach the rule. When no input requires a
    /// gradient, or recording is off, nothing is recorded.
    ///
    /// - Parameters:
    ///   - op: the name the tape shows.
    ///   - inputs: the tensors the result depends on.
    ///   - rule: given the gradient of the result (its shape) and the result itself, one gradient
    ///     per input (its shape), or `nil` for an input that needs none. It runs with recording
    ///     off, unless the caller asked `backward(createGraph: true)`.
    /// - Precondition: this tensor is float32 or float64 and was not recorded already.
    public func withGradient(_ op: StaticString, inputs: [Tensor],
                             _ rule: @escaping (_ gradient: Tensor, _ output: Tensor) -> [Tensor?]) -> Tensor {
        precondition(gradNode == nil, "withGradient: \(op)'s result is already recorded; compute it without recording")
        return recordedIfNeeded(op, inputs, rule)
    }

    /// Records `rule` when any of `inputs` requires a gradient; returns `self` either way.
    @inline(__always)
    func recordedIfNeeded(_ op: StaticString, _ inputs: [Tensor], _ rule: @escaping GradNode.Rule) -> Tensor {
        Tensor.recording(inputs) ? recorded(op, inputs, rule) : self
    }
}
