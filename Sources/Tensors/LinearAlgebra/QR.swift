extension Linalg {
    /// The reduced QR decomposition `a = q·r` of every matrix: for `a` `[..., m, n]` and
    /// `k = min(m, n)`, `q` `[..., m, k]` has orthonormal columns and `r` `[..., k, n]` is upper
    /// triangular (`numpy.linalg.qr(a, mode="reduced")`, LAPACK `geqrf` + `orgqr`).
    /// float32 or float64.
    ///
    /// The signs are LAPACK's (Householder) choice, as in NumPy: the diagonal of `r` may be
    /// negative. QR always exists, so this function does not throw.
    ///
    /// Differentiable through `q`, `r` or both, for any `m` and `n`, where the leading `k × k`
    /// block of `r` is invertible (`a` of full rank); otherwise the gradient holds infinities or
    /// NaN. `q` and `r` are views of one packed buffer that carries the single gradient rule.
    /// - Precondition: `a` is a float32 or float64 stack of matrices.
    public static func qr(_ a: Tensor) -> (q: Tensor, r: Tensor) {
        checkMatrices(a, "qr")
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1], k = Swift.min(m, n)
        let batch = Array(a.shape.dropLast(2))
        let qShape = batch + [m, k], rShape = batch + [k, n]
        let qCount = Shape.count(qShape)
        let packed = switch a.dtype {
        case .float32: qrKernel(Float.self, a, qCount: qCount, rCount: Shape.count(rShape))
        default: qrKernel(Double.self, a, qCount: qCount, rCount: Shape.count(rShape))
        }
        let result = packed.recordedIfNeeded("qr", [a]) { g, packed in
            let q = packed.packedPart(at: 0, shape: qShape), r = packed.packedPart(at: qCount, shape: rShape)
            let gq = g.packedPart(at: 0, shape: qShape), gr = g.packedPart(at: qCount, shape: rShape)
            return [qrGradient(a, q, r, gq.isAllZero ? nil : gq, gr.isAllZero ? nil : gr)]
        }
        return (result.packedPart(at: 0, shape: qShape), result.packedPart(at: qCount, shape: rShape))
    }

    /// Packs every `q` (row-major, one after another), then every `r`.
    private static func qrKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor, qCount: Int, rCount: Int) -> Tensor {
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1], k = Swift.min(m, n)
        let work = a.lapackCopy(batch: Array(a.shape.dropLast(2)))
        let packed = Tensor(uninitializedShape: [qCount + rCount], dtype: a.dtype)
        if k == 0 { return packed }
        BLAS.prepare()
        let tau = UnsafeMutablePointer<T>.allocate(capacity: k)
        defer { tau.deallocate() }
        for i in 0..<(work.count / (m * n)) {
            let p = work.basePointer(T.self) + i * m * n
            let q = packed.basePointer(T.self) + i * m * k, r = packed.basePointer(T.self) + qCount + i * k * n
            guard allFinite(p, m * n) else {
                q.update(repeating: .nan, count: m * k)
                r.update(repeating: .nan, count: k * n)
                continue
            }
            LAPACKInfo.checkArguments(T.geqrf(m: Int32(m), n: Int32(n), a: p, lda: Int32(n), tau: tau), "geqrf")
            for row in 0..<k {
                for column in 0..<n { r[row * n + column] = column >= row ? p[row * n + column] : 0 }
            }
            LAPACKInfo.checkArguments(T.orgqr(m: Int32(m), n: Int32(k), k: Int32(k), a: p, lda: Int32(n), tau: tau), "orgqr")
            for row in 0..<m {
                for column in 0..<k { q[row * k + column] = p[row * n + column] }
            }
        }
        return packed
    }

    /// `ā` from `q̄` and `r̄` (either may be absent).
    ///
    /// For `m ≥ n`, with `M = r·r̄ᵀ − q̄ᵀ·q` and `copyltu(M) = tril(M) + tril(M, −1)ᵀ`:
    /// `ā = (q̄ + q·copyltu(M))·r⁻ᵀ`. For `m < n`, split `a = [x | y]` and `r = [u | v]` with `x = q·u`
    /// square and `v = qᵀ·y`: then `ȳ = q·v̄`, and `x̄` is the square case with `q̄ + y·v̄ᵀ` and `ū`.
    private static func qrGradient(_ a: Tensor, _ q: Tensor, _ r: Tensor, _ gq: Tensor?, _ gr: Tensor?) -> Tensor {
        let m = a.shape[a.rank - 2], n = a.shape[a.rank - 1]
        if m >= n { return tallQRGradient(q, r, gq, gr) ?? Tensor.zeros(like: a) }
        let u = r.matrixBlock(rows: 0..<m, columns: 0..<m)
        let gu = gr?.matrixBlock(rows: 0..<m, columns: 0..<m), gv = gr?.matrixBlock(rows: 0..<m, columns: m..<n)
        var gqSquare = gq
        if let gv {
            let y = a.matrixBlock(rows: 0..<m, columns: m..<n)
            let fromV = y.matmul(gv.transposed())
            gqSquare = gqSquare.map { $0 + fromV } ?? fromV
        }
        var ga = Tensor.zeros(like: a)
        if let gx = tallQRGradient(q, u, gqSquare, gu) { ga = ga + gx.placedInMatrices(a.shape, row: 0, column: 0) }
        if let gv { ga = ga + q.matmul(gv).placedInMatrices(a.shape, row: 0, column: m) }
        return ga
    }

    /// The `m ≥ n` case of ``qrGradient(_:_:_:_:_:)``; `nil` when neither gradient is present.
    private static func tallQRGradient(_ q: Tensor, _ r: Tensor, _ gq: Tensor?, _ gr: Tensor?) -> Tensor? {
        var mixed: Tensor?
        if let gr { mixed = r.matmul(gr.transposed()) }
        if let gq {
            let fromQ = gq.transposed().matmul(q)
            mixed = mixed.map { $0 - fromQ } ?? -fromQ
        }
        guard let mixed else { return nil }
        var b = q.matmul(mixed.tril() + mixed.tril(-1).transposed())
        if let gq { b = b + gq }
        return solveTriangular(r.transposed(), b, upper: false, left: false)
    }
}
