import Datasets
import NeuralNets
import Tensors

/// The code of the lesson "Neural networks" (`deep/neural-networks`). Each function holds one
/// region that the page shows; it returns what the region computes so that the tests can check it.
public enum NeuralNetworksLesson {
    /// Rosenblatt's perceptron rule on four points with 0/1 labels; returns the weights, the
    /// bias and the fraction of points classified correctly after `epochs` passes.
    public static func perceptron(points: [[Double]], labels: [Int], epochs: Int = 20)
        -> (weights: [Double], bias: Double, accuracy: Double) {
        // region: perceptron
        var w = [0.0, 0.0], b = 0.0
        func fires(_ p: [Double]) -> Int { w[0] * p[0] + w[1] * p[1] + b > 0 ? 1 : 0 }

        for _ in 0..<epochs {
            for (p, label) in zip(points, labels) {
                let error = Double(label - fires(p))     // +1 (should fire), −1 (should not) or 0
                w[0] += error * p[0]                      // move the line towards the missed point
                w[1] += error * p[1]
                b += error
            }
        }
        let correct = zip(points, labels).filter { fires($0.0) == $0.1 }.count
        let accuracy = Double(correct) / Double(points.count)
        // endregion
        return (w, b, accuracy)
    }

    /// A two-layer network with weights chosen by hand that computes XOR.
    public static func xorByHand() -> (hidden: Tensor, output: Tensor) {
        // region: xor-by-hand
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]] as [[Double]])   // the four inputs, one per row

        // Hidden layer: h₁ = relu(x₁ + x₂) counts the ones; h₂ = relu(x₁ + x₂ − 1) fires only for two.
        let w1 = Tensor([[1, 1], [1, 1]] as [[Double]])    // [inputs, hidden units]
        let b1 = Tensor([0, -1] as [Double])
        // Output: h₁ − 2h₂, which is 1 for exactly one 1 and 0 otherwise.
        let w2 = Tensor([[1], [-2]] as [[Double]])         // [hidden units, outputs]
        let b2 = Tensor([0] as [Double])

        let hidden = (x.matmul(w1) + b1).relu()            // [[0, 0], [1, 0], [1, 0], [2, 1]]
        let output = hidden.matmul(w2) + b2                // [[0], [1], [1], [0]]
        // endregion
        return (hidden, output)
    }

    /// The gradients of a small sigmoid network, worked out with the chain rule.
    public static func backprop(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor)
        -> (loss: Double, dw1: Tensor, db1: Tensor, dw2: Tensor, db2: Tensor) {
        // region: backprop
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]] as [[Double]])
        let y = Tensor([[0], [1], [1], [0]] as [[Double]])
        let n = Double(x.shape[0])

        // Forward pass, keeping every intermediate value.
        let z1 = x.matmul(w1) + b1                          // [4, hidden]
        let h = z1.sigmoid()
        let z2 = h.matmul(w2) + b2                          // [4, 1]
        let p = z2.sigmoid()
        let loss = -(y * p.log() + (1 - y) * (1 - p).log()).mean()

        // Backward pass: each line is one link of the chain rule, from the loss back to the inputs.
        let dz2 = (p - y) / n                               // ∂L/∂z₂ (sigmoid and cross-entropy together)
        let dw2 = h.T.matmul(dz2)                           // ∂L/∂W₂
        let db2 = dz2.sum(axis: 0)                          // ∂L/∂b₂
        let dh = dz2.matmul(w2.T)                           // ∂L/∂h
        let dz1 = dh * h * (1 - h)                          // σ′(z) = σ(z)(1 − σ(z))
        let dw1 = x.T.matmul(dz1)                           // ∂L/∂W₁
        let db1 = dz1.sum(axis: 0)                          // ∂L/∂b₁
        // endregion
        return (loss.item(), dw1, db1, dw2, db2)
    }

    /// Finite differences against the engine's reverse-mode gradients.
    public static func gradientCheck(w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor)
        -> (numeric: Double, autodiff: Double, report: GradientCheckResult) {
        // region: gradient-check
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]] as [[Double]])
        let y = Tensor([[0], [1], [1], [0]] as [[Double]])
        func loss(_ w1: Tensor, _ b1: Tensor, _ w2: Tensor, _ b2: Tensor) -> Tensor {
            let p = ((x.matmul(w1) + b1).sigmoid().matmul(w2) + b2).sigmoid()
            return -(y * p.log() + (1 - y) * (1 - p).log()).mean()
        }

        // By hand, for one weight: nudge it by ±ε and take the centred difference.
        let epsilon = 1e-6
        let up = w1.clone(), down = w1.clone()
        up[0, 0] = up[0, 0] + epsilon
        down[0, 0] = down[0, 0] - epsilon
        let numeric = (loss(up, b1, w2, b2).item() - loss(down, b1, w2, b2).item()) / (2 * epsilon)

        // The engine's autodiff, for the same weight.
        let leaf = w1.clone().requiringGrad()
        loss(leaf, b1, w2, b2).backward()
        let autodiff = leaf.grad![0, 0].item()              // agrees with `numeric` to about 1e-10

        // And every weight at once, with the engine's checker.
        let report = GradientCheck.check([w1, b1, w2, b2]) { p in loss(p[0], p[1], p[2], p[3]) }
        // endregion
        return (numeric, autodiff, report)
    }

    /// A small multilayer perceptron trained on the concentric-circles data.
    public static func training(steps: Int = 300) throws -> (losses: [Double], accuracy: Double) {
        // region: training
        let data = try Dataset.circles(count: 200, noise: 0.1, factor: 0.5, seed: 1)
        let x = data.features.to(.float32)                          // [200, 2]
        let y = data.target.to(.float32).reshaped([-1, 1])          // [200, 1], 0 outer or 1 inner

        Tensor.manualSeed(0)
        let model = Sequential(Linear(2, 8), Tanh(), Linear(8, 1))  // 2 → 8 → 1, 33 parameters
        let optimizer = Adam(model.parameters(), learningRate: 0.05)
        let lossFunction = BCEWithLogitsLoss()

        var losses: [Double] = []
        for _ in 0..<steps {
            optimizer.zeroGrad()
            let loss = lossFunction(model(x), y)    // forward pass
            loss.backward()                         // backpropagation
            optimizer.step()                        // gradient step
            losses.append(loss.item())
        }
        let predicted = (model(x) .> 0).to(.float32)                // logit > 0 means p > 0.5
        let accuracy = (predicted .== y).to(.float32).mean().item()
        // endregion
        return (losses, accuracy)
    }

    /// The spread of activations through 20 layers under four initialisations, and after LSUV.
    public static func initialisation() -> (tanhTiny: [Double], tanhXavier: [Double], reluXavier: [Double],
                                            reluHe: [Double], lsuvVariances: [Double]) {
        // region: initialisation
        let input = Tensor.randn([256, 64])                 // a batch of 256 inputs, 64 features

        // Pushes the batch through 20 layers of width 64 and records the activations' spread.
        func spreads(_ activation: (Tensor) -> Tensor, _ initialise: (Tensor) -> Void) -> [Double] {
            var h = input
            return (0..<20).map { _ in
                let w = Tensor.zeros([64, 64])
                initialise(w)
                h = activation(h.matmul(w.T))
                return h.std().item()
            }
        }
        let tanhTiny = spreads({ $0.tanh() }) { Init.normal($0, std: 0.01) }     // dies out
        let tanhXavier = spreads({ $0.tanh() }) { Init.xavierNormal($0, gain: 5.0 / 3) }
        let reluXavier = spreads({ $0.relu() }) { Init.xavierNormal($0) }       // halves the variance
        let reluHe = spreads({ $0.relu() }) { Init.kaimingNormal($0) }          // keeps it

        // LSUV: orthogonal weights, then each layer rescaled until its output variance is 1.
        let layers: [any UnaryLayer] = (0..<10).flatMap { _ in [Linear(64, 64), Tanh()] }
        let model = Sequential(layers)
        Init.lsuv(model, batch: input)
        var h = input
        var lsuvVariances: [Double] = []
        for layer in model.layers {
            h = layer(h)
            if layer is Linear { lsuvVariances.append(h.variance().item()) }  // each about 1
        }
        // endregion
        return (tanhTiny, tanhXavier, reluXavier, reluHe, lsuvVariances)
    }
}
