extension Linalg {
    /// Solves the linear systems `a·x = b` (`numpy.linalg.solve`, LAPACK `gesv`: LU with partial
    /// pivoting).
    ///
    /// Shapes follow NumPy 2:
    /// - `b` of rank 1 is one right-hand side vector: a `[..., n, n]`, b `[n]` → x `[..., n]`;
    /// - otherwise `b` is a stack of matrices: a `[..., n, n]`, b `[..., n, k]` → x `[..., n, k]`,
    ///   with the batch axes of `a` and `b` broadcast together.
    ///
    /// Both float32 or both float64. Differentiable in `a` and `b`:
    /// `b̄ = a⁻ᵀ·x̄` and `ā = −b̄·xᵀ` (summed over broadcast batch axes).
    /// - Throws: ``TensorError/singularMatrix(operation:)`` when some `a` is exactly singular
    ///   (a zero pivot). Nearly singular matrices give large, inaccurate values, as in NumPy.
    /// - Precondition: `a` is a stack of square matrices; `b` has `n` rows; dtypes match; the
    ///   batch axes broadcast.
    public static func solve(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let n = checkSquare(a, "solve")
        checkSameDType(a, b, "solve")
        if b.rank == 1 {
            precondition(b.shape[0] == n, "solve: b of shape \(b.shape) does not match a of shape \(a.shape)")
            return try solve(a, b.unsqueezed(axis: -1)).squeezed(axis: -1)
        }
        precondition(b.rank >= 2 && b.shape[b.rank - 2] == n,
                     "solve: b must be [..., \(n), k] (or a vector [\(n)]) for a of shape \(a.shape), got \(b.shape)")
        let batch = batchShape(a, b, "solve")
        let x: Tensor
        switch a.dtype {
        case .float32: x = try solveKernel(Float.self, a, b, batch: batch)
        default: x = try solveKernel(Double.self, a, b, batch: batch)
        }
        return x.recordedIfNeeded("solve", [a, b]) { g, x in
            let gb = solveInRule(a.transposed(), g)
            return [a.requiresGrad ? (-gb.matmul(x.transposed())).sumTo(a.shape) : nil,
                    b.requiresGrad ? gb.sumTo(b.shape) : nil]
        }
    }

    private static func solveKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor, _ b: Tensor,
                                                     batch: [Int]) throws(TensorError) -> Tensor {
        let n = a.shape[a.rank - 1], k = b.shape[b.rank - 1]
        let lu = a.lapackCopy(batch: batch), x = b.lapackCopy(batch: batch)
        if n == 0 || k == 0 { return x }
        BLAS.prepare()
        let pivots = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { pivots.deallocate() }
        for i in 0..<Shape.count(batch) {
            let pa = lu.basePointer(T.self) + i * n * n, pb = x.basePointer(T.self) + i * n * k
            guard allFinite(pa, n * n) && allFinite(pb, n * k) else {
                pb.update(repeating: .nan, count: n * k)
                continue
            }
            let info = T.gesv(n: Int32(n), nrhs: Int32(k), a: pa, lda: Int32(n), pivots: pivots, b: pb, ldb: Int32(k))
            if info > 0 { throw .singularMatrix(operation: "solve") }
            LAPACKInfo.checkArguments(info, "gesv")
        }
        return x
    }

    /// The inverse of every matrix: `[..., n, n]` → `[..., n, n]` (`numpy.linalg.inv`, LAPACK
    /// `getrf` + `getri`). float32 or float64.
    ///
    /// Prefer ``solve(_:_:)`` to multiplying by an inverse: it is faster and more accurate.
    /// Differentiable: `ā = −a⁻ᵀ·ḡ·a⁻ᵀ`.
    /// - Throws: ``TensorError/singularMatrix(operation:)`` when some matrix is exactly singular.
    /// - Precondition: `a` is a stack of square matrices.
    public static func inv(_ a: Tensor) throws(TensorError) -> Tensor {
        checkSquare(a, "inv")
        let out: Tensor
        switch a.dtype {
        case .float32: out = try invKernel(Float.self, a)
        default: out = try invKernel(Double.self, a)
        }
        return out.recordedIfNeeded("inv", [a]) { g, inverse in
            let t = inverse.transposed()
            return [-t.matmul(g).matmul(t)]
        }
    }

    private static func invKernel<T: LAPACKScalar>(_: T.Type, _ a: Tensor) throws(TensorError) -> Tensor {
        let n = a.shape[a.rank - 1]
        let out = a.lapackCopy(batch: Array(a.shape.dropLast(2)))
        if n == 0 { return out }
        BLAS.prepare()
        let pivots = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        defer { pivots.deallocate() }
        for i in 0..<(out.count / (n * n)) {
            let p = out.basePointer(T.self) + i * n * n
            guard allFinite(p, n * n) else {
                p.update(repeating: .nan, count: n * n)
                continue
            }
            let info = T.getrf(m: Int32(n), n: Int32(n), a: p, lda: Int32(n), pivots: pivots)
            if info > 0 { throw .singularMatrix(operation: "inv") }
            LAPACKInfo.checkArguments(info, "getrf")
            let inverted = T.getri(n: Int32(n), a: p, lda: Int32(n), pivots: pivots)
            if inverted > 0 { throw .singularMatrix(operation: "inv") }
            LAPACKInfo.checkArguments(inverted, "getri")
        }
        return out
    }
}
