import Foundation

/// The update rules of ``SGD`` (with and without momentum) and ``Adam`` over a ``FusedMLP``'s
/// flat parameter buffer, with the same arithmetic as the engine's optimizers (PyTorch's
/// formulas; the tests compare trajectories), minus the per-tensor bookkeeping.
public final class FusedOptimizer {
    public enum Rule: Sendable, Equatable {
        /// Plain gradient descent: `p ← p − lr·g`.
        case sgd
        /// Heavy-ball momentum as PyTorch's `SGD(momentum:)`: `b ← μb + g` (the first step
        /// copies `g`), `p ← p − lr·b`.
        case momentum(Double)
        /// Adam with bias correction.
        case adam(beta1: Double, beta2: Double, epsilon: Double)

        /// Adam with PyTorch's defaults.
        public static let adam = Rule.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    }

    public let rule: Rule
    /// The step size; may change between steps (state is kept).
    public var learningRate: Double
    public let parameterCount: Int
    /// The number of updates so far.
    public private(set) var stepCount = 0
    private let first: UnsafeMutablePointer<Float>
    private let second: UnsafeMutablePointer<Float>

    /// - Precondition: a finite learning rate ≥ 0; momentum ≥ 0; Adam's betas in [0, 1).
    public init(_ rule: Rule, learningRate: Double, parameterCount: Int) {
        precondition(learningRate >= 0 && learningRate.isFinite, "FusedOptimizer: learning rate must be finite and ≥ 0")
        switch rule {
        case .sgd: break
        case .momentum(let mu): precondition(mu >= 0 && mu.isFinite, "FusedOptimizer: momentum must be ≥ 0")
        case let .adam(beta1, beta2, epsilon):
            precondition((0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon >= 0, "FusedOptimizer: betas must be in [0, 1)")
        }
        self.rule = rule
        self.learningRate = learningRate
        self.parameterCount = parameterCount
        first = .allocate(capacity: Swift.max(parameterCount, 1))
        first.initialize(repeating: 0, count: Swift.max(parameterCount, 1))
        second = .allocate(capacity: Swift.max(parameterCount, 1))
        second.initialize(repeating: 0, count: Swift.max(parameterCount, 1))
    }

    deinit {
        first.deallocate()
        second.deallocate()
    }

    /// Forgets the momentum and moment estimates, as a new optimizer would.
    public func reset() {
        stepCount = 0
        first.update(repeating: 0, count: parameterCount)
        second.update(repeating: 0, count: parameterCount)
    }

    /// One update of `model`'s parameters from its gradients.
    /// - Precondition: the model has ``parameterCount`` parameters.
    public func step(_ model: FusedMLP) {
        precondition(model.parameterCount == parameterCount, "FusedOptimizer: built for \(parameterCount) parameters, the model has \(model.parameterCount)")
        model.withParametersAndGradients { p, g, n in step(parameters: p, gradients: g, count: n) }
    }

    /// One update of `count` parameters in place.
    public func step(parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, count: Int) {
        precondition(count == parameterCount, "FusedOptimizer: built for \(parameterCount) parameters, got \(count)")
        stepCount += 1
        let lr = Float(learningRate)
        switch rule {
        case .sgd:
            for k in 0..<count { p[k] -= lr * g[k] }
        case .momentum(let mu):
            let b = first, mu = Float(mu)
            if stepCount == 1 {
                for k in 0..<count { b[k] = g[k] }
            } else {
                for k in 0..<count { b[k] = mu * b[k] + g[k] }
            }
            for k in 0..<count { p[k] -= lr * b[k] }
        case let .adam(beta1, beta2, epsilon):
            let t = Double(stepCount)
            let stepSize = Float(learningRate / (1 - Foundation.pow(beta1, t)))
            let rootCorrection = Float((1 - Foundation.pow(beta2, t)).squareRoot())
            let b1 = Float(beta1), b2 = Float(beta2), eps = Float(epsilon)
            let m = first, v = second
            for k in 0..<count {
                let d = g[k]
                m[k] = b1 * m[k] + (1 - b1) * d
                v[k] = b2 * v[k] + (1 - b2) * d * d
                p[k] -= stepSize * m[k] / (v[k].squareRoot() / rootCorrection + eps)
            }
        }
    }
}
