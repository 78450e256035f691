import Tensors

/// Gradient utilities used between `backward()` and `optimizer.step()`.
public enum Gradients {
    /// Scales all gradients together so that their global norm is at most `maxNorm`
    /// (PyTorch's `clip_grad_norm_`), and returns the norm before clipping.
    /// - Parameter normType: the p of the p-norm (2 by default; `.infinity` for the largest |g|).
    @discardableResult
    public static func clipNorm(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2) -> Double {
        precondition(maxNorm >= 0 && normType > 0, "clipNorm: maxNorm must be ≥ 0 and normType > 0")
        let grads = parameters.compactMap(\.grad)
        guard !grads.isEmpty else { return 0 }
        let total: Double = withNoGrad {
            if normType.isInfinite { return grads.map { $0.abs().max().item() }.max() ?? 0 }
            let sum = grads.reduce(0.0) { $0 + $1.abs().pow(normType).sum().item() }
            return Double.pow(sum, 1 / normType)
        }
        let factor = maxNorm / (total + 1e-6)
        if factor < 1 {
            transform(parameters) { $0 * factor }
        }
        return total
    }

    /// Clamps every gradient element into `[−maxValue, maxValue]` (PyTorch's `clip_grad_value_`).
    public static func clipValue(_ parameters: [Tensor], maxValue: Double) {
        precondition(maxValue >= 0, "clipValue: maxValue must be ≥ 0")
        transform(parameters) { $0.clamp(min: -maxValue, max: maxValue) }
    }

    /// Replaces every gradient `g` by `f(g)`, without recording.
    private static func transform(_ parameters: [Tensor], _ f: (Tensor) -> Tensor) {
        withNoGrad {
            for p in parameters { p.grad = p.grad.map(f) }
        }
    }

    /// Divides every gradient by `steps`, after `steps` backward passes accumulated into them,
    /// so that the update equals that of one large batch (gradient accumulation).
    public static func averageAccumulated(_ parameters: [Tensor], steps: Int) {
        precondition(steps > 0, "averageAccumulated: steps must be positive")
        guard steps > 1 else { return }
        transform(parameters) { $0 / Double(steps) }
    }
}

/// A gradient holding NaN or ±inf, found by ``Module/checkFiniteGradients()``.
public struct NonFiniteGradientError: Error, Equatable, CustomStringConvertible {
    /// The parameter's name in the model (`layers.2.weight`).
    public let parameter: String
    /// How many of its gradient elements are not finite.
    public let count: Int
    public var description: String { "the gradient of \(parameter) has \(count) NaN or infinite values" }
}

/// The gradient norm of one parameter, for the lessons' plots of how gradients flow.
public struct GradientNorm: Sendable, Equatable {
    public let parameter: String
    public let norm: Double
    /// The parameter's own norm, to judge the update's relative size.
    public let parameterNorm: Double
}

extension Module {
    /// Throws naming the first parameter (in declaration order) whose gradient is not finite.
    public func checkFiniteGradients() throws(NonFiniteGradientError) {
        for (name, p) in namedParameters() {
            guard let g = p.grad else { continue }
            let bad = withNoGrad { Int(g.isFinite().logicalNot().to(.int64).sum().item()) }
            if bad > 0 { throw NonFiniteGradientError(parameter: name, count: bad) }
        }
    }

    /// The L2 norm of every parameter's gradient (0 for parameters without one), in order.
    public func gradientNorms() -> [GradientNorm] {
        withNoGrad {
            namedParameters().map { name, p in
                let g = p.grad.map { ($0 * $0).sum().item().squareRoot() } ?? 0
                return GradientNorm(parameter: name, norm: g, parameterNorm: (p * p).sum().item().squareRoot())
            }
        }
    }
}
