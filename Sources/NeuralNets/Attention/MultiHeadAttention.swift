import Tensors

/// Multi-head attention (Vaswani et al. 2017) with PyTorch's `nn.MultiheadAttention` semantics:
/// queries, keys and values are projected by `in_proj_weight` (the three `[E, E]` blocks stacked
/// as `[3E, E]`) and `in_proj_bias`, split into `numHeads` heads of `E / numHeads` features,
/// attended with scaled dot products, joined and projected by `out_proj`.
///
/// - Shapes: query `[L, N, E]`, key and value `[S, N, E]` (`[N, L, E]` and `[N, S, E]` with
///   `batchFirst`; unbatched `[L, E]`, `[S, E]`) → output with the query's shape.
/// - Masks use PyTorch's convention: in a `bool` mask **`true` hides** a position; a float mask
///   is added to the scores. `keyPaddingMask` is `[N, S]` (`[S]` unbatched); `attentionMask`
///   is `[L, S]` or `[N·numHeads, L, S]`. A query that can see no key gets NaN, as in PyTorch.
/// - Parameters are named as PyTorch's (`in_proj_weight`, `in_proj_bias`, `out_proj.weight`,
///   `out_proj.bias`) and initialised as PyTorch does: Xavier-uniform input projection, zero
///   biases, `Linear`'s default for the output weight.
///
/// Not supported: `kdim`/`vdim` different from `embedDim`, `add_bias_kv`, `add_zero_attn`.
public final class MultiHeadAttention: Module {
    public let embedDim: Int
    public let numHeads: Int
    /// Probability of dropping attention weights in training mode.
    public let dropout: Double
    public let batchFirst: Bool
    /// `[3·embedDim, embedDim]`: the query, key and value projections stacked (PyTorch's `in_proj_weight`).
    public let inProjectionWeight: Tensor
    /// `[3·embedDim]`, or `nil` without biases (PyTorch's `in_proj_bias`).
    public let inProjectionBias: Tensor?
    /// PyTorch's `out_proj`.
    public let outProjection: Linear

    /// - Precondition: `numHeads` divides `embedDim`; `0 ≤ dropout < 1`.
    public init(embedDim: Int, numHeads: Int, dropout: Double = 0, bias: Bool = true, batchFirst: Bool = false,
                dtype: DType = .float32) {
        precondition(embedDim > 0 && numHeads > 0 && embedDim % numHeads == 0,
                     "MultiHeadAttention: embedDim \(embedDim) must be a positive multiple of numHeads \(numHeads)")
        precondition(dropout >= 0 && dropout < 1, "MultiHeadAttention: dropout must be in [0, 1), got \(dropout)")
        self.embedDim = embedDim
        self.numHeads = numHeads
        self.dropout = dropout
        self.batchFirst = batchFirst
        inProjectionWeight = Init.xavierUniform(Tensor.zeros([3 * embedDim, embedDim], dtype: dtype)).requiringGrad()
        inProjectionBias = bias ? Tensor.zeros([3 * embedDim], dtype: dtype).requiringGrad() : nil
        outProjection = Linear(embedDim, embedDim, bias: bias, dtype: dtype)
        if let b = outProjection.bias { Init.zeros(b) }
    }

    /// The features of each head, `embedDim / numHeads`.
    public var headDim: Int { embedDim / numHeads }

    public override var ownParameters: [(String, Tensor)] {
        [("in_proj_weight", inProjectionWeight)] + (inProjectionBias.map { [("in_proj_bias", $0)] } ?? [])
    }

    public override var namedChildren: [(String, Module)] { [("out_proj", outProjection)] }

    /// Attends `query` to `key`/`value`.
    ///
    /// - Parameters:
    ///   - keyPaddingMask: `[N, S]`; `true` (or −∞) marks padding keys to ignore.
    ///   - attentionMask: `[L, S]` or `[N·numHeads, L, S]`; `true` (or −∞) hides a key from a query.
    ///   - isCausal: hide each query's future keys. PyTorch treats this as a hint that
    ///     `attentionMask` is causal; here the causal mask is built when none is given, and a
    ///     given `attentionMask` is used as is.
    ///   - needWeights: also return the attention weights.
    ///   - averageWeights: average the weights over heads (`[N, L, S]`) rather than return
    ///     each head's (`[N, numHeads, L, S]`).
    /// - Returns: the output (the query's shape) and the weights when asked for (after dropout,
    ///   as PyTorch returns them).
    public func callAsFunction(_ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil,
                               attentionMask: Tensor? = nil, isCausal: Bool = false, needWeights: Bool = true,
                               averageWeights: Bool = true) -> (output: Tensor, weights: Tensor?) {
        let batched = query.rank == 3
        precondition((query.rank == 3 || query.rank == 2) && key.rank == query.rank && value.rank == query.rank,
                     "MultiHeadAttention: query, key and value must all be 3-D (batched) or 2-D, got \(query.shape), \(key.shape), \(value.shape)")
        precondition(query.shape.last == embedDim && key.shape.last == embedDim && value.shape.last == embedDim,
                     "MultiHeadAttention: query, key and value must end in embedDim \(embedDim), got \(query.shape), \(key.shape), \(value.shape)")
        precondition(query.dtype == inProjectionWeight.dtype && key.dtype == query.dtype && value.dtype == query.dtype,
                     "MultiHeadAttention: inputs must have the parameters' dtype \(inProjectionWeight.dtype)")
        // Internally [N, L, E].
        func batchMajor(_ t: Tensor) -> Tensor {
            batched ? (batchFirst ? t : t.transposed(0, 1)) : t.unsqueezed(axis: 0)
        }
        let q = batchMajor(query), k = batchMajor(key), v = batchMajor(value)
        let n = q.shape[0], l = q.shape[1], s = k.shape[1]
        precondition(k.shape[0] == n && v.shape[0] == n && v.shape[1] == s,
                     "MultiHeadAttention: key \(key.shape) and value \(value.shape) do not match the query \(query.shape)")

        let sameInputs = query === key && key === value
        let mask = combinedMask(keyPaddingMask, attentionMask, isCausal: isCausal, batched: batched, n: n, l: l, s: s,
                                dtype: query.dtype)
        let activeDropout = isTraining ? dropout : 0
        // Without weights to return or dropout to apply, the fused core (one recorded operation
        // reading the heads straight out of the projections) gives the same result faster.
        if !needWeights && activeDropout == 0 && !(mask?.requiresGrad ?? false) {
            let scale = 1 / Double(headDim).squareRoot()
            let attended: Tensor
            if sameInputs {
                attended = FusedAttention.callAsFunction(
                    packed: Tensor.linear(q, weight: inProjectionWeight, bias: inProjectionBias), heads: numHeads, mask: mask,
                    scale: scale)
            } else {
                let (pq, pk, pv) = project(query: q, key: k, value: v, sameInputs: false)
                attended = FusedAttention.callAsFunction(query: pq, key: pk, value: pv, heads: numHeads, mask: mask, scale: scale)
            }
            // [N, L, E] → [L, N, E] when sequence-first, and the output projection.
            let output = outProjection(batchFirst || !batched ? attended : attended.transposed(0, 1))
            return (batched ? output : output.squeezed(axis: 0), nil)
        }
        let (pq, pk, pv) = project(query: q, key: k, value: v, sameInputs: sameInputs)
        func heads(_ t: Tensor, _ length: Int) -> Tensor {
            t.reshaped([n, length, numHeads, headDim]).permuted([0, 2, 1, 3])
        }
        let (attended, weights) = attention(heads(pq, l), heads(pk, s), heads(pv, s), additiveMask: mask,
                                            isCausal: false, scale: nil, dropout: activeDropout)
        // [N, H, L, hd] → [N, L, E] (or [L, N, E]) and the output projection.
        let joined = batchFirst || !batched
            ? attended.permuted([0, 2, 1, 3]).reshaped([n, l, embedDim])
            : attended.permuted([2, 0, 1, 3]).reshaped([l, n, embedDim])
        var output = outProjection(joined)
        if !batched { output = output.squeezed(axis: 0) }
        guard needWeights else { return (output, nil) }
        var w = averageWeights ? weights.mean(axis: 1) : weights
        if !batched { w = w.squeezed(axis: 0) }
        return (output, w)
    }

    /// Self-attention: `callAsFunction(x, x, x, …)`.
    public func callAsFunction(_ x: Tensor, keyPaddingMask: Tensor? = nil, attentionMask: Tensor? = nil,
                               isCausal: Bool = false, needWeights: Bool = true,
                               averageWeights: Bool = true) -> (output: Tensor, weights: Tensor?) {
        callAsFunction(x, x, x, keyPaddingMask: keyPaddingMask, attentionMask: attentionMask, isCausal: isCausal,
                       needWeights: needWeights, averageWeights: averageWeights)
    }

    /// The three input projections, `[N, ·, E]` each; one GEMM for self-attention.
    private func project(query: Tensor, key: Tensor, value: Tensor, sameInputs: Bool) -> (Tensor, Tensor, Tensor) {
        if sameInputs {
            let all = Tensor.linear(query, weight: inProjectionWeight, bias: inProjectionBias)
            let parts = all.split(parts: 3, axis: -1)
            return (parts[0], parts[1], parts[2])
        }
        let w = inProjectionWeight.split(parts: 3, axis: 0)
        let b = inProjectionBias?.split(parts: 3, axis: 0)
        return (Tensor.linear(query, weight: w[0], bias: b?[0]), Tensor.linear(key, weight: w[1], bias: b?[1]),
                Tensor.linear(value, weight: w[2], bias: b?[2]))
    }

    /// The key-padding and attention masks as one additive float mask broadcastable to [N, H, L, S].
    private func combinedMask(_ keyPadding: Tensor?, _ attentionMask: Tensor?, isCausal: Bool, batched: Bool,
                              n: Int, l: Int, s: Int, dtype: DType) -> Tensor? {
        func additive(_ m: Tensor) -> Tensor {
            if m.dtype == .bool { return AttentionMask.additive(hidden: m, dtype: dtype) }
            precondition(m.dtype == dtype, "MultiHeadAttention: a float mask must have the inputs' dtype \(dtype), got \(m.dtype)")
            return m
        }
        var mask: Tensor?
        if let attentionMask {
            if attentionMask.rank == 2 {
                precondition(attentionMask.shape == [l, s],
                             "MultiHeadAttention: a 2-D attentionMask must be [\(l), \(s)], got \(attentionMask.shape)")
                mask = additive(attentionMask)
            } else {
                precondition(attentionMask.shape == [n * numHeads, l, s],
                             "MultiHeadAttention: a 3-D attentionMask must be [\(n * numHeads), \(l), \(s)], got \(attentionMask.shape)")
                mask = additive(attentionMask).reshaped([n, numHeads, l, s])
            }
        } else if isCausal {
            mask = AttentionMask.additive(hidden: AttentionMask.causal(queries: l, keys: s), dtype: dtype)
        }
        if let keyPadding {
            let expected = batched ? [n, s] : [s]
            precondition(keyPadding.shape == expected,
                         "MultiHeadAttention: keyPaddingMask must be \(expected), got \(keyPadding.shape)")
            let padding = additive(keyPadding).reshaped([n, 1, 1, s])
            mask = mask.map { $0 + padding } ?? padding
        }
        return mask
    }
}
