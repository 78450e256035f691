extension Linalg {
    /// The determinant of every matrix: `[..., n, n]` → `[...]` (a 0-d tensor for one matrix),
    /// from an LU factorisation (`numpy.linalg.det`, LAPACK `getrf`). float32 or float64.
    ///
    /// A singular matrix gives 0 (no error). Large matrices can overflow or underflow the
    /// element type; ``slogdet(_:)`` does not.
    ///
    /// Differentiable: `ā = ḡ·det(a)·a⁻ᵀ`. At an exactly singular matrix this formula is not
    /// defined and the gradient is NaN (for every matrix of the batch).
    /// - Precondition: `a` is a stack of square matrices.
    public static func det(_ a: Tensor) -> Tensor {
        checkSquare(a, "det")
        let out: Tensor
        switch a.dtype {
        case .float32: out = luDeterminants(Float.self, a).det
        default: out = luDeterminants(Double.self, a).det
        }
        return out.recordedIfNeeded("det", [a]) { g, det in
            [(g * det).unsqueezed(axis: -1).unsqueezed(axis: -1) * invInRule(a).transposed()]
        }
    }

    /// The sign and the natural logarithm of the absolute value of every determinant:
    /// `[..., n, n]` → two `[...]` tensors, with `det = sign · exp(logAbsDet)`
    /// (`numpy.linalg.slogdet`). float32 or float64. Unlike ``det(_:)`` it does not overflow.
    ///
    /// A singular matrix gives sign 0 and logAbsDet −inf (no error).
    ///
    /// `logAbsDet` is differentiable: `ā = ḡ·a⁻ᵀ` (NaN at an exactly singular matrix); `sign`
    /// is piecewise constant and carries no gradient.
    /// - Precondition: `a` is a stack of square matrices.
    public static func slogdet(_ a: Tensor) -> (sign: Tensor, logAbsDet: Tensor) {
        checkSquare(a, "slogdet")
        let result = switch a.dtype {
        case .float32: luDeterminants(Float.self, a)
        default: luDeterminants(Double.self, a)
        }
        let logAbsDet = result.logAbsDet.recordedIfNeeded("slogdet", [a]) { g, _ in
            [g.unsqueezed(axis: -1).unsqueezed(axis: -1) * invInRule(a).transposed()]
        }
        return (result.sign, logAbsDet)
    }

    /// Determinants from LU: `det = ±Π uᵢᵢ`, the sign flipping once per row interchange.
    private static func luDeterminants<T: LAPACKScalar>(_: T.Type, _ a: Tensor)
        -> (det: Tensor, sign: Tensor, logAbsDet: Tensor) {
        let n = a.shape[a.rank - 1]
        let batch = Array(a.shape.dropLast(2))
        let lu = a.lapackCopy(batch: batch)
        let det = Tensor(uninitializedShape: batch, dtype: a.dtype)
        let sign = Tensor(uninitializedShape: batch, dtype: a.dtype)
        let logAbsDet = Tensor(uninitializedShape: batch, dtype: a.dtype)
        let pd = det.basePointer(T.self), ps = sign.basePointer(T.self), pl = logAbsDet.basePointer(T.self)
        BLAS.prepare()
        let pivots = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(n, 1))
        defer { pivots.deallocate() }
        for i in 0..<det.count {
            let p = lu.basePointer(T.self) + i * n * n
            guard allFinite(p, n * n) else {
                (pd[i], ps[i], pl[i]) = (.nan, .nan, .nan)
                continue
            }
            if n > 0 {
                // info > 0 only reports an exact zero on U's diagonal, which gives 0 below.
                LAPACKInfo.checkArguments(T.getrf(m: Int32(n), n: Int32(n), a: p, lda: Int32(n), pivots: pivots), "getrf")
            }
            var product: T = 1, pivotSign: T = 1, diagonalSign: T = 1, logSum: T = 0
            for j in 0..<n {
                let u = p[j * n + j]
                product *= u
                if pivots[j] != Int32(j + 1) { pivotSign = -pivotSign }
                diagonalSign *= u > 0 ? 1 : (u < 0 ? -1 : 0)
                logSum += T.log(Swift.abs(u))
            }
            pd[i] = product * pivotSign
            ps[i] = diagonalSign * pivotSign
            pl[i] = logSum
        }
        return (det, sign, logAbsDet)
    }
}
