import Foundation

// Scalar forms of the activations for the fused small-MLP kernel (``FusedMLP``): the value and
// the derivative, written to agree with the tape versions in `ActivationFunctions.swift`
// (including which side of a kink gets which slope).

extension Activation {
    /// Applies the activation to `count` floats: `output[k] = f(input[k])`.
    @inline(__always)
    func apply(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu: for k in 0..<count { output[k] = input[k] > 0 ? input[k] : 0 }
        case .leakyRelu: for k in 0..<count { output[k] = input[k] > 0 ? input[k] : 0.01 * input[k] }
        case .tanh: for k in 0..<count { output[k] = Self.tanh(input[k]) }
        case .sigmoid: for k in 0..<count { output[k] = 0.5 * Self.tanh(0.5 * input[k]) + 0.5 }
        case .linear: output.update(from: input, count: count)
        case .gelu: for k in 0..<count { output[k] = 0.5 * input[k] * (1 + Foundation.erf(input[k] * 0.70710678118654752)) }
        case .silu: for k in 0..<count { output[k] = input[k] * Self.sigmoid(input[k]) }
        case .elu: for k in 0..<count { output[k] = input[k] > 0 ? input[k] : Foundation.expm1(input[k]) }
        case .selu:
            for k in 0..<count {
                let x = input[k]
                output[k] = 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Foundation.expm1(x))
            }
        case .mish: for k in 0..<count { output[k] = input[k] * Foundation.tanh(Self.softplus(input[k])) }
        case .softplus: for k in 0..<count { output[k] = input[k] > 20 ? input[k] : Self.softplus(input[k]) }
        case .hardswish: for k in 0..<count { output[k] = input[k] * Swift.min(Swift.max(input[k] + 3, 0), 6) / 6 }
        }
    }

    /// Multiplies `delta[k]` by `f′(z[k])`, given the pre-activation `z` and the value `a = f(z)`.
    @inline(__always)
    func multiplyDerivative(_ delta: UnsafeMutablePointer<Float>, z: UnsafePointer<Float>, a: UnsafePointer<Float>, count: Int) {
        switch self {
        case .relu: for k in 0..<count where !(z[k] > 0) { delta[k] = 0 }
        case .leakyRelu: for k in 0..<count where !(z[k] > 0) { delta[k] *= 0.01 }
        case .tanh: for k in 0..<count { delta[k] *= 1 - a[k] * a[k] }
        case .sigmoid: for k in 0..<count { delta[k] *= a[k] * (1 - a[k]) }
        case .linear: break
        case .gelu:
            for k in 0..<count {
                let x = z[k]
                let cdf = 0.5 * (1 + Foundation.erf(x * 0.70710678118654752))
                let pdf = 0.3989422804014327 * Foundation.exp(-0.5 * x * x)
                delta[k] *= cdf + x * pdf
            }
        case .silu:
            for k in 0..<count {
                let s = Self.sigmoid(z[k])
                delta[k] *= s * (1 + z[k] * (1 - s))
            }
        case .elu: for k in 0..<count where !(z[k] > 0) { delta[k] *= Foundation.exp(z[k]) }
        case .selu:
            for k in 0..<count {
                delta[k] *= z[k] > 0 ? 1.0507009873554805 : 1.0507009873554805 * 1.6732632423543772 * Foundation.exp(z[k])
            }
        case .mish:
            for k in 0..<count {
                let t = Foundation.tanh(Self.softplus(z[k]))
                delta[k] *= t + z[k] * (1 - t * t) * Self.sigmoid(z[k])
            }
        case .softplus: for k in 0..<count { delta[k] *= z[k] > 20 ? 1 : Self.sigmoid(z[k]) }
        case .hardswish:
            for k in 0..<count {
                let x = z[k]
                delta[k] *= x <= -3 ? 0 : (x >= 3 ? 1 : (2 * x + 3) / 6)
            }
        }
    }

    /// tanh as a rational function (Eigen's fast float tanh: a degree-13/6 minimax fit on
    /// [−7.9, 7.9], within a few ulp of `tanhf`), branch-free so that loops vectorise; the
    /// library call costs ten times as much and dominates small networks.
    @inline(__always)
    static func tanh(_ value: Float) -> Float {
        let x = Swift.min(Swift.max(value, -7.90531110763549805), 7.90531110763549805)
        let x2 = x * x
        var p: Float = -2.76076847742355e-16
        p = p * x2 + 2.00018790482477e-13
        p = p * x2 - 8.60467152213735e-11
        p = p * x2 + 5.12229709037114e-08
        p = p * x2 + 1.48572235717979e-05
        p = p * x2 + 6.37261928875436e-04
        p = p * x2 + 4.89352455891786e-03
        p *= x
        var q: Float = 1.19825839466702e-06
        q = q * x2 + 1.18534705686654e-04
        q = q * x2 + 2.26843463243900e-03
        q = q * x2 + 4.89352518554385e-03
        return Swift.abs(value) < 0.0004 ? value : p / q
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }

    /// `log(1 + eˣ)` without overflow.
    @inline(__always)
    static func softplus(_ x: Float) -> Float {
        Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }
}
