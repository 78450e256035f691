import Tensors

// Activation functions as layers, for `Sequential`.

public final class ReLU: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.relu() }
}

public final class LeakyReLU: Module, UnaryLayer {
    public let negativeSlope: Double
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.leakyRelu(negativeSlope: negativeSlope) }
}

/// ReLU with a learned negative slope: one shared value or one per channel (PyTorch's `nn.PReLU`).
public final class PReLU: Module, UnaryLayer {
    public let weight: Tensor
    /// - Precondition: `parameterCount > 0`.
    public init(parameterCount: Int = 1, initialSlope: Double = 0.25, dtype: DType = .float32) {
        precondition(parameterCount > 0, "PReLU: parameterCount must be positive")
        weight = Tensor.full([parameterCount], initialSlope, dtype: dtype).requiringGrad()
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.prelu(weight) }
}

public final class ELU: Module, UnaryLayer {
    public let alpha: Double
    public init(alpha: Double = 1) { self.alpha = alpha }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.elu(alpha: alpha) }
}

public final class SELU: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.selu() }
}

public final class GELU: Module, UnaryLayer {
    public let approximate: Bool
    /// `approximate: true` is PyTorch's `approximate="tanh"`.
    public init(approximate: Bool = false) { self.approximate = approximate }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.gelu(approximate: approximate) }
}

/// SiLU, also called swish.
public final class SiLU: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.silu() }
}

public final class Mish: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.mish() }
}

public final class Softplus: Module, UnaryLayer {
    public let beta: Double, threshold: Double
    public init(beta: Double = 1, threshold: Double = 20) { self.beta = beta; self.threshold = threshold }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.softplus(beta: beta, threshold: threshold) }
}

public final class Hardswish: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.hardswish() }
}

public final class Sigmoid: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.sigmoid() }
}

public final class Tanh: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x.tanh() }
}

public final class Softmax: Module, UnaryLayer {
    public let axis: Int
    public init(axis: Int = -1) { self.axis = axis }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.softmax(axis: axis) }
}

public final class LogSoftmax: Module, UnaryLayer {
    public let axis: Int
    public init(axis: Int = -1) { self.axis = axis }
    public func callAsFunction(_ x: Tensor) -> Tensor { x.logSoftmax(axis: axis) }
}

/// The identity, for places where a layer is optional.
public final class Identity: Module, UnaryLayer {
    public override init() {}
    public func callAsFunction(_ x: Tensor) -> Tensor { x }
}

/// An activation chosen by name, as the demos' controls offer them.
public enum Activation: String, Sendable, CaseIterable {
    case relu, leakyRelu, tanh, sigmoid, linear, gelu, silu, elu, selu, mish, softplus, hardswish

    /// Applies the activation.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: x.relu()
        case .leakyRelu: x.leakyRelu()
        case .tanh: x.tanh()
        case .sigmoid: x.sigmoid()
        case .linear: x
        case .gelu: x.gelu()
        case .silu: x.silu()
        case .elu: x.elu()
        case .selu: x.selu()
        case .mish: x.mish()
        case .softplus: x.softplus()
        case .hardswish: x.hardswish()
        }
    }
}
