extension Tensor {
    /// The same elements with a new shape; one size may be -1 and is then inferred.
    /// A view when the tensor is contiguous, a copy otherwise.
    /// - Precondition: the new shape holds the same number of elements.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        let target = resolvedShape(newShape)
        if target == shape { return self }
        let source = contiguous()
        let out = source.view(shape: target, strides: Shape.contiguousStrides(target))
        guard Tensor.recording(source) else { return out }
        return out.recorded("reshape", [source]) { [shape] g, _ in [g.reshaped(shape)] }
    }

    /// `newShape` with a -1 resolved; traps when the counts differ.
    func resolvedShape(_ newShape: [Int]) -> [Int] {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        precondition(unknown.count <= 1 && newShape.allSatisfy { $0 >= -1 },
                     "reshape: invalid target shape \(newShape) (at most one -1, no other negative sizes)")
        var target = newShape
        if let u = unknown.first {
            let known = newShape.enumerated().reduce(1) { $1.offset == u ? $0 : $0 * $1.element }
            precondition(known > 0 && count % known == 0,
                         "reshape: cannot infer -1 in \(newShape) for \(count) elements (shape \(shape))")
            target[u] = count / known
        }
        precondition(Shape.count(target) == count,
                     "reshape: cannot view shape \(shape) (\(count) elements) as \(newShape)")
        return target
    }

    /// Axes `startAxis...endAxis` merged into one (all axes by default); a 0-d tensor becomes 1-D.
    public func flattened(startAxis: Int = 0, endAxis: Int = -1) -> Tensor {
        if rank == 0 { return reshaped([1]) }
        let s = Shape.normalize(axis: startAxis, rank: rank, "flattened"), e = Shape.normalize(axis: endAxis, rank: rank, "flattened")
        precondition(s <= e, "flattened: startAxis \(startAxis) comes after endAxis \(endAxis)")
        let merged = shape[s...e].reduce(1, *)
        return reshaped(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    /// A view with the axes reordered: axis `i` of the result is axis `order[i]` of this tensor.
    /// - Precondition: `order` is a permutation of `0..<rank`.
    public func permuted(_ order: [Int]) -> Tensor {
        let normalized = order.map { Shape.normalize(axis: $0, rank: rank, "permuted") }
        precondition(normalized.count == rank && Set(normalized).count == rank,
                     "permuted: \(order) is not a permutation of the \(rank) axes of shape \(shape)")
        if normalized == Array(0..<rank) { return self }
        let out = view(shape: normalized.map { shape[$0] }, strides: normalized.map { strides[$0] })
        guard Tensor.recording(self) else { return out }
        return out.recorded("permute", [self]) { g, _ in [g.permuted(Tensor.inversePermutation(normalized))] }
    }

    static func inversePermutation(_ order: [Int]) -> [Int] {
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, a) in order.enumerated() { inverse[a] = i }
        return inverse
    }

    /// A view with axes `a` and `b` swapped.
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(Shape.normalize(axis: a, rank: rank, "transposed"), Shape.normalize(axis: b, rank: rank, "transposed"))
        return permuted(order)
    }

    /// The matrix transpose: the last two axes swapped (a 1-D or 0-d tensor is returned as is).
    public func transposed() -> Tensor { rank < 2 ? self : transposed(-2, -1) }

    /// The matrix transpose, `x.T` in NumPy (last two axes swapped).
    public var T: Tensor { transposed() }

    /// A view without the size-1 axes (only `axis`, when given).
    /// - Precondition: `axis`, when given, has size 1.
    public func squeezed(axis: Int? = nil) -> Tensor {
        var newShape = shape
        if let axis {
            let a = Shape.normalize(axis: axis, rank: rank, "squeezed")
            precondition(shape[a] == 1, "squeezed: axis \(axis) of shape \(shape) has size \(shape[a]), not 1")
            newShape.remove(at: a)
        } else {
            newShape.removeAll { $0 == 1 }
        }
        return reshapedView(newShape, "squeeze")
    }

    /// A view with a size-1 axis inserted at `axis` (`0...rank`; negative counts from the end).
    public func unsqueezed(axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        precondition(a >= 0 && a <= rank, "unsqueezed: axis \(axis) is out of range for rank \(rank)")
        var newShape = shape
        newShape.insert(1, at: a)
        return reshapedView(newShape, "unsqueeze")
    }

    /// Reshape that only adds or removes size-1 axes, so it is always a view.
    private func reshapedView(_ newShape: [Int], _ name: StaticString) -> Tensor {
        var newStrides: [Int] = []
        var source = 0
        for d in newShape {
            while source < rank && shape[source] == 1 && d != 1 { source += 1 }
            if source < rank && shape[source] == d {
                newStrides.append(strides[source])
                source += 1
            } else {
                newStrides.append(1)
            }
        }
        let out = view(shape: newShape, strides: newStrides)
        guard Tensor.recording(self) else { return out }
        return out.recorded(name, [self]) { [shape] g, _ in [g.reshaped(shape)] }
    }

    /// A view that repeats size-1 axes (and adds leading axes) to reach `target`, without
    /// copying (stride 0), as `torch.expand` and `numpy.broadcast_to`.
    /// - Precondition: this shape broadcasts to `target`.
    public func expanded(to target: [Int]) -> Tensor {
        if target == shape { return self }
        precondition(Shape.broadcast(shape, target) == target,
                     "expanded: shape \(shape) cannot be expanded to \(target)")
        let out = view(shape: target, strides: Shape.broadcastStrides(shape: shape, strides: strides, to: target))
        guard Tensor.recording(self) else { return out }
        return out.recorded("expand", [self]) { [shape] g, _ in [g.sumTo(shape)] }
    }
}
