import ElementKernels

extension Tensor {
    /// The affine map of a dense layer, `input · weightᵀ + bias`, as PyTorch's `F.linear`.
    ///
    /// - Parameters:
    ///   - input: `[..., inFeatures]`.
    ///   - weight: `[outFeatures, inFeatures]` (PyTorch's layout, so weights move between the two
    ///     unchanged).
    ///   - bias: `[outFeatures]`, or `nil`.
    /// - Returns: `[..., outFeatures]`.
    ///
    /// One recorded operation: the bias is written into the output and a single GEMM adds the
    /// product to it; the backward pass is two GEMMs and a column sum. That is cheaper than
    /// `matmul` followed by a broadcast `+`, which matters for the small networks the demos
    /// train thousands of times a second.
    /// - Precondition: float dtypes that match; `weight` is 2-D with `inFeatures` columns;
    ///   `bias` has `outFeatures` elements.
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        precondition(weight.rank == 2, "linear: weight must be [outFeatures, inFeatures], got \(weight.shape)")
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        precondition(input.rank >= 1 && input.shape[input.rank - 1] == inFeatures,
                     "linear: input \(input.shape) does not end in \(inFeatures) features (weight \(weight.shape))")
        precondition(input.dtype == weight.dtype && input.dtype.isFloatingPoint,
                     "linear: input and weight must share a float dtype, got \(input.dtype) and \(weight.dtype)")
        if let bias {
            precondition(bias.count == outFeatures && bias.rank == 1,
                         "linear: bias must be [\(outFeatures)], got \(bias.shape)")
            precondition(bias.dtype == input.dtype, "linear: bias dtype \(bias.dtype) differs from \(input.dtype)")
        }
        let rows = input.count / Swift.max(inFeatures, 1)
        var outShape = input.shape
        outShape[outShape.count - 1] = outFeatures
        let out = Tensor(uninitializedShape: outShape, dtype: input.dtype)
        if let bias { fillRows(out, with: bias, rows: rows) }
        if inFeatures == 0 || rows == 0 {
            if bias == nil { out.fill(with: 0) }
        } else {
            let x = input.contiguousData(), w = weight.contiguousData()
            BLAS.gemm(dtype: input.dtype, transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures,
                      a: x.pointer, lda: inFeatures, b: w.pointer, ldb: inFeatures,
                      c: out.storage.data, ldc: outFeatures, accumulate: bias != nil)
        }
        let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
        guard recording(inputs) else { return out }
        return out.recorded("linear", inputs) { g, _ in
            if recording([g, input, weight]) {
                // Higher-order gradients: compose from recorded operations.
                let g2 = g.reshaped([rows, outFeatures])
                let gradInput = input.requiresGrad ? g2.matmul(weight).reshaped(input.shape) : nil
                let gradWeight = weight.requiresGrad ? g2.transposed().matmul(input.reshaped([rows, inFeatures])) : nil
                guard let bias else { return [gradInput, gradWeight] }
                return [gradInput, gradWeight, bias.requiresGrad ? g2.sum(axis: 0) : nil]
            }
            return linearGradients(g, input: input, weight: weight, bias: bias, rows: rows)
        }
    }

    /// The backward of ``linear(_:weight:bias:)`` straight on BLAS (recording off).
    private static func linearGradients(_ g: Tensor, input: Tensor, weight: Tensor, bias: Tensor?, rows: Int) -> [Tensor?] {
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        let gd = g.contiguousData()
        var grads: [Tensor?] = [nil, nil]
        if input.requiresGrad {
            // ∂x = g · W: [rows, out] · [out, in]
            let gx = Tensor(uninitializedShape: input.shape, dtype: g.dtype)
            let w = weight.contiguousData()
            BLAS.gemm(dtype: g.dtype, transA: false, transB: false, m: rows, n: inFeatures, k: outFeatures,
                      a: gd.pointer, lda: outFeatures, b: w.pointer, ldb: inFeatures, c: gx.storage.data, ldc: inFeatures)
            grads[0] = gx
        }
        if weight.requiresGrad {
            // ∂W = gᵀ · x: [out, rows] · [rows, in]
            let gw = Tensor(uninitializedShape: weight.shape, dtype: g.dtype)
            let x = input.contiguousData()
            BLAS.gemm(dtype: g.dtype, transA: true, transB: false, m: outFeatures, n: inFeatures, k: rows,
                      a: gd.pointer, lda: outFeatures, b: x.pointer, ldb: inFeatures, c: gw.storage.data, ldc: inFeatures)
            grads[1] = gw
        }
        if let bias {
            grads.append(bias.requiresGrad ? columnSums(gd.tensor, rows: rows, columns: outFeatures) : nil)
        }
        return grads
    }

    /// Writes `bias` into every row of the contiguous `out`.
    private static func fillRows(_ out: Tensor, with bias: Tensor, rows: Int) {
        let width = bias.count, size = out.dtype.byteSize
        let source = bias.contiguousData()
        let destination = out.storage.data
        for row in 0..<rows {
            (destination + row * width * size).copyMemory(from: source.pointer, byteCount: width * size)
        }
    }

    /// Σ over rows of a contiguous `[rows, columns]` matrix (float32 by the vectorised C loop):
    /// the gradient of a bias added to every row.
    package static func columnSums(_ m: Tensor, rows: Int, columns: Int) -> Tensor {
        let out = Tensor.zeros([columns], dtype: m.dtype)
        if m.dtype == .float32 {
            mlhub_f32_add_rows(m.basePointer(Float.self), out.basePointer(Float.self), rows, columns)
            return out
        }
        let src = m.basePointer(Double.self), dst = out.basePointer(Double.self)
        for r in 0..<rows {
            let row = src + r * columns
            for c in 0..<columns { dst[c] += row[c] }
        }
        return out
    }
}

extension Tensor {
    /// A contiguous version of this tensor's data (itself when already contiguous) and the
    /// address of its first element, for handing to C and BLAS.
    func contiguousData() -> (tensor: Tensor, pointer: UnsafeRawPointer) {
        let t = isContiguous ? self : detached().contiguous()
        return (t, UnsafeRawPointer(t.storage.data + t.offset * t.dtype.byteSize))
    }
}
