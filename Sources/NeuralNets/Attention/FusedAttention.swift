import ElementKernels
import Tensors

/// Multi-head attention's core as one recorded operation: from the projected queries, keys and
/// values `[N, ·, E]`, each head's `softmax(scale·q·kᵀ + mask)·v`, with the heads joined
/// again as `[N, L, E]`.
///
/// Composed from tensor operations, that is a permute copy per operand, a scaled copy of q, two
/// batched products, a mask sum, a softmax and a permute back, and in the backward pass each of
/// their gradients plus, for self-attention, the split of the packed projection (three
/// zero-filled `[N, L, 3E]` gradients added together). Here the products read each head straight
/// out of the projection (a row stride of `3E` or `E`), the scale rides on the GEMM, the mask and
/// softmax run in one pass over each head's scores, and each gradient is written once into its
/// place. The probabilities are kept for the backward pass (`[N, H, L, S]`).
///
/// ``MultiHeadAttention`` uses it when the weights are not asked for and no dropout applies;
/// otherwise it composes ``attention(_:_:_:additiveMask:isCausal:scale:dropout:)``.
enum FusedAttention {
    /// Self-attention from the packed projection `[N, L, 3E]` (queries, keys and values side by side).
    static func callAsFunction(packed: Tensor, heads: Int, mask: Tensor?, scale: Double) -> Tensor {
        let embed = packed.shape[2] / 3
        func thirds(_ t: Tensor) -> [Operand] { [0, 1, 2].map { Operand(t, column: $0 * embed, width: embed) } }
        return run(thirds(packed.detached().contiguous()), recorded: thirds(packed), inputs: [packed], heads: heads,
                   mask: mask, scale: scale,
                   gradientBuffers: { dtype in
                       let g = Tensor(uninitializedShape: packed.shape, dtype: dtype)
                       return ([g], thirds(g))
                   },
                   packComposed: { [Tensor.concat($0, axis: 2)] })
    }

    /// Attention of `query` `[N, L, E]` to `key` and `value` `[N, S, E]`.
    static func callAsFunction(query: Tensor, key: Tensor, value: Tensor, heads: Int, mask: Tensor?, scale: Double) -> Tensor {
        let inputs = [query, key, value]
        return run(inputs.map { Operand($0.detached().contiguous()) }, recorded: inputs.map { Operand($0) }, inputs: inputs,
                   heads: heads, mask: mask, scale: scale,
                   gradientBuffers: { dtype in
                       let grads = inputs.map { Tensor(uninitializedShape: $0.shape, dtype: dtype) }
                       return (grads, grads.map { Operand($0) })
                   },
                   packComposed: { $0 })
    }

    /// Where one of q, k, v (or its gradient) lives: `width` features from `column` of each row
    /// of a `[N, rows, rowStride]` tensor (contiguous, except when only composed from).
    struct Operand {
        let tensor: Tensor, column: Int, width: Int
        init(_ tensor: Tensor, column: Int = 0, width: Int? = nil) {
            (self.tensor, self.column, self.width) = (tensor, column, width ?? tensor.shape[2])
        }
        var rows: Int { tensor.shape[1] }
        var rowStride: Int { tensor.shape[2] }
        /// The operand as a `[N, H, rows, headDim]` view, for composing from tensor operations.
        func heads(_ count: Int) -> Tensor {
            tensor.narrowed(axis: 2, start: column, length: width)
                .reshaped([tensor.shape[0], rows, count, width / count]).permuted([0, 2, 1, 3])
        }
    }

    /// The sizes: batch, heads, queries, keys, features per head.
    struct Sizes {
        let batch: Int, heads: Int, queries: Int, keys: Int, headDim: Int
        var embed: Int { heads * headDim }
    }

    /// An additive mask broadcastable to `[N, H, L, S]`, kept contiguous in its own shape with
    /// the strides that read it as `[N, H, L, S]` (0 along broadcast axes).
    struct Mask {
        let tensor: Tensor, strides: [Int]
        init(_ mask: Tensor, sizes s: Sizes) {
            let full = [s.batch, s.heads, s.queries, s.keys]
            var shape = mask.shape
            while shape.count < 4 { shape.insert(1, at: 0) }
            precondition(shape.count == 4 && zip(shape, full).allSatisfy { $0 == $1 || $0 == 1 },
                         "fused attention: mask \(mask.shape) does not broadcast to \(full)")
            tensor = mask.detached().reshaped(shape).contiguous()
            var strides = [0, 0, 0, 0], stride = 1
            for axis in (0..<4).reversed() {
                strides[axis] = shape[axis] == 1 ? 0 : stride
                stride *= shape[axis]
            }
            self.strides = strides
        }
    }

    /// Forward pass and recording. `gradientBuffers` makes the tensors the backward pass writes
    /// and where q, k and v's gradients go in them; `packComposed` turns composed q, k, v
    /// gradients (`[N, ·, E]` each) into the inputs' gradients.
    private static func run(_ operands: [Operand], recorded: [Operand], inputs: [Tensor], heads: Int, mask: Tensor?,
                            scale: Double, gradientBuffers: @escaping (DType) -> ([Tensor], [Operand]),
                            packComposed: @escaping ([Tensor]) -> [Tensor]) -> Tensor {
        let (q, k, v) = (operands[0], operands[1], operands[2])
        let sizes = Sizes(batch: q.tensor.shape[0], heads: heads, queries: q.rows, keys: k.rows, headDim: q.width / heads)
        precondition(q.width % heads == 0 && k.width == q.width && v.width == q.width && k.rows == v.rows
                     && k.tensor.shape[0] == sizes.batch && v.tensor.shape[0] == sizes.batch,
                     "fused attention: operands \(operands.map(\.tensor.shape)) do not fit \(heads) heads")
        let dtype = q.tensor.dtype
        let additive = mask.map { Mask($0, sizes: sizes) }
        let probabilities = Tensor(uninitializedShape: [sizes.batch, heads, sizes.queries, sizes.keys], dtype: dtype)
        let out = Tensor(uninitializedShape: [sizes.batch, sizes.queries, sizes.embed], dtype: dtype)
        if dtype == .float32 {
            forward(Float.self, sizes, q, k, v, additive, scale, probabilities, out)
        } else {
            forward(Double.self, sizes, q, k, v, additive, scale, probabilities, out)
        }
        return out.withGradient("attention", inputs: inputs) { g, _ in
            if GradMode.isEnabled && (g.requiresGrad || inputs.contains { $0.requiresGrad }) {
                // Higher-order gradients: compose from recorded operations.
                return packComposed(composedGradients(g, recorded, mask: mask, sizes: sizes, scale: scale))
            }
            let (tensors, targets) = gradientBuffers(dtype)
            if dtype == .float32 {
                backward(Float.self, sizes, g.contiguous(), q, k, v, targets, probabilities, scale)
            } else {
                backward(Double.self, sizes, g.contiguous(), q, k, v, targets, probabilities, scale)
            }
            return tensors
        }
    }

    /// The first element of head `h` of batch `n` of `operand`.
    @inline(__always)
    private static func head<T: FloatingPointElement>(_ base: UnsafeMutablePointer<T>, _ operand: Operand,
                                                      _ n: Int, _ h: Int, _ sizes: Sizes) -> UnsafeMutablePointer<T> {
        base + n * operand.rows * operand.rowStride + operand.column + h * sizes.headDim
    }

    private static func forward<T: FloatingPointElement>(
        _: T.Type, _ s: Sizes, _ q: Operand, _ k: Operand, _ v: Operand, _ mask: Mask?, _ scale: Double,
        _ probabilities: Tensor, _ out: Tensor
    ) {
        let (qBase, kBase, vBase) = (pointer(q.tensor, T.self), pointer(k.tensor, T.self), pointer(v.tensor, T.self))
        let p = pointer(probabilities, T.self), o = pointer(out, T.self)
        let maskBase = mask.map { pointer($0.tensor, T.self) }
        let (L, S, D, E) = (s.queries, s.keys, s.headDim, s.embed)
        let dtype = q.tensor.dtype
        inParallel(s) { pairs in
            for pair in pairs {
                let (n, h) = pair.quotientAndRemainder(dividingBy: s.heads)
                let scores = p + pair * L * S
                BLAS.gemm(dtype: dtype, transA: false, transB: true, m: L, n: S, k: D,
                          a: head(qBase, q, n, h, s), lda: q.rowStride, b: head(kBase, k, n, h, s), ldb: k.rowStride,
                          c: scores, ldc: S, alpha: scale)
                var headMask: UnsafePointer<T>?, rowStride = 0, columnStride = 0
                if let mask, let maskBase {
                    headMask = UnsafePointer(maskBase + n * mask.strides[0] + h * mask.strides[1])
                    (rowStride, columnStride) = (mask.strides[2], mask.strides[3])
                }
                maskedSoftmax(scores, headMask, rowStride, columnStride, rows: L, columns: S)
                BLAS.gemm(dtype: dtype, transA: false, transB: false, m: L, n: D, k: S,
                          a: scores, lda: S, b: head(vBase, v, n, h, s), ldb: v.rowStride,
                          c: o + n * L * E + h * D, ldc: E)
            }
        }
        withExtendedLifetime(mask) {}
    }

    private static func backward<T: FloatingPointElement>(
        _: T.Type, _ s: Sizes, _ g: Tensor, _ q: Operand, _ k: Operand, _ v: Operand, _ targets: [Operand],
        _ probabilities: Tensor, _ scale: Double
    ) {
        let (qBase, kBase, vBase) = (pointer(q.tensor, T.self), pointer(k.tensor, T.self), pointer(v.tensor, T.self))
        let (dq, dk, dv) = (targets[0], targets[1], targets[2])
        let (dqBase, dkBase, dvBase) = (pointer(dq.tensor, T.self), pointer(dk.tensor, T.self), pointer(dv.tensor, T.self))
        let p = pointer(probabilities, T.self), gp = pointer(g, T.self)
        let (L, S, D, E) = (s.queries, s.keys, s.headDim, s.embed)
        let dtype = g.dtype
        inParallel(s) { pairs in
            let scratch = Tensor(uninitializedShape: [L, S], dtype: dtype)
            let dScores = pointer(scratch, T.self)
            for pair in pairs {
                let (n, h) = pair.quotientAndRemainder(dividingBy: s.heads)
                let weights = p + pair * L * S
                let gHead = gp + n * L * E + h * D
                // ∂P = g·vᵀ; ∂v = Pᵀ·g.
                BLAS.gemm(dtype: dtype, transA: false, transB: true, m: L, n: S, k: D,
                          a: gHead, lda: E, b: head(vBase, v, n, h, s), ldb: v.rowStride, c: dScores, ldc: S)
                BLAS.gemm(dtype: dtype, transA: true, transB: false, m: S, n: D, k: L,
                          a: weights, lda: S, b: gHead, ldb: E, c: head(dvBase, dv, n, h, s), ldc: dv.rowStride)
                // ∂scores = P·(∂P − Σ P·∂P); ∂q = scale·∂scores·k; ∂k = scale·∂scoresᵀ·q.
                softmaxBackward(weights, dScores, rows: L, columns: S)
                BLAS.gemm(dtype: dtype, transA: false, transB: false, m: L, n: D, k: S,
                          a: dScores, lda: S, b: head(kBase, k, n, h, s), ldb: k.rowStride,
                          c: head(dqBase, dq, n, h, s), ldc: dq.rowStride, alpha: scale)
                BLAS.gemm(dtype: dtype, transA: true, transB: false, m: S, n: D, k: L,
                          a: dScores, lda: S, b: head(qBase, q, n, h, s), ldb: q.rowStride,
                          c: head(dkBase, dk, n, h, s), ldc: dk.rowStride, alpha: scale)
            }
            withExtendedLifetime(scratch) {}
        }
    }

    /// Runs `body` over the (batch, head) pairs, `n·H + h`, in one contiguous share per BLAS
    /// thread when there is enough work (each head's products are too small to split, so the
    /// heads are shared out instead); on the calling thread otherwise.
    private static func inParallel(_ s: Sizes, _ body: (Range<Int>) -> Void) {
        let pairs = s.batch * s.heads
        let work = Double(pairs) * Double(s.queries) * Double(s.keys) * Double(s.headDim)
        Parallel.run(items: pairs, shares: Parallel.shareCount(items: pairs, work: work)) { _, range in body(range) }
    }

    /// The same gradients from recorded tensor operations (for `createGraph`), `[N, ·, E]` each.
    private static func composedGradients(_ g: Tensor, _ operands: [Operand], mask: Tensor?, sizes s: Sizes,
                                          scale: Double) -> [Tensor] {
        let (qh, kh, vh) = (operands[0].heads(s.heads), operands[1].heads(s.heads), operands[2].heads(s.heads))
        var scores = qh.matmul(kh.transposed()) * scale
        if let mask { scores = scores + mask }
        let weights = scores.softmax(axis: -1)
        let gh = g.reshaped([s.batch, s.queries, s.heads, s.headDim]).permuted([0, 2, 1, 3])
        let dWeights = gh.matmul(vh.transposed())
        let dScores = weights * (dWeights - (dWeights * weights).sum(axes: [3], keepDims: true))
        func joined(_ t: Tensor) -> Tensor { t.permuted([0, 2, 1, 3]).reshaped([s.batch, t.shape[2], s.embed]) }
        return [joined(dScores.matmul(kh) * scale), joined(dScores.transposed().matmul(qh) * scale),
                joined(weights.transposed().matmul(gh))]
    }

    @inline(__always)
    private static func maskedSoftmax<T: FloatingPointElement>(_ x: UnsafeMutablePointer<T>, _ mask: UnsafePointer<T>?,
                                                               _ rowStride: Int, _ columnStride: Int, rows: Int, columns: Int) {
        if T.self == Float.self {
            mlhub_f32_masked_softmax_rows(float(x), mask.map { UnsafeRawPointer($0).assumingMemoryBound(to: Float.self) },
                                          rowStride, columnStride, rows, columns)
        } else {
            mlhub_f64_masked_softmax_rows(double(x), mask.map { UnsafeRawPointer($0).assumingMemoryBound(to: Double.self) },
                                          rowStride, columnStride, rows, columns)
        }
    }

    @inline(__always)
    private static func softmaxBackward<T: FloatingPointElement>(_ p: UnsafeMutablePointer<T>, _ d: UnsafeMutablePointer<T>,
                                                                 rows: Int, columns: Int) {
        if T.self == Float.self {
            mlhub_f32_softmax_backward_rows(float(p), float(d), float(d), rows, columns)
        } else {
            mlhub_f64_softmax_backward_rows(double(p), double(d), double(d), rows, columns)
        }
    }

    @inline(__always) private static func float<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    @inline(__always) private static func double<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Double> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Double.self)
    }
}
