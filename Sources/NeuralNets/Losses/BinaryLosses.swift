import Tensors

/// Binary cross-entropy on probabilities: `−w·(y·log x + (1 − y)·log(1 − x))`, with each
/// logarithm clamped at −100 as PyTorch does, so a probability of exactly 0 or 1 gives a large
/// finite loss rather than inf. Prefer ``BCEWithLogitsLoss`` on logits.
public struct BCELoss: Sendable {
    /// A rescaling weight broadcast against the input, or `nil`.
    public var weight: Tensor?
    public var reduction: LossReduction
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }
    /// - Precondition: input and target share a shape and a float dtype; input lies in [0, 1].
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(input, target, "BCELoss")
        let logX = input.log().clamp(min: -100), logNotX = (1 - input).log().clamp(min: -100)
        var loss = -(target * logX + (1 - target) * logNotX)
        if let weight { loss = loss * weight }
        return reduction.apply(loss)
    }
}

/// Binary cross-entropy on logits, computed stably (PyTorch's `BCEWithLogitsLoss`), with an
/// optional per-element `weight` and a `positiveWeight` that scales the loss of positive targets
/// (broadcast along the last axis, one value per class).
public struct BCEWithLogitsLoss: Sendable {
    public var weight: Tensor?
    public var positiveWeight: Tensor?
    public var reduction: LossReduction
    public init(weight: Tensor? = nil, positiveWeight: Tensor? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        self.positiveWeight = positiveWeight
        self.reduction = reduction
    }
    public func callAsFunction(_ logits: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(logits, target, "BCEWithLogitsLoss")
        guard weight != nil || positiveWeight != nil else {
            return Tensor.binaryCrossEntropyWithLogits(logits, target, reduction: reduction)
        }
        // ℓ = (1 − y)·x + (1 + (p − 1)·y)·log(1 + e^(−x)), with log(1 + e^(−x)) = softplus(−x).
        let logOnePlusExp = (-logits).softplus()
        var loss: Tensor
        if let positiveWeight {
            loss = (1 - target) * logits + (1 + (positiveWeight - 1) * target) * logOnePlusExp
        } else {
            loss = (1 - target) * logits + logOnePlusExp
        }
        if let weight { loss = loss * weight }
        return reduction.apply(loss)
    }
}

/// Hinge embedding loss: `x` where the label is 1, `max(0, margin − x)` where it is −1
/// (PyTorch's `HingeEmbeddingLoss`, for learning with distances).
public struct HingeEmbeddingLoss: Sendable {
    public var margin: Double
    public var reduction: LossReduction
    public init(margin: Double = 1, reduction: LossReduction = .mean) {
        self.margin = margin
        self.reduction = reduction
    }
    /// - Precondition: `labels` holds 1 and −1, in the input's shape and dtype.
    public func callAsFunction(_ input: Tensor, _ labels: Tensor) -> Tensor {
        checkSameShape(input, labels, "HingeEmbeddingLoss")
        let pushed = (margin - input).clamp(min: 0)
        let zero = Tensor.zeros([], dtype: input.dtype)
        let loss = Tensor.where(labels .== 1, input, zero) + Tensor.where(labels .== -1, pushed, zero)
        return reduction.apply(loss)
    }
}

/// Cosine embedding loss: `1 − cos(x₁, x₂)` for pairs labelled 1 and `max(0, cos − margin)` for
/// pairs labelled −1 (PyTorch's `CosineEmbeddingLoss`; rows of `[N, D]` inputs are the vectors).
public struct CosineEmbeddingLoss: Sendable {
    public var margin: Double
    public var reduction: LossReduction
    public init(margin: Double = 0, reduction: LossReduction = .mean) {
        self.margin = margin
        self.reduction = reduction
    }
    /// - Precondition: `x1` and `x2` are `[N, D]` (or `[D]`) of one float dtype; `labels` is `[N]`
    ///   (or a scalar) of 1 and −1 in that dtype.
    public func callAsFunction(_ x1: Tensor, _ x2: Tensor, _ labels: Tensor) -> Tensor {
        checkSameShape(x1, x2, "CosineEmbeddingLoss")
        // As PyTorch: each squared norm gets 1e-12 before the square root.
        let dot = (x1 * x2).sum(axis: -1)
        let norms = (((x1 * x1).sum(axis: -1) + 1e-12) * ((x2 * x2).sum(axis: -1) + 1e-12)).sqrt()
        let cosine = dot / norms
        let zero = Tensor.zeros([], dtype: x1.dtype)
        let loss = Tensor.where(labels .== 1, 1 - cosine, zero)
            + Tensor.where(labels .== -1, (cosine - margin).clamp(min: 0), zero)
        return reduction.apply(loss)
    }
}
