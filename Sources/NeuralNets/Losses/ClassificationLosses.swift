import Tensors

/// Cross-entropy between logits and class labels or class probabilities (PyTorch's
/// `CrossEntropyLoss`): `logSoftmax` and negative log-likelihood in one.
///
/// - Logits are `[N, C]` or `[N, C, d₁, …]` (class axis 1).
/// - Targets are either `int64` class indices `[N]` / `[N, d₁, …]`, or float probabilities with
///   the logits' shape.
/// - `weight` (`[C]`) rescales each class; with `.mean` the weighted losses are divided by the
///   sum of the weights of the targets, as PyTorch does.
/// - Targets equal to `ignoreIndex` contribute nothing (class-index targets only).
/// - `labelSmoothing` ε mixes the target with the uniform distribution: `(1 − ε)·y + ε/C`.
public struct CrossEntropyLoss: Sendable {
    public var weight: Tensor?
    public var ignoreIndex: Int
    public var labelSmoothing: Double
    public var reduction: LossReduction

    /// - Precondition: `0 ≤ labelSmoothing ≤ 1`.
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, labelSmoothing: Double = 0,
                reduction: LossReduction = .mean) {
        precondition(labelSmoothing >= 0 && labelSmoothing <= 1,
                     "CrossEntropyLoss: labelSmoothing must be in [0, 1], got \(labelSmoothing)")
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        self.reduction = reduction
    }

    public func callAsFunction(_ logits: Tensor, _ target: Tensor) -> Tensor {
        precondition(logits.rank >= 2, "CrossEntropyLoss: logits must be [N, C, …], got \(logits.shape)")
        return negativeLogLikelihood(logits.logSoftmax(axis: 1), target, weight: weight, ignoreIndex: ignoreIndex,
                                     labelSmoothing: labelSmoothing, reduction: reduction, "CrossEntropyLoss")
    }
}

/// Negative log-likelihood of class labels under log-probabilities (PyTorch's `NLLLoss`):
/// `−w_y · log p_y`. Input `[N, C]` or `[N, C, d₁, …]`; targets `int64` `[N]` / `[N, d₁, …]`.
public struct NLLLoss: Sendable {
    public var weight: Tensor?
    public var ignoreIndex: Int
    public var reduction: LossReduction
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }
    public func callAsFunction(_ logProbabilities: Tensor, _ target: Tensor) -> Tensor {
        precondition(target.dtype == .int64, "NLLLoss: targets must be int64 class indices, got \(target.dtype)")
        return negativeLogLikelihood(logProbabilities, target, weight: weight, ignoreIndex: ignoreIndex,
                                     labelSmoothing: 0, reduction: reduction, "NLLLoss")
    }
}

/// The shared core of cross-entropy and NLL on log-probabilities `[N, C, …]`.
private func negativeLogLikelihood(_ logp: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int,
                                   labelSmoothing: Double, reduction: LossReduction, _ name: StaticString) -> Tensor {
    let classes = logp.shape[1]
    if let weight {
        precondition(weight.shape == [classes] && weight.dtype == logp.dtype,
                     "\(name): weight must be [\(classes)] in \(logp.dtype), got \(weight.shape) \(weight.dtype)")
    }
    // Move the class axis last and flatten: [M, C].
    let order = [0] + Array(2..<logp.rank) + [1]
    let rows = logp.permuted(order).reshaped([-1, classes])
    let classWeights = weight.map { $0.reshaped([1, classes]) }

    if target.dtype.isFloatingPoint {
        precondition(target.shape == logp.shape,
                     "\(name): probability targets must have the logits' shape \(logp.shape), got \(target.shape)")
        var probabilities = target.permuted(order).reshaped([-1, classes])
        if labelSmoothing > 0 { probabilities = (1 - labelSmoothing) * probabilities + labelSmoothing / Double(classes) }
        var perClass = probabilities * rows
        if let classWeights { perClass = perClass * classWeights }
        let loss = -perClass.sum(axis: 1)
        if reduction == .none { return loss.reshaped([logp.shape[0]] + Array(logp.shape.dropFirst(2))) }
        return reduction.apply(loss)
    }

    precondition(target.dtype == .int64, "\(name): targets must be int64 class indices or float probabilities")
    let expectedShape = [logp.shape[0]] + Array(logp.shape.dropFirst(2))
    precondition(target.shape == expectedShape, "\(name): targets must be \(expectedShape) for logits \(logp.shape), got \(target.shape)")
    let labels = target.reshaped([-1])
    let valid = labels .!= Tensor(Double(ignoreIndex), dtype: .int64)
    let safe = Tensor.where(valid, labels, Tensor.zeros([], dtype: .int64))
    if let bad = safe.scalars(as: Int.self).first(where: { $0 < 0 || $0 >= classes }) {
        preconditionFailure("\(name): target \(bad) is not a class in 0..<\(classes) (nor ignoreIndex \(ignoreIndex))")
    }
    let validMask = valid.to(logp.dtype)
    let picked = -rows.gather(axis: 1, indices: safe.reshaped([-1, 1])).reshaped([-1])
    let sampleWeights = (weight.map { $0.indexSelect(axis: 0, indices: safe) } ?? Tensor.ones(like: picked)) * validMask
    var loss = picked * sampleWeights
    var smooth: Tensor?
    if labelSmoothing > 0 {
        var perClass = rows
        if let classWeights { perClass = perClass * classWeights }
        smooth = -perClass.sum(axis: 1) * validMask
    }
    switch reduction {
    case .none:
        if let smooth { loss = (1 - labelSmoothing) * loss + labelSmoothing / Double(classes) * smooth }
        return loss.reshaped(expectedShape)
    case .sum:
        var total = loss.sum()
        if let smooth { total = (1 - labelSmoothing) * total + labelSmoothing / Double(classes) * smooth.sum() }
        return total
    case .mean:
        let denominator = sampleWeights.sum()
        var total = loss.sum() / denominator
        if let smooth { total = (1 - labelSmoothing) * total + labelSmoothing / Double(classes) * (smooth.sum() / denominator) }
        return total
    }
}

/// Kullback–Leibler divergence `Σ y·(log y − x)` of the target distribution `y` from the
/// input's, where the input holds log-probabilities (PyTorch's `KLDivLoss`). Zero target
/// entries contribute zero. `batchMean` divides the sum by the batch size (the mathematically
/// correct mean); `logTarget` says the target holds log-probabilities too.
public struct KLDivLoss: Sendable {
    public var reduction: LossReduction
    public var batchMean: Bool
    public var logTarget: Bool
    public init(reduction: LossReduction = .mean, batchMean: Bool = false, logTarget: Bool = false) {
        self.reduction = reduction
        self.batchMean = batchMean
        self.logTarget = logTarget
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(input, target, "KLDivLoss")
        let loss: Tensor
        if logTarget {
            loss = target.exp() * (target - input)
        } else {
            // y·log y is 0 where y = 0 (and its gradient does not see log 0).
            let positive = target .> 0
            let safe = Tensor.where(positive, target, Tensor.ones([], dtype: target.dtype))
            loss = Tensor.where(positive, target * (safe.log() - input), Tensor.zeros([], dtype: input.dtype))
        }
        if batchMean { return loss.sum() / Double(Swift.max(input.shape.first ?? 1, 1)) }
        return reduction.apply(loss)
    }
}

/// Multi-class hinge loss (PyTorch's `MultiMarginLoss`), the loss of a linear SVM:
/// `Σ_{j≠y} max(0, margin − x_y + x_j)^p / C` per sample, for logits `[N, C]` and `int64`
/// labels `[N]`.
public struct MultiMarginLoss: Sendable {
    public var p: Int
    public var margin: Double
    public var reduction: LossReduction
    /// - Precondition: `p` is 1 or 2.
    public init(p: Int = 1, margin: Double = 1, reduction: LossReduction = .mean) {
        precondition(p == 1 || p == 2, "MultiMarginLoss: p must be 1 or 2, got \(p)")
        self.p = p
        self.margin = margin
        self.reduction = reduction
    }
    public func callAsFunction(_ logits: Tensor, _ labels: Tensor) -> Tensor {
        precondition(logits.rank == 2 && labels.shape == [logits.shape[0]] && labels.dtype == .int64,
                     "MultiMarginLoss: needs logits [N, C] and int64 labels [N], got \(logits.shape) and \(labels.shape) \(labels.dtype)")
        let classes = logits.shape[1]
        let correct = logits.gather(axis: 1, indices: labels.reshaped([-1, 1]))
        var margins = (margin - correct + logits).clamp(min: 0)
        if p == 2 { margins = margins * margins }
        // The j = y term is max(0, margin)^p; remove it.
        let notTarget = labels.reshaped([-1, 1]) .!= Tensor.arange(classes).reshaped([1, classes])
        let loss = (margins * notTarget.to(logits.dtype)).sum(axis: 1) / Double(classes)
        return reduction.apply(loss)
    }
}
