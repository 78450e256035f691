extension Linalg {
    /// The Cholesky factor of every symmetric positive-definite matrix: the lower-triangular
    /// `l` with `a = l·lᵀ` and a positive diagonal, `[..., n, n]` → `[..., n, n]`
    /// (`numpy.linalg.cholesky`, LAPACK `potrf`). float32 or float64.
    ///
    /// Only the lower triangle and the diagonal of `a` are read, as in NumPy: `a` is taken to be
    /// symmetric. The upper triangle of the result is zero.
    ///
    /// Differentiable, with the symmetric gradient (as PyTorch): for `M = lᵀ·l̄`,
    /// `ā = l⁻ᵀ·½(tril(M) + tril(M, −1)ᵀ)·l⁻¹`, the gradient with respect to a symmetric `a`.
    /// Check it through a function that symmetrises its input, e.g. `cholesky(x·xᵀ + n·I)`.
    /// - Throws: ``TensorError/notPositiveDefinite(operation:)`` when some matrix is not
    ///   (numerically) positive definite.
    /// - Precondition: `a` is a stack of square matrices.
    public static func cholesky(_ a: Tensor) throws(TensorError) -> Tensor {
        checkSquare(a, "cholesky")
        let l: Tensor
        switch a.dtype {
        case .float32: l = try choleskyKernel(Float.self, a)
        default: l = try choleskyKernel(Double.self, a)
        }
        return l.recordedIfNeeded("cholesky", [a]) { g, l in
            let m = l.transposed().matmul(g).tril()
            let symmetric = 0.5 * (m + m.tril(-1).transposed())
            let right = solveTriangular(l.transposed(), symmetric, upper: true)
            return [solveTriangular(l, right, upper: false, left: false)]
        }
    }

    private static func choleskyKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor) throws(TensorError) -> Tensor {
        let n = a.shape[a.rank - 1]
        let l = a.lapackCopy(batch: Array(a.shape.dropLast(2)))
        if n == 0 { return l }
        BLAS.prepare()
        for i in 0..<(l.count / (n * n)) {
            let p = l.basePointer(T.self) + i * n * n
            guard allFinite(p, n * n) else {
                p.update(repeating: .nan, count: n * n)
                continue
            }
            let info = T.potrfLower(n: Int32(n), a: p, lda: Int32(n))
            if info > 0 { throw .notPositiveDefinite(operation: "cholesky") }
            LAPACKInfo.checkArguments(info, "potrf")
            for r in 0..<n {
                for c in (r + 1)..<n { p[r * n + c] = 0 }
            }
        }
        return l
    }
}
