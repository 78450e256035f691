extension Linalg {
    /// Solves triangular systems (`torch.linalg.solve_triangular`, BLAS `trsm`):
    /// `a·x = b` when `left` (a `[..., n, n]`, b `[..., n, k]` → x `[..., n, k]`), or
    /// `x·a = b` otherwise (b `[..., k, n]` → x `[..., k, n]`); the batch axes broadcast.
    ///
    /// Only the `upper` (or lower) triangle of `a` is read; with `unitDiagonal` its diagonal is
    /// taken to be ones and not read either. Both float32 or both float64.
    ///
    /// Nothing is checked for singularity, as in PyTorch: a zero on the diagonal gives
    /// infinities or NaN in the result, and this function never throws.
    ///
    /// Differentiable in `a` and `b` (the gradient of `a` lies in the triangle that was read).
    /// - Precondition: `a` is a stack of square matrices; `b` has rank ≥ 2 and `n` rows (`left`)
    ///   or columns; dtypes match; batch axes broadcast.
    public static func solveTriangular(_ a: Tensor, _ b: Tensor, upper: Bool, left: Bool = true,
                                       unitDiagonal: Bool = false) -> Tensor {
        let n = checkSquare(a, "solveTriangular")
        checkSameDType(a, b, "solveTriangular")
        precondition(b.rank >= 2 && b.shape[b.rank - (left ? 2 : 1)] == n,
                     "solveTriangular: b of shape \(b.shape) does not fit a of shape \(a.shape) (left: \(left))")
        let batch = batchShape(a, b, "solveTriangular")
        let x = b.lapackCopy(batch: batch)
        switch a.dtype {
        case .float32: triangularKernel(Float.self, a.lapackCopy(batch: batch), x, upper, left, unitDiagonal)
        default: triangularKernel(Double.self, a.lapackCopy(batch: batch), x, upper, left, unitDiagonal)
        }
        return x.recordedIfNeeded("solveTriangular", [a, b]) { g, x in
            // left: a·x = b, so b̄ = a⁻ᵀ·ḡ and ā = −b̄·xᵀ; right: x·a = b, so b̄ = ḡ·a⁻ᵀ and ā = −xᵀ·b̄.
            let gb = solveTriangular(a.transposed(), g, upper: !upper, left: left, unitDiagonal: unitDiagonal)
            var ga: Tensor?
            if a.requiresGrad {
                let full = left ? -gb.matmul(x.transposed()) : -x.transposed().matmul(gb)
                let diagonalOffset = unitDiagonal ? 1 : 0
                ga = (upper ? full.triu(diagonalOffset) : full.tril(-diagonalOffset)).sumTo(a.shape)
            }
            return [ga, b.requiresGrad ? gb.sumTo(b.shape) : nil]
        }
    }

    private static func triangularKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor, _ x: Tensor, _ upper: Bool,
                                                          _ left: Bool, _ unitDiagonal: Bool) {
        let n = a.shape[a.rank - 1]
        let rows = x.shape[x.rank - 2], columns = x.shape[x.rank - 1]
        if rows == 0 || columns == 0 { return }
        BLAS.prepare()
        for i in 0..<(x.count / (rows * columns)) {
            T.trsm(left: left, upper: upper, unitDiagonal: unitDiagonal, m: Int32(rows), n: Int32(columns),
                   a: a.basePointer(T.self) + i * n * n, lda: Int32(n),
                   b: x.basePointer(T.self) + i * rows * columns, ldb: Int32(columns))
        }
    }
}
