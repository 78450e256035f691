extension Linalg {
    /// The least-squares solution `x` minimising `‖a·x − b‖₂`, and among the minimisers the one
    /// of least norm (`numpy.linalg.lstsq(a, b)[0]`, LAPACK `gelsd`, by SVD). float32 or float64.
    ///
    /// `a` is one matrix `[m, n]`; `b` is `[m]` (→ x `[n]`) or `[m, k]` (→ x `[n, k]`). Any `m`
    /// and `n` and any rank: singular values at or below `rcond·s_max` are treated as zero. The
    /// default `rcond` is NumPy's, machine epsilon of the dtype times `max(m, n)`.
    ///
    /// Differentiable in `a` and `b` where `a` has full rank. For `m ≥ n` (full column rank), with
    /// `z = (aᵀa)⁻¹·x̄` and `r = b − a·x`: `b̄ = a·z`, `ā = r·zᵀ − a·z·xᵀ`. For `m < n` (full row
    /// rank, so `x = aᵀ·w` with `w = (a·aᵀ)⁻¹·b`), with `y = (a·aᵀ)⁻¹·a·x̄`: `b̄ = y`,
    /// `ā = w·x̄ᵀ − y·xᵀ − w·yᵀ·a`. For a rank-deficient `a` the gradient is not defined (it is
    /// then inaccurate or NaN).
    /// - Throws: ``TensorError/noConvergence(operation:)`` when the SVD fails to converge.
    /// - Precondition: `a` is 2-D; `b` is 1-D or 2-D with `m` rows; dtypes match; `rcond`, when
    ///   given, is finite.
    public static func lstsq(_ a: Tensor, _ b: Tensor, rcond: Double? = nil) throws(TensorError) -> Tensor {
        checkMatrices(a, "lstsq")
        checkSameDType(a, b, "lstsq")
        precondition(a.rank == 2, "lstsq: a must be a single matrix [m, n], got \(a.shape)")
        let m = a.shape[0], n = a.shape[1]
        precondition((b.rank == 1 || b.rank == 2) && b.shape[0] == m,
                     "lstsq: b must be [\(m)] or [\(m), k] for a of shape \(a.shape), got \(b.shape)")
        precondition(rcond.map(\.isFinite) ?? true, "lstsq: rcond must be finite, got \(rcond!)")
        if b.rank == 1 { return try lstsq(a, b.unsqueezed(axis: -1), rcond: rcond).squeezed(axis: -1) }
        let threshold = rcond ?? (a.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne) * Double(Swift.max(m, n))
        let x: Tensor
        switch a.dtype {
        case .float32: x = try lstsqKernel(Float.self, a, b, rcond: Float(threshold))
        default: x = try lstsqKernel(Double.self, a, b, rcond: threshold)
        }
        return x.recordedIfNeeded("lstsq", [a, b]) { g, x in
            if m >= n {
                let z = solveInRule(a.transposed().matmul(a), g)
                let az = a.matmul(z)
                return [a.requiresGrad ? (b - a.matmul(x)).matmul(z.transposed()) - az.matmul(x.transposed()) : nil,
                        b.requiresGrad ? az : nil]
            }
            let gram = a.matmul(a.transposed())
            let y = solveInRule(gram, a.matmul(g))
            var ga: Tensor?
            if a.requiresGrad {
                let w = solveInRule(gram, b)
                ga = w.matmul(g.transposed()) - y.matmul(x.transposed()) - w.matmul(y.transposed()).matmul(a)
            }
            return [ga, b.requiresGrad ? y : nil]
        }
    }

    private static func lstsqKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor, _ b: Tensor,
                                                     rcond: T) throws(TensorError) -> Tensor {
        let m = a.shape[0], n = a.shape[1], k = b.shape[1]
        let rows = Swift.max(m, n)
        // gelsd reads b from the first m rows and writes x into the first n.
        let work = Tensor.zeros([rows, k], dtype: a.dtype)
        let x = work.view(shape: [n, k], strides: Shape.contiguousStrides([n, k]))
        if m == 0 || n == 0 || k == 0 { return x }
        let matrix = a.lapackCopy(batch: [])
        copyElements(from: b, to: work.view(shape: [m, k], strides: Shape.contiguousStrides([m, k])))
        let pa = matrix.basePointer(T.self), pb = work.basePointer(T.self)
        guard allFinite(pa, m * n) && allFinite(pb, m * k) else {
            pb.update(repeating: .nan, count: rows * k)
            return x
        }
        BLAS.prepare()
        let singularValues = UnsafeMutablePointer<T>.allocate(capacity: Swift.min(m, n))
        defer { singularValues.deallocate() }
        var rank: Int32 = 0
        let info = T.gelsd(m: Int32(m), n: Int32(n), nrhs: Int32(k), a: pa, lda: Int32(n), b: pb, ldb: Int32(k),
                           s: singularValues, rcond: rcond, rank: &rank)
        if info > 0 { throw .noConvergence(operation: "lstsq") }
        LAPACKInfo.checkArguments(info, "gelsd")
        return x
    }
}
