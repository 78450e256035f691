extension Tensor {
    /// The tensors joined end to end along an existing `axis` (`torch.cat`,
    /// `numpy.concatenate`).
    ///
    /// The result is a new tensor whose `axis` size is the sum of the inputs' sizes; every
    /// other axis has the common size. Works for every dtype. Differentiable in each input
    /// (each gets its slice of the gradient).
    /// - Precondition: at least one tensor; all share a dtype and a rank of at least 1, and have
    ///   the same sizes on every axis other than `axis`.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "concat: needs at least one tensor")
        let first = tensors[0]
        precondition(first.rank >= 1, "concat: 0-d tensors have no axis to join along; use stack")
        let a = Shape.normalize(axis: axis, rank: first.rank, "concat")
        var total = 0
        for t in tensors {
            precondition(t.dtype == first.dtype, "concat: dtypes \(first.dtype) and \(t.dtype) differ")
            precondition(t.rank == first.rank && t.shape.indices.allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                         "concat: shapes \(first.shape) and \(t.shape) differ outside axis \(a)")
            total += t.shape[a]
        }
        var outShape = first.shape
        outShape[a] = total
        let out = Tensor(uninitializedShape: outShape, dtype: first.dtype)
        var starts: [Int] = []
        var start = 0
        for t in tensors {
            starts.append(start)
            let part = ResolvedSlice(axis: a, start: start, count: t.shape[a], step: 1, shape: outShape)
            copyElements(from: t, to: part.view(of: out))
            start += t.shape[a]
        }
        let needed = tensors.map(\.requiresGrad), sizes = tensors.map { $0.shape[a] }, offsets = starts
        return out.recordedIfNeeded("concat", tensors) { g, _ in
            needed.indices.map { i in needed[i] ? g.narrowed(axis: a, start: offsets[i], length: sizes[i]) : nil }
        }
    }

    /// The tensors joined along a new `axis` (`torch.stack`, `numpy.stack`): the result has
    /// the common shape with an axis of size `tensors.count` inserted at `axis`
    /// (`0...rank`; negative counts from the end). Differentiable in each input.
    /// - Precondition: at least one tensor; all have the same shape and dtype.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack: needs at least one tensor")
        let shape = tensors[0].shape
        for t in tensors {
            precondition(t.shape == shape, "stack: shapes \(shape) and \(t.shape) differ")
        }
        let a = axis < 0 ? axis + shape.count + 1 : axis
        precondition(a >= 0 && a <= shape.count, "stack: axis \(axis) is out of range for stacking rank-\(shape.count) tensors")
        return concat(tensors.map { $0.unsqueezed(axis: a) }, axis: a)
    }
}
