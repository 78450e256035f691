import Tensors

/// A transformer encoder layer (PyTorch's `nn.TransformerEncoderLayer`): self-attention and a
/// two-layer feed-forward block, each in a residual connection with layer normalisation and
/// dropout.
///
/// - Post-norm (the default, as in Vaswani et al. 2017):
///   `x = norm1(x + sa(x))`, `x = norm2(x + ff(x))`.
/// - Pre-norm (`normFirst`, more stable for deep stacks):
///   `x = x + sa(norm1(x))`, `x = x + ff(norm2(x))`.
///
/// Input `[S, N, dModel]` (`[N, S, dModel]` with `batchFirst`, `[S, dModel]` unbatched); the
/// output has the same shape. Submodules carry PyTorch's names (`self_attn`, `linear1`,
/// `linear2`, `norm1`, `norm2`, `dropout`, `dropout1`, `dropout2`), so state dictionaries load
/// from PyTorch. Dropout acts in training mode only.
public final class TransformerEncoderLayer: Module, UnaryLayer {
    public let selfAttention: MultiHeadAttention
    public let linear1: Linear
    public let linear2: Linear
    public let norm1: LayerNorm
    public let norm2: LayerNorm
    public let dropout: Dropout
    public let dropout1: Dropout
    public let dropout2: Dropout
    /// The feed-forward activation (PyTorch accepts ReLU and GELU; any ``Activation`` works).
    public let activation: Activation
    public let normFirst: Bool

    /// - Precondition: `nhead` divides `dModel`; `0 ≤ dropout < 1`.
    public init(dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: Activation = .relu, layerNormEpsilon: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32) {
        selfAttention = MultiHeadAttention(embedDim: dModel, numHeads: nhead, dropout: dropout, bias: bias,
                                           batchFirst: batchFirst, dtype: dtype)
        linear1 = Linear(dModel, dimFeedforward, bias: bias, dtype: dtype)
        linear2 = Linear(dimFeedforward, dModel, bias: bias, dtype: dtype)
        norm1 = LayerNorm([dModel], epsilon: layerNormEpsilon, bias: bias, dtype: dtype)
        norm2 = LayerNorm([dModel], epsilon: layerNormEpsilon, bias: bias, dtype: dtype)
        self.dropout = Dropout(p: dropout)
        dropout1 = Dropout(p: dropout)
        dropout2 = Dropout(p: dropout)
        self.activation = activation
        self.normFirst = normFirst
    }

    public override var namedChildren: [(String, Module)] {
        [("self_attn", selfAttention), ("linear1", linear1), ("dropout", dropout), ("linear2", linear2),
         ("norm1", norm1), ("norm2", norm2), ("dropout1", dropout1), ("dropout2", dropout2)]
    }

    /// - Parameters:
    ///   - mask: the attention mask, `[S, S]` or `[N·nhead, S, S]` (bool `true` hides, or additive).
    ///   - keyPaddingMask: `[N, S]`, `true` for padding positions.
    ///   - isCausal: hide future positions (builds the causal mask when `mask` is `nil`).
    public func callAsFunction(_ source: Tensor, mask: Tensor? = nil, keyPaddingMask: Tensor? = nil,
                               isCausal: Bool = false) -> Tensor {
        func selfAttentionBlock(_ x: Tensor) -> Tensor {
            dropout1(selfAttention(x, x, x, keyPaddingMask: keyPaddingMask, attentionMask: mask, isCausal: isCausal,
                                   needWeights: false).output)
        }
        func feedForwardBlock(_ x: Tensor) -> Tensor {
            dropout2(linear2(dropout(activation(linear1(x)))))
        }
        var x = source
        if normFirst {
            x = x + selfAttentionBlock(norm1(x))
            x = x + feedForwardBlock(norm2(x))
        } else {
            x = norm1(x + selfAttentionBlock(x))
            x = norm2(x + feedForwardBlock(x))
        }
        return x
    }

    public func callAsFunction(_ source: Tensor) -> Tensor { callAsFunction(source, mask: nil) }
}

/// A transformer decoder layer (PyTorch's `nn.TransformerDecoderLayer`): masked self-attention,
/// attention to the encoder's output (`memory`), and a feed-forward block, each in a residual
/// connection with layer normalisation and dropout; post-norm by default, pre-norm with
/// `normFirst` (see ``TransformerEncoderLayer``).
///
/// Target `[T, N, dModel]`, memory `[S, N, dModel]` (batch first with `batchFirst`; unbatched
/// without N). Submodules carry PyTorch's names (`self_attn`, `multihead_attn`, `linear1`,
/// `linear2`, `norm1`…`norm3`, `dropout`, `dropout1`…`dropout3`).
public final class TransformerDecoderLayer: Module {
    public let selfAttention: MultiHeadAttention
    public let crossAttention: MultiHeadAttention
    public let linear1: Linear
    public let linear2: Linear
    public let norm1: LayerNorm
    public let norm2: LayerNorm
    public let norm3: LayerNorm
    public let dropout: Dropout
    public let dropout1: Dropout
    public let dropout2: Dropout
    public let dropout3: Dropout
    public let activation: Activation
    public let normFirst: Bool

    /// - Precondition: `nhead` divides `dModel`; `0 ≤ dropout < 1`.
    public init(dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
                activation: Activation = .relu, layerNormEpsilon: Double = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, dtype: DType = .float32) {
        selfAttention = MultiHeadAttention(embedDim: dModel, numHeads: nhead, dropout: dropout, bias: bias,
                                           batchFirst: batchFirst, dtype: dtype)
        crossAttention = MultiHeadAttention(embedDim: dModel, numHeads: nhead, dropout: dropout, bias: bias,
                                            batchFirst: batchFirst, dtype: dtype)
        linear1 = Linear(dModel, dimFeedforward, bias: bias, dtype: dtype)
        linear2 = Linear(dimFeedforward, dModel, bias: bias, dtype: dtype)
        norm1 = LayerNorm([dModel], epsilon: layerNormEpsilon, bias: bias, dtype: dtype)
        norm2 = LayerNorm([dModel], epsilon: layerNormEpsilon, bias: bias, dtype: dtype)
        norm3 = LayerNorm([dModel], epsilon: layerNormEpsilon, bias: bias, dtype: dtype)
        self.dropout = Dropout(p: dropout)
        dropout1 = Dropout(p: dropout)
        dropout2 = Dropout(p: dropout)
        dropout3 = Dropout(p: dropout)
        self.activation = activation
        self.normFirst = normFirst
    }

    public override var namedChildren: [(String, Module)] {
        [("self_attn", selfAttention), ("multihead_attn", crossAttention), ("linear1", linear1),
         ("dropout", dropout), ("linear2", linear2), ("norm1", norm1), ("norm2", norm2), ("norm3", norm3),
         ("dropout1", dropout1), ("dropout2", dropout2), ("dropout3", dropout3)]
    }

    /// - Parameters:
    ///   - targetMask: self-attention mask `[T, T]` (or `[N·nhead, T, T]`); `true` hides.
    ///   - memoryMask: cross-attention mask `[T, S]` (or `[N·nhead, T, S]`).
    ///   - targetKeyPaddingMask: `[N, T]`; `memoryKeyPaddingMask`: `[N, S]`.
    ///   - targetIsCausal: causal self-attention (builds the mask when `targetMask` is `nil`).
    ///   - memoryIsCausal: causal cross-attention (builds the mask when `memoryMask` is `nil`).
    public func callAsFunction(_ target: Tensor, memory: Tensor, targetMask: Tensor? = nil, memoryMask: Tensor? = nil,
                               targetKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
                               targetIsCausal: Bool = false, memoryIsCausal: Bool = false) -> Tensor {
        func selfAttentionBlock(_ x: Tensor) -> Tensor {
            dropout1(selfAttention(x, x, x, keyPaddingMask: targetKeyPaddingMask, attentionMask: targetMask,
                                   isCausal: targetIsCausal, needWeights: false).output)
        }
        func crossAttentionBlock(_ x: Tensor) -> Tensor {
            dropout2(crossAttention(x, memory, memory, keyPaddingMask: memoryKeyPaddingMask, attentionMask: memoryMask,
                                    isCausal: memoryIsCausal, needWeights: false).output)
        }
        func feedForwardBlock(_ x: Tensor) -> Tensor {
            dropout3(linear2(dropout(activation(linear1(x)))))
        }
        var x = target
        if normFirst {
            x = x + selfAttentionBlock(norm1(x))
            x = x + crossAttentionBlock(norm2(x))
            x = x + feedForwardBlock(norm3(x))
        } else {
            x = norm1(x + selfAttentionBlock(x))
            x = norm2(x + crossAttentionBlock(x))
            x = norm3(x + feedForwardBlock(x))
        }
        return x
    }
}
