extension Tensor {
    /// Each element repeated `count` times in a row along `axis` (`numpy.repeat`,
    /// `torch.repeat_interleave`): `[a, b].repeated(2, axis: 0)` is `[a, a, b, b]`. With no
    /// axis the tensor is flattened first, as NumPy does.
    ///
    /// This is not `torch.Tensor.repeat`, which repeats the whole tensor (`[a, b, a, b]`); that
    /// is ``tiled(_:)``. The result has this dtype and is a copy (it may share storage when
    /// `count` is 1); differentiable.
    /// - Precondition: `count ≥ 0`; `axis` is in range.
    public func repeated(_ count: Int, axis: Int? = nil) -> Tensor {
        precondition(count >= 0, "repeated: count must be non-negative, got \(count)")
        guard let axis else { return flattened().repeated(count, axis: 0) }
        let a = existingAxis(axis, "repeated")
        var spread = shape
        spread.insert(count, at: a + 1)
        var merged = shape
        merged[a] *= count
        return unsqueezed(axis: a + 1).expanded(to: spread).reshaped(merged)
    }

    /// Element `i` along `axis` repeated `counts[i]` times (`numpy.repeat` with an array of
    /// repeats): `[a, b].repeated(counts: [1, 3], axis: 0)` is `[a, b, b, b]`. A copy;
    /// differentiable.
    /// - Precondition: `counts` has `shape[axis]` non-negative entries.
    public func repeated(counts: [Int], axis: Int) -> Tensor {
        let a = existingAxis(axis, "repeated")
        precondition(counts.count == shape[a] && counts.allSatisfy { $0 >= 0 },
                     "repeated: need \(shape[a]) non-negative counts for axis \(axis) of shape \(shape), got \(counts)")
        var positions: [Int] = []
        for (i, n) in counts.enumerated() { positions.append(contentsOf: repeatElement(i, count: n)) }
        return indexSelect(axis: a, indices: Tensor(positions, shape: [positions.count]))
    }

    /// The whole tensor repeated `reps[d]` times along each axis (`numpy.tile`,
    /// `torch.Tensor.repeat`): `[a, b].tiled([2])` is `[a, b, a, b]`.
    ///
    /// When `reps` is shorter than the rank, it is padded with leading 1s; when it is longer,
    /// the tensor gets leading size-1 axes, so the result has rank `max(rank, reps.count)`.
    /// The result has this dtype and is a copy (it may share storage when every count is 1);
    /// differentiable.
    /// - Precondition: every repetition count is non-negative.
    public func tiled(_ reps: [Int]) -> Tensor {
        precondition(reps.allSatisfy { $0 >= 0 }, "tiled: repetition counts must be non-negative, got \(reps)")
        let r = Swift.max(rank, reps.count)
        let counts = Array(repeating: 1, count: r - reps.count) + reps
        var x = self
        for _ in 0..<(r - rank) { x = x.unsqueezed(axis: 0) }
        let base = x.shape
        // Interleave a size-1 axis before each axis, expand it to the count, then merge pairs.
        var spread: [Int] = [], result: [Int] = []
        for d in 0..<r {
            x = x.unsqueezed(axis: 2 * d)
            spread += [counts[d], base[d]]
            result.append(counts[d] * base[d])
        }
        return x.expanded(to: spread).reshaped(result)
    }
}
