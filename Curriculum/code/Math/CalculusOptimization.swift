import Foundation
import NeuralNets
import Tensors

/// The code of the lesson "Calculus and optimization" (`math/calculus-optimization`). Each
/// function holds one region that the page shows; it returns what the region computes so that
/// the tests can check it against values worked out by hand.
public enum CalculusOptimizationLesson {
    /// The derivative of f(x) = x³ − 2x at x = 2, three ways: by the rule, by finite
    /// differences, and by the engine's automatic differentiation.
    public static func derivatives(step h: Double = 1e-4) -> (exact: Double, forward: Double, centred: Double, autodiff: Double) {
        // region: derivatives
        func f(_ x: Double) -> Double { x * x * x - 2 * x }   // f(x) = x³ − 2x
        let x = 2.0

        let exact = 3 * x * x - 2                              // the rule: f′(x) = 3x² − 2 = 10

        // Nudge x by a small h and watch f change.
        let forward = (f(x + h) - f(x)) / h                    // 10.0006: off by about 6h
        let centred = (f(x + h) - f(x - h)) / (2 * h)          // 10.00000001: off by h²

        // The engine records the operations on x and applies the rules for us.
        let t = Tensor(x, dtype: .float64).requiringGrad()
        let y = t * t * t - 2 * t
        y.backward()
        let autodiff = t.grad!.item()                          // 10
        // endregion
        return (exact, forward, centred, autodiff)
    }

    /// The chain rule on one neuron with a squared error, by hand and by autodiff.
    public static func chainRule() -> (loss: Double, byHand: [Double], autodiff: [Double]) {
        // region: chain-rule
        // One linear neuron and its squared error: L = (w·x + b − y)².
        let x = 3.0, y = 5.0
        let w = 2.0, b = 1.0

        let prediction = w * x + b                             // 7
        let error = prediction - y                             // 2
        let loss = error * error                               // 4

        // Backwards, one link at a time: ∂L/∂error = 2·error, ∂error/∂prediction = 1,
        // ∂prediction/∂w = x and ∂prediction/∂b = 1. Multiply along the chain.
        let dLossDError = 2 * error                            // 4
        let byHand = [dLossDError * 1 * x,                     // ∂L/∂w = 12
                      dLossDError * 1 * 1]                     // ∂L/∂b = 4

        // The same gradient from the engine's tape.
        let wt = Tensor(w, dtype: .float64).requiringGrad(), bt = Tensor(b, dtype: .float64).requiringGrad()
        let e = wt * x + bt - y
        (e * e).backward()
        let autodiff = [wt.grad!.item(), bt.grad!.item()]      // [12, 4]
        // endregion
        return (loss, byHand, autodiff)
    }

    /// Plain gradient descent on the bowl f(x, y) = ½(x² + 10y²) from (−1.8, 1.2).
    public static func gradientDescent(learningRate: Double = 0.15, steps: Int = 20) -> (path: [(x: Double, y: Double)], losses: [Double]) {
        // region: gradient-descent
        let condition = 10.0                                   // the bowl is 10 times steeper along y
        func loss(_ p: (x: Double, y: Double)) -> Double { 0.5 * (p.x * p.x + condition * p.y * p.y) }
        func gradient(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) { (p.x, condition * p.y) }

        var point = (x: -1.8, y: 1.2)
        var path = [point], losses = [loss(point)]
        for _ in 0..<steps {
            let g = gradient(point)
            point = (point.x - learningRate * g.x, point.y - learningRate * g.y)   // step downhill
            path.append(point)
            losses.append(loss(point))
        }
        // With learningRate 0.15 each step multiplies x by 1 − 0.15 = 0.85 (a slow, steady
        // approach) and y by 1 − 0.15·10 = −0.5 (it jumps across the valley, shrinking).
        // Above 2/10 = 0.2 the factor on y is below −1 and the jumps grow: divergence.
        // endregion
        return (path, losses)
    }

    /// Heavy-ball momentum on the ill-conditioned bowl ½(x² + 100y²): by hand, with the
    /// engine's `SGD`, and plain SGD at the same learning rate for comparison.
    public static func momentum(steps: Int = 100) -> (byHand: [Double], engine: [Double], plainLoss: Double, momentumLoss: Double) {
        // region: momentum
        let condition = 100.0, learningRate = 0.015, mu = 0.9
        func gradient(_ p: [Double]) -> [Double] { [p[0], condition * p[1]] }
        func loss(_ p: [Double]) -> Double { 0.5 * (p[0] * p[0] + condition * p[1] * p[1]) }

        // By hand: the velocity is a running sum of past gradients, v ← μv + g,
        // and the point moves by −η·v.
        var point = [-1.8, 1.2], velocity = [0.0, 0.0]
        for _ in 0..<steps {
            let g = gradient(point)
            for i in 0..<2 {
                velocity[i] = mu * velocity[i] + g[i]
                point[i] -= learningRate * velocity[i]
            }
        }

        // The engine's optimizers do the same to a tensor; we hand them the gradient.
        func run(_ makeOptimizer: (Tensor) -> Optimizer) -> [Double] {
            let parameter = Tensor([-1.8, 1.2], shape: [2])
            let optimizer = makeOptimizer(parameter)
            for _ in 0..<steps {
                parameter.grad = Tensor(gradient(parameter.scalars()), shape: [2])
                optimizer.step()
            }
            return parameter.scalars()
        }
        let withMomentum = run { SGD([$0], learningRate: learningRate, momentum: mu) }   // equals `point`
        let plain = run { SGD([$0], learningRate: learningRate) }

        let plainLoss = loss(plain)                            // about 0.079: x has only shrunk to −0.4
        let momentumLoss = loss(withMomentum)                  // below 0.001
        // endregion
        return (point, withMomentum, plainLoss, momentumLoss)
    }

    /// Adam written out for one parameter on ½·scale·θ², for a gentle and a steep scale; then
    /// Adam's coupled L2 penalty against AdamW's decoupled weight decay on a weight with no gradient.
    public static func adam(steps: Int = 5) -> (gentle: [Double], steep: [Double], engine: [Double], coupled: Double, decoupled: Double) {
        // region: adam
        let lr = 0.1, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

        // Minimises ½·scale·θ² from θ = 1, whose gradient is scale·θ.
        func adamPath(scale: Double) -> [Double] {
            var theta = 1.0, m = 0.0, v = 0.0
            var path = [theta]
            for t in 1...steps {
                let g = scale * theta
                m = beta1 * m + (1 - beta1) * g                // running mean of gradients
                v = beta2 * v + (1 - beta2) * g * g            // running mean of squared gradients
                let mHat = m / (1 - pow(beta1, Double(t)))     // undo the pull towards the zero start
                let vHat = v / (1 - pow(beta2, Double(t)))
                theta -= lr * mHat / (vHat.squareRoot() + epsilon)
                path.append(theta)
            }
            return path
        }
        let gentle = adamPath(scale: 0.01)                     // 1, 0.9, …: the first step is lr
        let steep = adamPath(scale: 100)                       // the same path, 10,000 times the gradient

        // The engine's Adam on the steep bowl takes the same steps.
        let theta = Tensor([1.0], shape: [1])
        let optimizer = Adam([theta], learningRate: lr)
        var engine = [1.0]
        for _ in 0..<steps {
            theta.grad = 100 * theta
            optimizer.step()
            engine.append(theta.item())
        }

        // Weight decay on a weight the loss ignores (gradient 0), for 10 steps.
        let a = Tensor([1.0], shape: [1]), b = Tensor([1.0], shape: [1])
        let coupledAdam = Adam([a], learningRate: lr, weightDecay: 0.01)   // adds 0.01·θ to the gradient
        let decoupledAdamW = AdamW([b], learningRate: lr, weightDecay: 0.01) // θ ← θ(1 − lr·0.01)
        for _ in 0..<10 {
            a.grad = Tensor([0.0], shape: [1])
            b.grad = Tensor([0.0], shape: [1])
            coupledAdam.step()
            decoupledAdamW.step()
        }
        let coupled = a.item()       // far below 1: Adam scales the tiny penalty gradient up to steps of about lr
        let decoupled = b.item()     // 0.999¹⁰ ≈ 0.990: exactly the decay asked for
        // endregion
        return (gentle, steep, engine, coupled, decoupled)
    }

    /// Learning-rate schedules from the NeuralNets library, read at a few steps.
    public static func schedules() -> (step: [Double], cosine: [Double], warmupCosine: [Double], trained: Double) {
        // region: schedules
        let stepDecay = Schedules.step(initial: 0.1, stepSize: 30, gamma: 0.1)
        let cosine = Schedules.cosineAnnealing(initial: 0.1, period: 100)
        let warmupCosine = Schedules.warmup(steps: 10, then: Schedules.cosineAnnealing(initial: 0.1, period: 90))

        let stepRates = [0, 29, 30, 60].map(stepDecay)         // [0.1, 0.1, 0.01, 0.001]
        let cosineRates = [0, 50, 100].map(cosine)             // [0.1, 0.05, 0]
        let warmupRates = [0, 5, 10, 55].map(warmupCosine)     // [0, 0.05, 0.1, 0.05]

        // In a training loop, set the rate before each step.
        let w = Tensor([3.0], shape: [1])                      // minimise ½w²
        let optimizer = SGD([w], learningRate: 0.1)
        for step in 0..<100 {
            optimizer.learningRate = warmupCosine(step)
            w.grad = w.clone()                                 // the gradient of ½w² is w
            optimizer.step()
        }
        // endregion
        return (stepRates, cosineRates, warmupRates, w.item())
    }
}
