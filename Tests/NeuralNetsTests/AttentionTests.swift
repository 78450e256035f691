import Testing
import Tensors
import TestSupport
import NeuralNets

@Suite("Attention, transformer layers and positional encodings against PyTorch")
struct AttentionTests {
    // MARK: multi-head attention

    static let mhaCases = ["self", "cross_bool_masks", "batch_first_float_mask_per_head", "self_causal", "unbatched_nobias"]

    static func attentionLayer(_ name: String, dtype: DType) -> MultiHeadAttention {
        switch name {
        case "batch_first_float_mask_per_head", "self_causal":
            MultiHeadAttention(embedDim: 8, numHeads: 2, batchFirst: true, dtype: dtype)
        case "unbatched_nobias": MultiHeadAttention(embedDim: 8, numHeads: 2, bias: false, dtype: dtype)
        default: MultiHeadAttention(embedDim: 8, numHeads: 2, dtype: dtype)
        }
    }

    @Test(arguments: mhaCases)
    func multiHeadAttentionMatchesPyTorch(_ name: String) {
        let f = SequenceCase("mha_\(name)")
        for dtype in [DType.float32, .float64] {
            let mha = Self.attentionLayer(name, dtype: dtype)
            expectSequenceCaseMatchesTorch(f, module: mha, dtype: dtype) { x in
                let q = x["query"]!
                let mask = x["attn_mask"]
                let (out, weights) = switch name {
                case "self": mha(q)
                // PyTorch was given the causal mask with its is_causal hint; here it is built.
                case "self_causal": mha(q, isCausal: true)
                case "batch_first_float_mask_per_head":
                    mha(q, x["key"]!, x["value"]!, attentionMask: mask, averageWeights: false)
                default: mha(q, x["key"]!, x["value"]!, keyPaddingMask: x["key_padding_mask"], attentionMask: mask)
                }
                return ["output": out, "weights": weights!]
            }
        }
    }

    @Test func multiHeadAttentionHasPyTorchNamesAndInitialisation() {
        let mha = MultiHeadAttention(embedDim: 12, numHeads: 3)
        #expect(mha.namedParameters().map(\.name) == ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"])
        #expect(mha.inProjectionWeight.shape == [36, 12] && mha.headDim == 4)
        #expect(mha.inProjectionBias!.abs().max().item() == 0 && mha.outProjection.bias!.abs().max().item() == 0)
        let bound = (6.0 / (12 + 36)).squareRoot()  // Xavier-uniform on [3E, E]
        #expect(mha.inProjectionWeight.abs().max().item() <= bound)
        #expect(mha.inProjectionWeight.abs().max().item() > 0.8 * bound)
        let needNoWeights = mha(Tensor.zeros([5, 2, 12]), needWeights: false)
        #expect(needNoWeights.weights == nil && needNoWeights.output.shape == [5, 2, 12])
    }

    @Test func keyPaddingHidesKeysAndCausalMasksHideTheFuture() {
        let mha = MultiHeadAttention(embedDim: 4, numHeads: 2, batchFirst: true, dtype: .float64)
        let x = sample([2, 5, 4])
        let padding = Tensor([[false, false, false, true, true], [false, false, false, false, false]])
        let w = mha(x, keyPaddingMask: padding).weights!
        #expect(w.shape == [2, 5, 5])
        expectValues(w.sliced([.index(0), .all, .slice(start: 3)]), [Double](repeating: 0, count: 10), tolerance: 0)
        expectValues(w.sum(axis: -1), [Double](repeating: 1, count: 10), tolerance: 1e-12)
        let causal = mha(x, isCausal: true).weights!
        expectValues(causal * AttentionMask.causal(5).to(.float64), [Double](repeating: 0, count: 50), tolerance: 0)
        // The bool causal mask, PyTorch's float one and the isCausal flag agree.
        expectValues(mha(x, attentionMask: AttentionMask.causal(5)).output, like: mha(x, isCausal: true).output, tolerance: 1e-12)
        expectValues(mha(x, attentionMask: AttentionMask.squareSubsequent(5, dtype: .float64)).output,
                     like: mha(x, isCausal: true).output, tolerance: 1e-12)
    }

    @Test func attentionDropoutActsOnlyInTraining() {
        Tensor.manualSeed(9)
        let mha = MultiHeadAttention(embedDim: 4, numHeads: 2, dropout: 0.5)
        let x = sample([3, 2, 4]).to(.float32)
        #expect(mha(x).output.scalars(as: Float.self) != mha(x).output.scalars(as: Float.self))
        mha.eval()
        expectValues(mha(x).output, like: mha(x).output, tolerance: 0)
    }

    // MARK: scaled dot-product attention

    @Test(arguments: ["plain", "bool_mask_scale", "float_mask", "causal"])
    func scaledDotProductAttentionMatchesPyTorch(_ name: String) {
        let f = SequenceCase("sdpa_\(name)")
        for dtype in [DType.float32, .float64] {
            expectSequenceCaseMatchesTorch(f, module: nil, dtype: dtype) { x in
                let out = switch name {
                case "bool_mask_scale": scaledDotProductAttention(x["query"]!, x["key"]!, x["value"]!, mask: x["mask"], scale: 0.3)
                case "causal": scaledDotProductAttention(x["query"]!, x["key"]!, x["value"]!, isCausal: true)
                default: scaledDotProductAttention(x["query"]!, x["key"]!, x["value"]!, mask: x["mask"])
                }
                return ["output": out]
            }
        }
    }

    // MARK: transformer layers

    static let transformerCases = ["encoder_post_relu", "encoder_pre_gelu_batch_first_padding", "encoder_post_causal_eval",
                                   "decoder_post_relu_causal", "decoder_pre_gelu_batch_first_masks"]

    @Test(arguments: transformerCases)
    func transformerLayerMatchesPyTorch(_ name: String) {
        let f = SequenceCase("transformer_\(name)")
        for dtype in [DType.float32, .float64] {
            switch name {
            case "encoder_post_relu", "encoder_pre_gelu_batch_first_padding", "encoder_post_causal_eval":
                let pre = name == "encoder_pre_gelu_batch_first_padding"
                let layer = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16,
                                                    dropout: name == "encoder_post_causal_eval" ? 0.1 : 0,
                                                    activation: pre ? .gelu : .relu, batchFirst: pre, normFirst: pre, dtype: dtype)
                if name == "encoder_post_causal_eval" { layer.eval() }
                expectSequenceCaseMatchesTorch(f, module: layer, dtype: dtype) { x in
                    ["output": layer(x["src"]!, mask: x["src_mask"], keyPaddingMask: x["src_key_padding_mask"],
                                     isCausal: name == "encoder_post_causal_eval")]
                }
            default:
                let pre = name == "decoder_pre_gelu_batch_first_masks"
                let layer = TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0,
                                                    activation: pre ? .gelu : .relu, batchFirst: pre, normFirst: pre, dtype: dtype)
                expectSequenceCaseMatchesTorch(f, module: layer, dtype: dtype) { x in
                    ["output": layer(x["tgt"]!, memory: x["memory"]!, targetMask: x["tgt_mask"], memoryMask: x["memory_mask"],
                                     targetKeyPaddingMask: x["tgt_key_padding_mask"],
                                     memoryKeyPaddingMask: x["memory_key_padding_mask"], targetIsCausal: !pre)]
                }
            }
        }
    }

    @Test func transformerLayersHavePyTorchStateDictionaryNames() {
        let encoder = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16)
        #expect(encoder.namedParameters().map(\.name) == [
            "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
            "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
        ])
        let decoder = TransformerDecoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16)
        #expect(decoder.namedParameters().map(\.name).filter { $0.hasPrefix("multihead_attn") || $0.hasPrefix("norm3") } == [
            "multihead_attn.in_proj_weight", "multihead_attn.in_proj_bias", "multihead_attn.out_proj.weight",
            "multihead_attn.out_proj.bias", "norm3.weight", "norm3.bias",
        ])
        let x = Tensor.zeros([3, 2, 8])
        encoder.eval()
        #expect(encoder(x).shape == [3, 2, 8])
        #expect(Sequential(encoder, encoder)(x).shape == [3, 2, 8])
    }

    @Test func transformerDropoutActsOnlyInTraining() {
        Tensor.manualSeed(4)
        let layer = TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0.3)
        let x = sample([4, 2, 8]).to(.float32)
        #expect(layer(x).scalars(as: Float.self) != layer(x).scalars(as: Float.self))
        layer.eval()
        expectValues(layer(x), like: layer(x), tolerance: 0)
    }

    // MARK: positional encodings

    @Test func sinusoidalTableMatchesThePaper() {
        let even = SinusoidalPositionalEncoding(dModel: 6, maxLength: 9, dtype: .float64)
        expectValues(even.table, like: SequenceCase("positional_sinusoidal_even")["table"], tolerance: 1e-12)
        expectValues(SinusoidalPositionalEncoding.table(length: 7, dModel: 5, base: 100, dtype: .float64),
                     like: SequenceCase("positional_sinusoidal_odd")["table"], tolerance: 1e-12)
        #expect(even.namedBuffers().map(\.name) == ["pe"] && even.namedParameters().isEmpty)
        // Added along the sequence axis, with an offset.
        let x = sample([4, 2, 6])
        let rows = even.table.sliced([.slice(start: 3, end: 7)]).unsqueezed(axis: 1)
        expectValues(even(x, offset: 3), like: x + rows, tolerance: 1e-12)
        let batchFirst = SinusoidalPositionalEncoding(dModel: 6, maxLength: 9, batchFirst: true, dtype: .float64)
        expectValues(batchFirst(x.transposed(0, 1)), like: (x + even.table.sliced([.slice(end: 4)]).unsqueezed(axis: 1)).transposed(0, 1),
                     tolerance: 1e-12)
    }

    @Test func learnedPositionalEmbeddingAddsTrainableRows() {
        let embedding = LearnedPositionalEmbedding(maxLength: 10, dModel: 4, batchFirst: true, dtype: .float64)
        #expect(embedding.namedParameters().map(\.name) == ["weight"])
        let x = sample([3, 5, 4])
        expectValues(embedding(x, offset: 2), like: x + embedding.weight.sliced([.slice(start: 2, end: 7)]), tolerance: 1e-12)
        expectSequenceGradientsMatch(embedding, [sample([2, 5, 4])]) { embedding($0[0], offset: 1) }
    }

    @Test(arguments: ["interleaved", "halves_offset"])
    func rotaryEncodingMatchesThePaper(_ name: String) {
        let f = SequenceCase("positional_rope_\(name)")
        let rope = RotaryPositionalEncoding(headDim: 8, interleaved: name == "interleaved")
        let offset = Int(f["offset"].item())
        for dtype in [DType.float32, .float64] {
            expectSequenceCaseMatchesTorch(f, module: nil, dtype: dtype) { x in ["output": rope(x["input"]!, offset: offset)] }
        }
        expectGradientsMatch([sample([2, 3, 8])]) { rope($0[0], offset: 2) }
    }

    @Test func rotaryEncodingMakesScoresDependOnRelativePosition() {
        let rope = RotaryPositionalEncoding(headDim: 4)
        let q = sample([1, 4]), k = sample([1, 4], seed: 2)
        func score(_ i: Int, _ j: Int) -> Double { (rope(q, offset: i) * rope(k, offset: j)).sum().item() }
        #expect(Swift.abs(score(3, 1) - score(7, 5)) < 1e-12)
        #expect(Swift.abs(score(3, 1) - score(3, 2)) > 1e-6)
    }

    @Test(arguments: [8, 6, 12])
    func alibiMatchesThePaper(_ heads: Int) {
        let f = SequenceCase("positional_alibi_\(heads)")
        let alibi = ALiBi(numHeads: heads)
        expectValues(Tensor(alibi.slopes, shape: [heads]), like: f["slopes"], tolerance: 1e-15)
        expectValues(alibi.bias(queries: 4, keys: 6, dtype: .float64), like: f["bias"], tolerance: 1e-15)
        // The causal form hides the keys after each query and is the same bias elsewhere.
        let causal = alibi.bias(queries: 4, keys: 6, causal: true, dtype: .float64)
        // Query i sits at position i + 2: keys j > i + 2 are hidden.
        let shifted = Tensor.arange(6).reshaped([1, 6]) .> (Tensor.arange(4).reshaped([4, 1]) + 2)
        expectValues(Tensor.where(shifted, Tensor.zeros([], dtype: .float64), causal),
                     like: Tensor.where(shifted, Tensor.zeros([], dtype: .float64), f["bias"]), tolerance: 1e-15)
        let hidden = causal.isFinite().logicalNot()
        expectValues(hidden.to(.float64), like: shifted.expanded(to: [heads, 4, 6]).to(.float64), tolerance: 0)
        // Usable as the additive mask of attention.
        let q = sample([1, heads, 4, 8]), kv = sample([1, heads, 6, 8], seed: 3)
        #expect(scaledDotProductAttention(q, kv, kv, mask: causal).isFinite().all())
    }

    // MARK: gradient checks (float64, small shapes)

    @Test func multiHeadAttentionGradientCheck() {
        let mha = MultiHeadAttention(embedDim: 4, numHeads: 2, dtype: .float64)
        withNoGrad { mha.inProjectionBias!.assign(sample([12], seed: 21)); mha.outProjection.bias!.assign(sample([4], seed: 22)) }
        let padding = Tensor([[false, false, true], [false, false, false]])
        expectSequenceGradientsMatch(mha, [sample([2, 2, 4], seed: 23), sample([3, 2, 4], seed: 24), sample([3, 2, 4], seed: 25)]) {
            let (out, weights) = mha($0[0], $0[1], $0[2], keyPaddingMask: padding, attentionMask: sample([2, 3], seed: 26))
            return Tensor.concat([out.flattened(), weights!.flattened()])
        }
        let causal = MultiHeadAttention(embedDim: 4, numHeads: 2, batchFirst: true, dtype: .float64)
        expectSequenceGradientsMatch(causal, [sample([2, 3, 4], seed: 27)]) { causal($0[0], isCausal: true).output }
    }

    /// Without weights to return, attention runs fused (one recorded operation); it must agree
    /// with the composed path (which returns weights) in outputs and in every gradient.
    @Test(arguments: [DType.float64, .float32])
    func fusedAttentionAgreesWithTheComposedPath(_ dtype: DType) {
        let tolerance = dtype == .float64 ? 1e-9 : 2e-5  // the fused softmax uses its own exponential
        let padding = Tensor([[false, false, true, false], [false, false, false, false]])
        let cases: [(String, MultiHeadAttention, (MultiHeadAttention, [Tensor], Bool) -> Tensor, [[Int]])] = [
            ("self, sequence first", MultiHeadAttention(embedDim: 8, numHeads: 2, dtype: dtype),
             { m, x, w in m(x[0], needWeights: w).output }, [[4, 2, 8]]),
            ("self, causal, batch first", MultiHeadAttention(embedDim: 8, numHeads: 4, batchFirst: true, dtype: dtype),
             { m, x, w in m(x[0], isCausal: true, needWeights: w).output }, [[2, 5, 8]]),
            ("cross, padding and float masks", MultiHeadAttention(embedDim: 8, numHeads: 2, dtype: dtype),
             { m, x, w in
                 m(x[0], x[1], x[2], keyPaddingMask: padding, attentionMask: sample([3, 4], seed: 5).to(dtype), needWeights: w).output
             }, [[3, 2, 8], [4, 2, 8], [4, 2, 8]]),
            ("cross, per-head mask, batch first", MultiHeadAttention(embedDim: 8, numHeads: 2, batchFirst: true, dtype: dtype),
             { m, x, w in m(x[0], x[1], x[1], attentionMask: sample([4, 3, 4], seed: 6).to(dtype), needWeights: w).output },
             [[2, 3, 8], [2, 4, 8]]),
            ("unbatched, no bias", MultiHeadAttention(embedDim: 8, numHeads: 2, bias: false, dtype: dtype),
             { m, x, w in m(x[0], needWeights: w).output }, [[5, 8]]),
            // 16 heads of 64×64 scores: enough work to share the heads between threads.
            ("heads shared between threads", MultiHeadAttention(embedDim: 64, numHeads: 4, dtype: dtype),
             { m, x, w in m(x[0], isCausal: true, needWeights: w).output }, [[64, 4, 64]]),
        ]
        for (name, mha, call, shapes) in cases {
            withNoGrad { mha.inProjectionBias?.assign(sample([3 * mha.embedDim], seed: 7).to(dtype)) }
            let direction = shapes.count == 1 && shapes[0].count == 2 ? sample([5, 8], seed: 8) : nil
            func run(_ needWeights: Bool) -> (Tensor, [Tensor]) {
                mha.zeroGrad()
                let inputs = shapes.enumerated().map { sample($1, seed: UInt64(10 + $0)).to(dtype).requiringGrad() }
                let out = call(mha, inputs, needWeights)
                (out * (direction?.to(dtype) ?? sample(out.shape, seed: 9).to(dtype))).sum().backward()
                return (out, inputs.map { $0.grad! } + mha.parameters().map { $0.grad! })
            }
            let (fused, fusedGradients) = run(false), (composed, composedGradients) = run(true)
            #expect(fused.shape == composed.shape, "\(name)")
            expectValues(fused, like: composed, tolerance: tolerance)
            #expect(fusedGradients.count == composedGradients.count, "\(name)")
            for (a, b) in zip(fusedGradients, composedGradients) { expectValues(a, like: b, tolerance: tolerance) }
        }
    }

    @Test func fusedAttentionGradientsIncludingSecondOrder() {
        let mha = MultiHeadAttention(embedDim: 4, numHeads: 2, batchFirst: true, dtype: .float64)
        withNoGrad { mha.inProjectionBias!.assign(sample([12], seed: 61)) }
        let padding = Tensor([[false, true, false], [false, false, false]])
        expectSequenceGradientsMatch(mha, [sample([2, 2, 4], seed: 62), sample([2, 3, 4], seed: 63)]) {
            mha($0[0], $0[1], $0[1], keyPaddingMask: padding, needWeights: false).output
        }
        expectSequenceGradientsMatch(mha, [sample([2, 3, 4], seed: 64)]) { mha($0[0], isCausal: true, needWeights: false).output }
        // The gradient of a gradient: with createGraph the rule composes from recorded operations.
        expectGradientsMatch([sample([2, 3, 4], seed: 65)]) { v in
            withGrad {
                v[0].zeroGrad()
                mha(v[0], isCausal: true, needWeights: false).output.tanh().sum().backward(createGraph: true)
                let g = v[0].grad!
                v[0].zeroGrad()
                mha.zeroGrad()
                return g * g
            }
        }
    }

    @Test func scaledDotProductAttentionGradientCheck() {
        let allowed = Tensor([[true, false, true], [true, true, false]])
        expectGradientsMatch([sample([2, 2, 4], seed: 31), sample([2, 3, 4], seed: 32), sample([2, 3, 5], seed: 33)]) {
            scaledDotProductAttention($0[0], $0[1], $0[2], mask: allowed)
        }
        expectGradientsMatch([sample([3, 4]), sample([3, 4], seed: 2), sample([3, 2], seed: 3)]) {
            scaledDotProductAttention($0[0], $0[1], $0[2], isCausal: true, scale: 0.7)
        }
    }

    @Test(arguments: [false, true])
    func encoderLayerGradientCheck(_ normFirst: Bool) {
        let layer = TransformerEncoderLayer(dModel: 4, nhead: 2, dimFeedforward: 6, dropout: 0, activation: normFirst ? .gelu : .relu,
                                            normFirst: normFirst, dtype: .float64)
        expectSequenceGradientsMatch(layer, [sample([3, 2, 4], seed: 41)], relativeTolerance: 1e-4) {
            layer($0[0], keyPaddingMask: Tensor([[false, false, true], [false, false, false]]))
        }
    }

    @Test(arguments: [false, true])
    func decoderLayerGradientCheck(_ normFirst: Bool) {
        let layer = TransformerDecoderLayer(dModel: 4, nhead: 2, dimFeedforward: 6, dropout: 0, activation: normFirst ? .gelu : .relu,
                                            batchFirst: true, normFirst: normFirst, dtype: .float64)
        expectSequenceGradientsMatch(layer, [sample([2, 3, 4], seed: 51), sample([2, 2, 4], seed: 52)], relativeTolerance: 1e-4) {
            layer($0[0], memory: $0[1], targetIsCausal: true)
        }
    }
}
