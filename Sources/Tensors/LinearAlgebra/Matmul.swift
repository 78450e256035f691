extension Tensor {
    /// The matrix product, with NumPy's `matmul` rules:
    /// - 2-D × 2-D: `[m, k] · [k, n] → [m, n]`;
    /// - N-D: the last two axes are matrices and the leading (batch) axes broadcast,
    ///   `[..., m, k] · [..., k, n] → [..., m, n]`;
    /// - a 1-D left operand is a row vector and a 1-D right operand a column vector, and that
    ///   axis is removed from the result (1-D × 1-D is the dot product, a 0-d tensor).
    ///
    /// Runs on BLAS GEMM; transposed views are passed to BLAS as transposes, without a copy.
    /// - Precondition: both are float32 or both float64; the inner sizes match; batch axes broadcast.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank >= 1 && other.rank >= 1,
                     "matmul: operands must have at least one axis, got shapes \(shape) and \(other.shape)")
        if rank == 1 { return unsqueezed(axis: 0).matmul(other).squeezed(axis: -2 + (other.rank == 1 ? 1 : 0)) }
        if other.rank == 1 { return matmul(other.unsqueezed(axis: -1)).squeezed(axis: -1) }
        let out = Tensor.matmulKernel(self, other)
        guard Tensor.recording(self, other) else { return out }
        return out.recorded("matmul", [self, other]) { [self] g, _ in
            [requiresGrad ? g.matmul(other.transposed()).sumTo(shape) : nil,
             other.requiresGrad ? transposed().matmul(g).sumTo(other.shape) : nil]
        }
    }

    /// `a.matmul(b)`.
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { a.matmul(b) }

    /// How to hand the matrix in the last two axes to BLAS: as is, as a transpose, or copied.
    private struct GEMMOperand {
        let tensor: Tensor
        let transposed: Bool
        let leadingDimension: Int

        init(_ t: Tensor) {
            let r = t.rank, rows = t.shape[r - 2], cols = t.shape[r - 1]
            let rs = t.strides[r - 2], cs = t.strides[r - 1]
            if (cs == 1 || cols == 1) && (rows == 1 || rs >= Swift.max(cols, 1)) {
                tensor = t; transposed = false; leadingDimension = rows == 1 ? Swift.max(cols, 1) : rs
            } else if (rs == 1 || rows == 1) && (cols == 1 || cs >= Swift.max(rows, 1)) {
                tensor = t; transposed = true; leadingDimension = cols == 1 ? Swift.max(rows, 1) : cs
            } else {
                // Neither layout: copy the whole operand (batch axes included) once.
                let c = t.detached().contiguous()
                tensor = c; transposed = false; leadingDimension = Swift.max(cols, 1)
            }
        }
    }

    /// Batched GEMM over broadcast batch axes (no autodiff). Both operands have rank ≥ 2.
    static func matmulKernel(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.dtype == b.dtype, "matmul: dtypes \(a.dtype) and \(b.dtype) differ")
        precondition(a.dtype.isFloatingPoint, "matmul needs float32 or float64 tensors, got \(a.dtype)")
        let ra = a.rank, rb = b.rank
        let m = a.shape[ra - 2], k = a.shape[ra - 1], n = b.shape[rb - 1]
        precondition(b.shape[rb - 2] == k,
                     "matmul: inner sizes differ: \(a.shape) · \(b.shape) (\(k) vs \(b.shape[rb - 2]))")
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        guard let batch = Shape.broadcast(batchA, batchB) else {
            preconditionFailure("matmul: batch shapes \(batchA) and \(batchB) do not broadcast (operands \(a.shape) and \(b.shape))")
        }
        let out = Tensor(uninitializedShape: batch + [m, n], dtype: a.dtype)
        if out.count == 0 { return out }
        if k == 0 {
            out.fill(with: 0)
            return out
        }
        let opA = GEMMOperand(a), opB = GEMMOperand(b)
        let elementSize = a.dtype.byteSize
        let baseA = UnsafeRawPointer(opA.tensor.storage.data), baseB = UnsafeRawPointer(opB.tensor.storage.data)
        let baseC = out.storage.data
        let batchCount = Shape.count(batch)
        if batchCount == 1 {
            BLAS.gemm(dtype: a.dtype, transA: opA.transposed, transB: opB.transposed, m: m, n: n, k: k,
                      a: baseA + opA.tensor.offset * elementSize, lda: opA.leadingDimension,
                      b: baseB + opB.tensor.offset * elementSize, ldb: opB.leadingDimension,
                      c: baseC, ldc: n)
            return out
        }
        let stridesA = Shape.broadcastStrides(shape: batchA, strides: Array(opA.tensor.strides.dropLast(2)), to: batch)
        let stridesB = Shape.broadcastStrides(shape: batchB, strides: Array(opB.tensor.strides.dropLast(2)), to: batch)
        let layout = StridedLayout(shape: batch, stridesA, stridesB)
        var matrix = 0
        layout.forEachRow(offsets: [opA.tensor.offset, opB.tensor.offset]) { o, rows, s in
            for i in 0..<rows {
                BLAS.gemm(dtype: a.dtype, transA: opA.transposed, transB: opB.transposed, m: m, n: n, k: k,
                          a: baseA + (o[0] + i * s[0]) * elementSize, lda: opA.leadingDimension,
                          b: baseB + (o[1] + i * s[1]) * elementSize, ldb: opB.leadingDimension,
                          c: baseC + matrix * m * n * elementSize, ldc: n)
                matrix += 1
            }
        }
        return out
    }
}
