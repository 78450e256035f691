extension Tensor {
    /// Consecutive pieces along `axis` with the given sizes (`torch.split` with a list of
    /// sizes). Each piece is a view sharing this tensor's storage; each is differentiable.
    /// - Precondition: the sizes are non-negative and add up to `shape[axis]`.
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let a = existingAxis(axis, "split")
        precondition(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[a],
                     "split: sizes \(sizes) do not add up to the size \(shape[a]) of axis \(axis) (shape \(shape))")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return narrowed(axis: a, start: start, length: size)
        }
    }

    /// `parts` equal pieces along `axis` (`numpy.split` with a number of sections). Views,
    /// each differentiable.
    /// - Precondition: `parts > 0` divides `shape[axis]`.
    public func split(parts: Int, axis: Int = 0) -> [Tensor] {
        let a = existingAxis(axis, "split")
        precondition(parts > 0 && shape[a] % parts == 0,
                     "split: axis \(axis) of size \(shape[a]) cannot be split into \(parts) equal parts")
        return split(sizes: Array(repeating: shape[a] / parts, count: parts), axis: a)
    }

    /// At most `n` pieces along `axis` (`torch.chunk`): each has `ceil(size / n)` positions
    /// except possibly a smaller last one, so fewer than `n` pieces come back when the size
    /// does not allow `n` (e.g. size 6 in 4 chunks gives sizes 2, 2, 2). An axis of size 0
    /// gives one empty piece. Views, each differentiable.
    /// - Precondition: `n > 0`.
    public func chunk(_ n: Int, axis: Int = 0) -> [Tensor] {
        precondition(n > 0, "chunk: the number of chunks must be positive, got \(n)")
        let a = existingAxis(axis, "chunk")
        let size = shape[a]
        if size == 0 { return [self] }
        let step = (size + n - 1) / n
        return stride(from: 0, to: size, by: step).map { start in
            narrowed(axis: a, start: start, length: Swift.min(step, size - start))
        }
    }

    /// The slices at each position of `axis`, with that axis removed (`torch.unbind`). Views,
    /// each differentiable.
    public func unbind(axis: Int = 0) -> [Tensor] {
        let a = existingAxis(axis, "unbind")
        var entries = [TensorIndex](repeating: .all, count: rank)
        return (0..<shape[a]).map { i in
            entries[a] = .index(i)
            return sliced(entries)
        }
    }
}
