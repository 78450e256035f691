import ElementKernels
import Tensors

/// AdaGrad (Duchi et al. 2011): per-element steps scaled by the root of the summed squared
/// gradients, as PyTorch's `Adagrad` (with `learningRateDecay`, an initial accumulator and L2
/// weight decay).
public final class AdaGrad: Optimizer {
    public let learningRateDecay: Double, initialAccumulator: Double, epsilon: Double

    public init(_ parameters: [Tensor], learningRate: Double = 0.01, learningRateDecay: Double = 0,
                weightDecay: Double = 0, initialAccumulator: Double = 0, epsilon: Double = 1e-10) {
        self.learningRateDecay = learningRateDecay
        self.initialAccumulator = initialAccumulator
        self.epsilon = epsilon
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        let lr = group.learningRate / (1 + Double(state.step - 1) * learningRateDecay)
        Rule(lr: lr, weightDecay: group.weightDecay, epsilon: epsilon)
            .run(parameter, gradient, [state.buffer("sum", like: parameter, initialValue: initialAccumulator)])
    }

    private struct Rule: ElementwiseRule {
        let lr, weightDecay, epsilon: Double
        func apply<T: FloatingPointElement>(_ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>,
                                            _ s: [UnsafeMutablePointer<T>], count: Int) {
            let lr = T(lr), wd = T(weightDecay), eps = T(epsilon), sum = s[0]
            for i in 0..<count {
                let d = g[i] + wd * p[i]
                sum[i] += d * d
                p[i] -= lr * d / (sum[i].squareRoot() + eps)
            }
        }
    }
}

/// RMSProp (Hinton's lecture notes): steps scaled by a running root mean square of gradients,
/// optionally centred and with momentum, as PyTorch's `RMSprop`.
public final class RMSProp: Optimizer {
    public let alpha: Double, epsilon: Double, momentum: Double, centered: Bool

    public init(_ parameters: [Tensor], learningRate: Double = 0.01, alpha: Double = 0.99, epsilon: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) {
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        let buffers = [state.buffer("squareAverage", like: parameter),
                       state.buffer("gradientAverage", like: parameter),
                       state.buffer("momentum", like: parameter)]
        Rule(lr: group.learningRate, weightDecay: group.weightDecay, alpha: alpha, epsilon: epsilon,
             momentum: momentum, centered: centered).run(parameter, gradient, buffers)
    }

    private struct Rule: ElementwiseRule {
        let lr, weightDecay, alpha, epsilon, momentum: Double
        let centered: Bool
        func apply<T: FloatingPointElement>(_ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>,
                                            _ s: [UnsafeMutablePointer<T>], count: Int) {
            let lr = T(lr), wd = T(weightDecay), a = T(alpha), eps = T(epsilon), mu = T(momentum)
            let square = s[0], mean = s[1], buffer = s[2]
            for i in 0..<count {
                let d = g[i] + wd * p[i]
                square[i] = a * square[i] + (1 - a) * d * d
                var variance = square[i]
                if centered {
                    mean[i] = a * mean[i] + (1 - a) * d
                    variance -= mean[i] * mean[i]
                }
                let denominator = variance.squareRoot() + eps
                if momentum > 0 {
                    buffer[i] = mu * buffer[i] + d / denominator
                    p[i] -= lr * buffer[i]
                } else {
                    p[i] -= lr * d / denominator
                }
            }
        }
    }
}

/// Adam (Kingma and Ba 2015) with bias correction, L2 weight decay added to the gradient, and
/// the AMSGrad variant on request, as PyTorch's `Adam`.
public class Adam: Optimizer {
    public let beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool
    /// `true` for AdamW's decoupled weight decay.
    let decoupledWeightDecay: Bool

    public init(_ parameters: [Tensor], learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        decoupledWeightDecay = false
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    init(_ parameters: [Tensor], learningRate: Double, beta1: Double, beta2: Double, epsilon: Double,
         weightDecay: Double, amsgrad: Bool, decoupled: Bool) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        decoupledWeightDecay = decoupled
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        let m = state.buffer("firstMoment", like: parameter), v = state.buffer("secondMoment", like: parameter)
        let vMax = amsgrad ? state.buffer("maxSecondMoment", like: parameter) : nil
        let t = Double(state.step), lr = group.learningRate, decay = group.weightDecay
        let stepSize = lr / (1 - _pow(beta1, t)), rootCorrection2 = (1 - _pow(beta2, t)).squareRoot()
        // Exactly one weight decay is active: AdamW shrinks the parameter, Adam adds L2 to the gradient.
        let shrink = decoupledWeightDecay ? 1 - lr * decay : 1, l2 = decoupledWeightDecay ? 0 : decay
        precondition(parameter.isContiguous && parameter.dtype == gradient.dtype,
                     "Adam: parameters must be contiguous and match their gradient's dtype")
        let g = gradient.contiguous()
        withNoGrad {
            switch parameter.dtype {
            case .float32:
                mlhub_f32_adam(pointer(parameter, Float.self), UnsafePointer(pointer(g, Float.self)), pointer(m, Float.self),
                               pointer(v, Float.self), vMax.map { pointer($0, Float.self) }, parameter.count,
                               Float(beta1), Float(beta2), Float(epsilon), Float(stepSize), Float(rootCorrection2),
                               Float(shrink), Float(l2))
            case .float64:
                mlhub_f64_adam(pointer(parameter, Double.self), UnsafePointer(pointer(g, Double.self)), pointer(m, Double.self),
                               pointer(v, Double.self), vMax.map { pointer($0, Double.self) }, parameter.count,
                               beta1, beta2, epsilon, stepSize, rootCorrection2, shrink, l2)
            default:
                preconditionFailure("Adam: parameters must be float32 or float64, got \(parameter.dtype)")
            }
        }
    }
}

/// Adam with decoupled weight decay (Loshchilov and Hutter 2019): the parameter shrinks by
/// `lr·weightDecay` each step instead of the decay entering the gradient; PyTorch's `AdamW`.
public final class AdamW: Adam {
    public override init(_ parameters: [Tensor], learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0.01, amsgrad: Bool = false) {
        super.init(parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                   weightDecay: weightDecay, amsgrad: amsgrad, decoupled: true)
    }
}

/// Adam with the AMSGrad correction (Reddi et al. 2018): the second moment used is the running
/// maximum, so the effective step never grows; PyTorch's `Adam(amsgrad=True)`.
public final class AMSGrad: Adam {
    public init(_ parameters: [Tensor], learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) {
        super.init(parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                   weightDecay: weightDecay, amsgrad: true, decoupled: false)
    }
}

/// LAMB (You et al. 2020): Adam's direction, plus decoupled weight decay, scaled per parameter
/// tensor by the trust ratio ‖p‖ / ‖update‖ (1 when either norm is 0).
public final class LAMB: Optimizer {
    public let beta1: Double, beta2: Double, epsilon: Double

    public init(_ parameters: [Tensor], learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-6, weightDecay: Double = 0) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        let m = state.buffer("firstMoment", like: parameter), v = state.buffer("secondMoment", like: parameter)
        let t = Double(state.step)
        m.scale(by: beta1)
        m.add(gradient, scaledBy: 1 - beta1)
        v.scale(by: beta2)
        v.add(gradient * gradient, scaledBy: 1 - beta2)
        let mHat = m / (1 - _pow(beta1, t)), vHat = v / (1 - _pow(beta2, t))
        let direction = mHat / (vHat.sqrt() + epsilon) + group.weightDecay * parameter
        let weightNorm = (parameter * parameter).sum().item().squareRoot()
        let updateNorm = (direction * direction).sum().item().squareRoot()
        let trust = weightNorm > 0 && updateNorm > 0 ? weightNorm / updateNorm : 1
        parameter.add(direction, scaledBy: -group.learningRate * trust)
    }
}

/// Lion (Chen et al. 2023): the step is the sign of an interpolation of momentum and gradient,
/// with decoupled weight decay; it keeps one buffer instead of Adam's two.
public final class Lion: Optimizer {
    public let beta1: Double, beta2: Double

    public init(_ parameters: [Tensor], learningRate: Double = 1e-4, beta1: Double = 0.9, beta2: Double = 0.99,
                weightDecay: Double = 0) {
        self.beta1 = beta1
        self.beta2 = beta2
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        Rule(lr: group.learningRate, weightDecay: group.weightDecay, beta1: beta1, beta2: beta2)
            .run(parameter, gradient, [state.buffer("momentum", like: parameter)])
    }

    private struct Rule: ElementwiseRule {
        let lr, weightDecay, beta1, beta2: Double
        func apply<T: FloatingPointElement>(_ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>,
                                            _ s: [UnsafeMutablePointer<T>], count: Int) {
            let shrink = T(1 - lr * weightDecay), lr = T(lr), b1 = T(beta1), b2 = T(beta2), m = s[0]
            for i in 0..<count {
                let c = b1 * m[i] + (1 - b1) * g[i]
                let sign: T = c > 0 ? 1 : (c < 0 ? -1 : 0)
                p[i] = p[i] * shrink - lr * sign
                m[i] = b2 * m[i] + (1 - b2) * g[i]
            }
        }
    }
}

/// The first element of a contiguous tensor, for handing to C kernels.
@inline(__always)
func pointer<T: TensorElement>(_ t: Tensor, _: T.Type) -> UnsafeMutablePointer<T> {
    t.withUnsafeMutableElements(as: T.self) { $0.baseAddress! }
}

/// `base^exponent` for the bias corrections.
@inline(__always) func _pow(_ base: Double, _ exponent: Double) -> Double { Double.pow(base, exponent) }
