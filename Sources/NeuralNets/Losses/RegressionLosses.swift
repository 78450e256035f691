import Tensors

/// Mean squared error, `(x − y)²`.
public struct MSELoss: Sendable {
    public var reduction: LossReduction
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(input, target, "MSELoss")
        let d = input - target
        return reduction.apply(d * d)
    }
}

/// Mean absolute error, `|x − y|`.
public struct L1Loss: Sendable {
    public var reduction: LossReduction
    public init(reduction: LossReduction = .mean) { self.reduction = reduction }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(input, target, "L1Loss")
        return reduction.apply((input - target).abs())
    }
}

/// Huber loss: `½d²` where `|d| < δ`, and `δ(|d| − ½δ)` beyond (PyTorch's `HuberLoss`).
public struct HuberLoss: Sendable {
    public var delta: Double
    public var reduction: LossReduction
    /// - Precondition: `delta > 0`.
    public init(delta: Double = 1, reduction: LossReduction = .mean) {
        precondition(delta > 0, "HuberLoss: delta must be positive, got \(delta)")
        self.delta = delta
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(input, target, "HuberLoss")
        let d = input - target, a = d.abs()
        return reduction.apply(Tensor.where(a .< delta, 0.5 * d * d, delta * (a - 0.5 * delta)))
    }
}

/// Smooth L1 loss: `½d²/β` where `|d| < β`, and `|d| − ½β` beyond (PyTorch's `SmoothL1Loss`;
/// Huber loss divided by β).
public struct SmoothL1Loss: Sendable {
    public var beta: Double
    public var reduction: LossReduction
    /// - Precondition: `beta > 0`.
    public init(beta: Double = 1, reduction: LossReduction = .mean) {
        precondition(beta > 0, "SmoothL1Loss: beta must be positive, got \(beta)")
        self.beta = beta
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        checkSameShape(input, target, "SmoothL1Loss")
        return reduction.apply(HuberLoss(delta: beta, reduction: .none)(input, target) / beta)
    }
}
