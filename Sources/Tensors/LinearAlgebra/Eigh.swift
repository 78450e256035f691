extension Linalg {
    /// The eigenvalues and eigenvectors of every real symmetric matrix: `a` `[..., n, n]` →
    /// eigenvalues `[..., n]` in ascending order and eigenvectors `[..., n, n]` whose columns are
    /// the matching orthonormal eigenvectors, `a = v·diag(w)·vᵀ` (`numpy.linalg.eigh`, LAPACK
    /// `syevd`). float32 or float64.
    ///
    /// Only the lower triangle and the diagonal of `a` are read (NumPy's default `UPLO="L"`).
    /// Each eigenvector's sign is LAPACK's choice; compare results up to sign.
    ///
    /// Differentiable through either output or both, as the symmetric gradient
    /// `ā = ½(G + Gᵀ)` with `G = v·(diag(w̄) + F∘(vᵀ·v̄))·vᵀ`, `F[i, j] = 1/(w[j] − w[i])`. The
    /// eigenvector term assumes distinct eigenvalues: equal ones give infinities or NaN, unless
    /// only the eigenvalues are used. Use functions of the eigenvectors that do not depend on
    /// their signs (e.g. `v·vᵀ`, `v∘v`).
    /// - Throws: ``TensorError/noConvergence(operation:)`` when LAPACK's iteration fails.
    /// - Precondition: `a` is a stack of square matrices.
    public static func eigh(_ a: Tensor) throws(TensorError) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
        let n = checkSquare(a, "eigh")
        let batch = Array(a.shape.dropLast(2))
        let wShape = batch + [n], vShape = batch + [n, n]
        let wCount = Shape.count(wShape)
        let packed = switch a.dtype {
        case .float32: try eighKernel(Float.self, a, wCount: wCount)
        default: try eighKernel(Double.self, a, wCount: wCount)
        }
        let result = packed.recordedIfNeeded("eigh", [a]) { g, packed in
            let w = packed.packedPart(at: 0, shape: wShape), v = packed.packedPart(at: wCount, shape: vShape)
            let gw = g.packedPart(at: 0, shape: wShape), gv = g.packedPart(at: wCount, shape: vShape)
            var inner: Tensor?
            if !gw.isAllZero { inner = Tensor.diagonalMatrix(gw) }
            if !gv.isAllZero {
                let fromVectors = gapReciprocals(w) * v.transposed().matmul(gv)
                inner = inner.map { $0 + fromVectors } ?? fromVectors
            }
            guard let inner else { return [Tensor.zeros(like: a)] }
            let ga = v.matmul(inner).matmul(v.transposed())
            return [0.5 * (ga + ga.transposed())]
        }
        return (result.packedPart(at: 0, shape: wShape), result.packedPart(at: wCount, shape: vShape))
    }

    /// Packs every eigenvalue vector, then every eigenvector matrix (computed in place there).
    private static func eighKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor, wCount: Int) throws(TensorError) -> Tensor {
        let n = a.shape[a.rank - 1]
        let packed = Tensor(uninitializedShape: [wCount + wCount * n], dtype: a.dtype)
        let vectors = packed.view(shape: a.shape, strides: Shape.contiguousStrides(a.shape), offset: wCount)
        copyElements(from: a, to: vectors)
        if n == 0 { return packed }
        BLAS.prepare()
        for i in 0..<(wCount / n) {
            let v = packed.basePointer(T.self) + wCount + i * n * n, w = packed.basePointer(T.self) + i * n
            guard allFinite(v, n * n) else {
                v.update(repeating: .nan, count: n * n)
                w.update(repeating: .nan, count: n)
                continue
            }
            let info = T.syevdLower(n: Int32(n), a: v, lda: Int32(n), w: w)
            if info > 0 { throw .noConvergence(operation: "eigh") }
            LAPACKInfo.checkArguments(info, "syevd")
        }
        return packed
    }
}
