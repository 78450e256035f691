extension Tensor {
    /// The elements sorted along `axis`, with the position each came from
    /// (`torch.sort(stable=True)`; ascending is `numpy.sort` / `numpy.argsort(kind="stable")`).
    ///
    /// The sort is stable: equal elements keep their order. NaN counts as larger than every
    /// number, so it comes last when ascending (as NumPy) and first when descending (as
    /// PyTorch). `values` has this shape and dtype; `indices` has this shape and dtype `int64`.
    /// `values` is differentiable: the gradient goes back to the position each value came from.
    /// - Precondition: the rank is at least 1; `axis` is in range (negative counts from the end).
    public func sorted(axis: Int = -1, descending: Bool = false) -> (values: Tensor, indices: Tensor) {
        let order = argsort(axis: axis, descending: descending)
        return (gather(axis: axis, indices: order), order)
    }

    /// The positions that sort each lane along `axis` (see ``sorted(axis:descending:)`` for the
    /// order: stable, NaN largest). An `int64` tensor of this shape. Not differentiable.
    /// - Precondition: the rank is at least 1; `axis` is in range.
    public func argsort(axis: Int = -1, descending: Bool = false) -> Tensor {
        let a = existingAxis(axis, "argsort")
        let out = Tensor(uninitializedShape: shape, dtype: .int64)
        let length = shape[a], sourceStride = strides[a], outStride = out.strides[a]
        func run<T: TensorElement>(_: T.Type, _ before: (T, T) -> Bool) {
            let src = basePointer(T.self), dst = out.basePointer(Int.self)
            var lane = [T](), order = [Int](repeating: 0, count: length)
            lane.reserveCapacity(length)
            forEachLane(along: a, of: self, and: out) { s, d in
                lane.removeAll(keepingCapacity: true)
                for i in 0..<length { lane.append(src[s + i * sourceStride]) }
                for i in 0..<length { order[i] = i }
                // Ties broken by position keep the sort stable whatever algorithm `sort` uses.
                order.sort { i, j in
                    let x = lane[i], y = lane[j]
                    if before(x, y) { return true }
                    if before(y, x) { return false }
                    return i < j
                }
                for i in 0..<length { dst[d + i * outStride] = order[i] }
            }
        }
        switch (dtype, descending) {
        case (.float32, false): run(Float.self) { $0 < $1 || (!$0.isNaN && $1.isNaN) }
        case (.float32, true): run(Float.self) { $0 > $1 || ($0.isNaN && !$1.isNaN) }
        case (.float64, false): run(Double.self) { $0 < $1 || (!$0.isNaN && $1.isNaN) }
        case (.float64, true): run(Double.self) { $0 > $1 || ($0.isNaN && !$1.isNaN) }
        case (.int64, false): run(Int.self) { $0 < $1 }
        case (.int64, true): run(Int.self) { $0 > $1 }
        case (.bool, false): run(Bool.self) { !$0 && $1 }
        case (.bool, true): run(Bool.self) { $0 && !$1 }
        }
        return out
    }

    /// The `k` largest (or, with `largest: false`, smallest) elements along `axis`, in order
    /// (largest first, or smallest first), with their positions (`torch.topk`).
    ///
    /// Ties are taken in position order; NaN counts as the largest value. `values` has this
    /// shape with `shape[axis]` replaced by `k` and this dtype; `indices` the same shape in
    /// `int64`. `values` is differentiable (the gradient goes back to the chosen positions).
    /// Runs a full stable sort of each lane.
    /// - Precondition: `0 ≤ k ≤ shape[axis]`; the rank is at least 1; `axis` is in range.
    public func topk(_ k: Int, axis: Int = -1, largest: Bool = true) -> (values: Tensor, indices: Tensor) {
        let a = existingAxis(axis, "topk")
        precondition(k >= 0 && k <= shape[a], "topk: k = \(k) is out of range for axis \(axis) of size \(shape[a])")
        let chosen = argsort(axis: a, descending: largest).narrowed(axis: a, start: 0, length: k).contiguous()
        return (gather(axis: a, indices: chosen), chosen)
    }
}
