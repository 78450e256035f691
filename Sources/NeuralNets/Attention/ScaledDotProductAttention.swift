import Tensors

/// Scaled dot-product attention (Vaswani et al. 2017), as PyTorch's
/// `F.scaled_dot_product_attention`: `softmax(q·kᵀ·scale + mask)·v`.
///
/// - Parameters:
///   - query: `[..., L, E]`.
///   - key: `[..., S, E]`.
///   - value: `[..., S, Ev]`. Leading (batch, head) axes broadcast between the three.
///   - mask: broadcastable to `[..., L, S]`. A `bool` mask says which positions **take part**
///     (`true` = attend, PyTorch's convention for this function; the opposite of
///     ``MultiHeadAttention``'s masks); a float mask is added to the scores (−∞ removes a position).
///   - isCausal: also hide the keys after each query (query `i` sees keys `0...i`, aligned at
///     the start as in PyTorch).
///   - scale: the factor on the scores; `1/√E` by default.
///   - dropout: probability of dropping each attention weight (survivors scaled by 1/(1 − p)).
///     Applied whenever positive, as in PyTorch; pass 0 in evaluation.
/// - Returns: `[..., L, Ev]`. A query whose keys are all hidden gets NaN, as in PyTorch.
public func scaledDotProductAttention(_ query: Tensor, _ key: Tensor, _ value: Tensor, mask: Tensor? = nil,
                                      isCausal: Bool = false, scale: Double? = nil, dropout: Double = 0) -> Tensor {
    let additive = mask.map { m in m.dtype == .bool ? AttentionMask.additive(fromAllowed: m, dtype: query.dtype) : m }
    return attention(query, key, value, additiveMask: additive, isCausal: isCausal, scale: scale, dropout: dropout).output
}

/// Helpers for building attention masks.
public enum AttentionMask {
    /// A `[size, size]` bool mask that is `true` above the diagonal: the future positions a
    /// causal query must not see, in ``MultiHeadAttention``'s convention (`true` = hidden).
    public static func causal(_ size: Int) -> Tensor {
        causal(queries: size, keys: size)
    }

    /// `[queries, keys]`, `true` where key `j` comes after query `i` (`j > i`).
    public static func causal(queries: Int, keys: Int) -> Tensor {
        Tensor.arange(keys).reshaped([1, keys]) .> Tensor.arange(queries).reshaped([queries, 1])
    }

    /// PyTorch's `nn.Transformer.generate_square_subsequent_mask`: a `[size, size]` float mask,
    /// −∞ above the diagonal and 0 elsewhere.
    public static func squareSubsequent(_ size: Int, dtype: DType = .float32) -> Tensor {
        additive(hidden: causal(size), dtype: dtype)
    }

    /// A float mask from a bool one where `true` hides a position: −∞ there, 0 elsewhere.
    public static func additive(hidden: Tensor, dtype: DType) -> Tensor {
        precondition(hidden.dtype == .bool, "AttentionMask.additive: mask must be bool, got \(hidden.dtype)")
        return Tensor.zeros(hidden.shape, dtype: dtype).maskedFill(hidden, with: -.infinity)
    }

    /// A float mask from a bool one where `true` lets a position take part: 0 there, −∞ elsewhere.
    public static func additive(fromAllowed allowed: Tensor, dtype: DType) -> Tensor {
        precondition(allowed.dtype == .bool, "AttentionMask.additive: mask must be bool, got \(allowed.dtype)")
        return additive(hidden: allowed.logicalNot(), dtype: dtype)
    }
}

/// The computation shared by ``scaledDotProductAttention(_:_:_:mask:isCausal:scale:dropout:)``
/// and ``MultiHeadAttention``: returns the output and the attention weights (after dropout).
func attention(_ q: Tensor, _ k: Tensor, _ v: Tensor, additiveMask: Tensor?, isCausal: Bool, scale: Double?,
               dropout: Double) -> (output: Tensor, weights: Tensor) {
    precondition(q.rank >= 2 && k.rank >= 2 && v.rank >= 2,
                 "attention: query, key and value need at least 2 axes, got \(q.shape), \(k.shape), \(v.shape)")
    precondition(q.shape.last == k.shape.last,
                 "attention: query \(q.shape) and key \(k.shape) differ in their last (feature) axis")
    precondition(k.shape[k.rank - 2] == v.shape[v.rank - 2],
                 "attention: key \(k.shape) and value \(v.shape) differ in their sequence axis")
    precondition(q.dtype == k.dtype && k.dtype == v.dtype && q.dtype.isFloatingPoint,
                 "attention: query, key and value must share a float dtype")
    precondition(dropout >= 0 && dropout < 1, "attention: dropout must be in [0, 1), got \(dropout)")
    let queries = q.shape[q.rank - 2], keys = k.shape[k.rank - 2]
    let factor = scale ?? 1 / Double(q.shape[q.rank - 1]).squareRoot()
    // Scaling q (L·E values) is cheaper than scaling the scores (L·S values); PyTorch does the same.
    var scores = (q * factor).matmul(k.transposed())
    if let additiveMask {
        precondition(additiveMask.dtype == q.dtype,
                     "attention: a float mask must have the query's dtype \(q.dtype), got \(additiveMask.dtype)")
        scores = scores + additiveMask
    }
    if isCausal { scores = scores.maskedFill(AttentionMask.causal(queries: queries, keys: keys), with: -.infinity) }
    var weights = scores.softmax(axis: -1)
    if dropout > 0 {
        weights = weights * (Tensor.bernoulli(weights.shape, probability: 1 - dropout, dtype: weights.dtype) / (1 - dropout))
    }
    return (weights.matmul(v), weights)
}
