/// Parts of the matrices in the last two axes: diagonals, triangles, traces.
extension Tensor {
    /// The diagonal of every matrix in the last two axes, as a view: `[..., m, n]` →
    /// `[..., min(m, n)]` (as `numpy.diagonal(x, axis1=-2, axis2=-1)` and `torch.diagonal`).
    ///
    /// `offset` picks another diagonal: above the main one when positive, below when negative;
    /// its length is clipped to the matrix (0 when it lies outside). Works for every dtype;
    /// differentiable (the gradient is placed on that diagonal of a zero matrix).
    /// - Precondition: the tensor has at least two axes.
    public func diagonal(offset k: Int = 0) -> Tensor {
        precondition(rank >= 2, "diagonal: needs at least two axes, got shape \(shape)")
        let m = shape[rank - 2], n = shape[rank - 1]
        let rowStride = strides[rank - 2], columnStride = strides[rank - 1]
        let length = Swift.max(0, k >= 0 ? Swift.min(m, n - k) : Swift.min(m + k, n))
        let start = length == 0 ? offset : offset + (k >= 0 ? k * columnStride : -k * rowStride)
        let out = view(shape: Array(shape.dropLast(2)) + [length],
                       strides: Array(strides.dropLast(2)) + [rowStride + columnStride], offset: start)
        guard Tensor.recording(self) else { return out }
        return out.recorded("diagonal", [self]) { g, _ in [g.placedOnDiagonal(rows: m, columns: n, offset: k)] }
    }

    /// Zero matrices `[..., rows, columns]` with this tensor's last axis on diagonal `offset`
    /// (the inverse of ``diagonal(offset:)``).
    func placedOnDiagonal(rows: Int, columns: Int, offset k: Int) -> Tensor {
        let out = Tensor.zeros(Array(shape.dropLast()) + [rows, columns], dtype: dtype)
        let target = out.diagonal(offset: k)
        precondition(target.shape == shape,
                     "diagonalMatrix: \(shape) does not fit diagonal \(k) of \(rows)×\(columns) matrices")
        copyElements(from: self, to: target)
        return out.recordedIfNeeded("diagonalMatrix", [self]) { g, _ in [g.diagonal(offset: k)] }
    }

    /// Square matrices with `v` on the diagonal and zeros elsewhere: `[..., n]` → `[..., n, n]`
    /// (as `torch.diag_embed`; `numpy.diag` for a 1-D `v`). Works for every dtype; differentiable.
    /// - Precondition: `v` has at least one axis.
    public static func diagonalMatrix(_ v: Tensor) -> Tensor {
        precondition(v.rank >= 1, "diagonalMatrix: v must have at least one axis, got a scalar")
        let n = v.shape[v.rank - 1]
        return v.placedOnDiagonal(rows: n, columns: n, offset: 0)
    }

    /// The lower triangle of every matrix in the last two axes: elements `(i, j)` with
    /// `j − i ≤ k` are kept and the others set to zero (`k` = 0 keeps the main diagonal, −1
    /// drops it, 1 keeps the first superdiagonal too), as `numpy.tril`. Works for every dtype;
    /// differentiable (the gradient is the same triangle of the incoming gradient).
    /// - Precondition: the tensor has at least two axes.
    public func tril(_ k: Int = 0) -> Tensor {
        precondition(rank >= 2, "tril: needs at least two axes, got shape \(shape)")
        return Tensor.where(Tensor.triangleMask(rows: shape[rank - 2], columns: shape[rank - 1]) { $0 <= k },
                            self, Tensor.zeros([], dtype: dtype))
    }

    /// The upper triangle of every matrix in the last two axes: elements `(i, j)` with
    /// `j − i ≥ k` are kept and the others set to zero, as `numpy.triu`. Works for every dtype;
    /// differentiable.
    /// - Precondition: the tensor has at least two axes.
    public func triu(_ k: Int = 0) -> Tensor {
        precondition(rank >= 2, "triu: needs at least two axes, got shape \(shape)")
        return Tensor.where(Tensor.triangleMask(rows: shape[rank - 2], columns: shape[rank - 1]) { $0 >= k },
                            self, Tensor.zeros([], dtype: dtype))
    }

    /// A `bool` matrix that is `true` where `keep(j − i)` holds.
    private static func triangleMask(rows: Int, columns: Int, _ keep: (Int) -> Bool) -> Tensor {
        let mask = Tensor(uninitializedShape: [rows, columns], dtype: .bool)
        let p = mask.basePointer(Bool.self)
        for i in 0..<rows {
            for j in 0..<columns { p[i * columns + j] = keep(j - i) }
        }
        return mask
    }

    /// The sum of the main diagonal of every matrix in the last two axes: `[..., m, n]` → `[...]`
    /// (a 0-d tensor for one matrix), as `numpy.trace(x, axis1=-2, axis2=-1)`. Differentiable.
    /// - Precondition: the tensor has at least two axes.
    public func trace() -> Tensor {
        precondition(rank >= 2, "trace: needs at least two axes, got shape \(shape)")
        return diagonal().sum(axis: -1)
    }
}
