import Tensors

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
/// weight decay, following PyTorch's `SGD` exactly (the first momentum step copies the gradient).
public final class SGD: Optimizer {
    public let momentum: Double, dampening: Double, nesterov: Bool

    /// - Precondition: `momentum ≥ 0`; Nesterov needs momentum > 0 and no dampening.
    public init(_ parameters: [Tensor], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) {
        precondition(momentum >= 0, "SGD: momentum must be ≥ 0")
        precondition(!nesterov || (momentum > 0 && dampening == 0), "SGD: Nesterov momentum needs momentum > 0 and zero dampening")
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        super.init(parameters, learningRate: learningRate, weightDecay: weightDecay)
    }

    public override func update(_ parameter: Tensor, gradient: Tensor, state: inout ParameterState, group: ParameterGroup) {
        let rule = Rule(lr: group.learningRate, weightDecay: group.weightDecay, momentum: momentum,
                        dampening: dampening, nesterov: nesterov, first: state.step == 1)
        if momentum == 0 {
            rule.run(parameter, gradient)
        } else {
            rule.run(parameter, gradient, [state.buffer("momentum", like: parameter)])
        }
    }

    private struct Rule: ElementwiseRule {
        let lr, weightDecay, momentum, dampening: Double
        let nesterov, first: Bool
        func apply<T: FloatingPointElement>(_ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>,
                                            _ s: [UnsafeMutablePointer<T>], count: Int) {
            let lr = T(lr), wd = T(weightDecay), mu = T(momentum), keep = 1 - T(dampening)
            if s.isEmpty {
                for i in 0..<count { p[i] -= lr * (g[i] + wd * p[i]) }
                return
            }
            let b = s[0]
            for i in 0..<count {
                var d = g[i] + wd * p[i]
                b[i] = first ? d : mu * b[i] + keep * d
                d = nesterov ? d + mu * b[i] : b[i]
                p[i] -= lr * d
            }
        }
    }
}
