extension Linalg {
    /// The singular value decomposition `a = u·diag(s)·vt` of every matrix
    /// (`numpy.linalg.svd`, LAPACK `gesdd`). float32 or float64. For `a` `[..., m, n]` and
    /// `k = min(m, n)`:
    /// - reduced (default): `u` `[..., m, k]`, `s` `[..., k]`, `vt` `[..., k, n]`;
    /// - `fullMatrices: true`: `u` `[..., m, m]` and `vt` `[..., n, n]`, square and orthogonal.
    ///
    /// `s` is non-negative and descending. The signs of matching singular vectors (a column of `u`
    /// and a row of `vt`) are LAPACK's choice; compare results up to sign.
    ///
    /// Differentiable through any of the outputs, assuming distinct, nonzero singular values
    /// (the singular-vector terms divide by `s[j]² − s[i]²` and by `s`); the gradient through `s`
    /// alone, `u·diag(s̄)·vt`, has no such restriction. Use functions of the singular vectors that
    /// do not depend on their signs (e.g. `u∘u`, `u·vt`). With `fullMatrices: true` and `m ≠ n`,
    /// the extra columns of `u` (or rows of `vt`) are not unique and may not carry a gradient.
    /// - Throws: ``TensorError/noConvergence(operation:)`` when LAPACK's iteration fails.
    /// - Precondition: `a` is a float32 or float64 stack of matrices; during backward, no gradient
    ///   reaches the extra singular vectors of a full-matrices decomposition.
    public static func svd(_ a: Tensor, fullMatrices: Bool = false) throws(TensorError) -> (u: Tensor, s: Tensor, vt: Tensor) {
        checkMatrices(a, "svd")
        let result = decomposeSVD(a, fullMatrices: fullMatrices, vectors: true)
        guard result.converged else { throw .noConvergence(operation: "svd") }
        return (result.u!, result.s, result.vt!)
    }

    /// The singular values of every matrix, `[..., m, n]` → `[..., min(m, n)]`, descending
    /// (`torch.linalg.svdvals`; `numpy.linalg.svd(a, compute_uv=False)`). float32 or float64.
    ///
    /// Differentiable: `ā = u·diag(s̄)·vt` (the singular vectors are computed only when a gradient
    /// is being recorded).
    /// - Throws: ``TensorError/noConvergence(operation:)`` when LAPACK's iteration fails.
    /// - Precondition: `a` is a float32 or float64 stack of matrices.
    public static func svdvals(_ a: Tensor) throws(TensorError) -> Tensor {
        checkMatrices(a, "svdvals")
        let result = decomposeSVD(a, fullMatrices: false, vectors: Tensor.recording(a))
        guard result.converged else { throw .noConvergence(operation: "svdvals") }
        return result.s
    }

    /// Singular values as ``svdvals(_:)``, with NaN for a matrix whose SVD did not converge.
    static func singularValuesOrNaN(_ a: Tensor) -> Tensor {
        decomposeSVD(a, fullMatrices: false, vectors: Tensor.recording(a)).s
    }

    /// Runs `gesdd` on every matrix and returns views of one packed result (`s`, then `u`, then
    /// `vt`), recording the gradient rule on it when needed. A matrix whose SVD does not converge
    /// gets NaN and clears `converged`.
    private static func decomposeSVD(_ a: Tensor, fullMatrices: Bool, vectors: Bool)
        -> (u: Tensor?, s: Tensor, vt: Tensor?, converged: Bool) {
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1], k = Swift.min(m, n)
        let batch = Array(a.shape.dropLast(2))
        let layout = SVDLayout(batch: batch, m: m, n: n, full: fullMatrices, vectors: vectors)
        let (packed, converged) = switch a.dtype {
        case .float32: svdKernel(Float.self, a, layout)
        default: svdKernel(Double.self, a, layout)
        }
        guard vectors else { return (nil, packed.packedPart(at: 0, shape: layout.sShape), nil, converged) }
        let result = packed.recordedIfNeeded("svd", [a]) { g, packed in
            var (u, s, vt) = layout.parts(of: packed)
            var (gu, gs, gvt) = layout.parts(of: g)
            if fullMatrices {
                precondition((m == k || gu.matrixBlock(rows: 0..<m, columns: k..<m).isAllZero)
                             && (n == k || gvt.matrixBlock(rows: k..<n, columns: 0..<n).isAllZero),
                             "svd: with fullMatrices: true, the extra columns of u (rows of vt) of a \(m)×\(n) matrix are not unique and have no gradient; use fullMatrices: false")
                (u, gu) = (u.matrixBlock(rows: 0..<m, columns: 0..<k), gu.matrixBlock(rows: 0..<m, columns: 0..<k))
                (vt, gvt) = (vt.matrixBlock(rows: 0..<k, columns: 0..<n), gvt.matrixBlock(rows: 0..<k, columns: 0..<n))
            }
            return [svdGradient(u: u, s: s, vt: vt, gu: gu.isAllZero ? nil : gu, gs: gs.isAllZero ? nil : gs,
                                gvt: gvt.isAllZero ? nil : gvt) ?? Tensor.zeros(like: a)]
        }
        let (u, s, vt) = layout.parts(of: result)
        return (u, s, vt, converged)
    }

    /// Where `s`, `u` and `vt` lie in the packed result of ``decomposeSVD(_:fullMatrices:vectors:)``.
    private struct SVDLayout {
        let m: Int, n: Int, k: Int, count: Int
        let sShape: [Int], uShape: [Int], vtShape: [Int]
        let uColumns: Int, vtRows: Int
        let full: Bool, vectors: Bool

        init(batch: [Int], m: Int, n: Int, full: Bool, vectors: Bool) {
            (self.m, self.n, k, count, self.full, self.vectors) = (m, n, Swift.min(m, n), Shape.count(batch), full, vectors)
            uColumns = full ? m : k
            vtRows = full ? n : k
            sShape = batch + [k]
            uShape = batch + [m, uColumns]
            vtShape = batch + [vtRows, n]
        }

        var sStart: Int { 0 }
        var uStart: Int { count * k }
        var vtStart: Int { uStart + count * m * uColumns }
        var total: Int { vectors ? vtStart + count * vtRows * n : uStart }

        func parts(of packed: Tensor) -> (u: Tensor, s: Tensor, vt: Tensor) {
            (packed.packedPart(at: uStart, shape: uShape), packed.packedPart(at: sStart, shape: sShape),
             packed.packedPart(at: vtStart, shape: vtShape))
        }
    }

    private static func svdKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor, _ layout: SVDLayout) -> (Tensor, Bool) {
        let (m, n, k) = (layout.m, layout.n, layout.k)
        let work = a.lapackCopy(batch: Array(a.shape.dropLast(2)))
        let packed = Tensor.zeros([layout.total], dtype: a.dtype)
        let base = packed.basePointer(T.self)
        let uSize = m * layout.uColumns, vtSize = layout.vtRows * n
        var converged = true
        if k == 0 {
            // No singular values; a full decomposition still has orthogonal u and vt: identities.
            if layout.vectors {
                for i in 0..<layout.count {
                    for d in 0..<layout.uColumns where d < m { base[layout.uStart + i * uSize + d * layout.uColumns + d] = 1 }
                    for d in 0..<layout.vtRows where d < n { base[layout.vtStart + i * vtSize + d * n + d] = 1 }
                }
            }
            return (packed, converged)
        }
        BLAS.prepare()
        let jobz = UInt8(ascii: layout.vectors ? (layout.full ? "A" : "S") : "N")
        // With jobz "N", LAPACK does not touch u and vt, but LAPACKE wants valid pointers.
        let dummy = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { dummy.deallocate() }
        for i in 0..<layout.count {
            let p = work.basePointer(T.self) + i * m * n
            let s = base + layout.sStart + i * k
            let u = layout.vectors ? base + layout.uStart + i * uSize : dummy
            let vt = layout.vectors ? base + layout.vtStart + i * vtSize : dummy
            if allFinite(p, m * n) {
                let info = T.gesdd(jobz: jobz, m: Int32(m), n: Int32(n), a: p, lda: Int32(n), s: s,
                                   u: u, ldu: Int32(Swift.max(layout.uColumns, 1)),
                                   vt: vt, ldvt: Int32(Swift.max(n, 1)))
                LAPACKInfo.checkArguments(info, "gesdd")
                if info == 0 { continue }
                converged = false
            }
            s.update(repeating: .nan, count: k)
            if layout.vectors {
                u.update(repeating: .nan, count: uSize)
                vt.update(repeating: .nan, count: vtSize)
            }
        }
        return (packed, converged)
    }
}
