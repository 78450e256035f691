import Foundation
import Tensors

/// The network of a playground demo, built from the engine's own ops: 2-16-16-1 with tanh,
/// trained on BCE-with-logits (one fused op, as PyTorch's `BCEWithLogitsLoss`) by plain SGD, batch 32 of 2-D points. This is the workload of the
/// PyTorch anchor `tiny_ops.mlp_2_16_16_1_tanh.b32.train_step_sgd`.
public final class TinyMLP {
    public let parameters: [Tensor]
    let inputs: Tensor
    let labels: Tensor
    let learningRate: Double

    /// A network initialised as PyTorch's `Linear` does (uniform ±1/√fan_in, weights stored
    /// `[out, in]`), and one batch of
    /// the "circle" data set: points of an inner disc (label 1) and an outer ring (label 0).
    public init(batch: Int = 32, learningRate: Double = 0.03, seed: UInt64 = 0) {
        var g = RandomGenerator(seed: seed)
        func layer(_ fanIn: Int, _ fanOut: Int) -> [Tensor] {
            let bound = 1 / Double(fanIn).squareRoot()
            return [Tensor.uniform([fanOut, fanIn], low: -bound, high: bound, generator: &g).requiringGrad(),
                    Tensor.uniform([fanOut], low: -bound, high: bound, generator: &g).requiringGrad()]
        }
        parameters = layer(2, 16) + layer(16, 16) + layer(16, 1)
        var points: [Float] = [], targets: [Float] = []
        for i in 0..<batch {
            let inner = i % 2 == 0
            let radius = inner ? 2 * g.nextDouble() : 3 + 2 * g.nextDouble()
            let angle = 2 * Double.pi * g.nextDouble()
            points += [Float(radius * cos(angle) / 5), Float(radius * sin(angle) / 5)]
            targets.append(inner ? 1 : 0)
        }
        inputs = Tensor(points, shape: [batch, 2])
        labels = Tensor(targets, shape: [batch, 1])
        self.learningRate = learningRate
    }

    /// The logits for `x` (`[batch, 2]` → `[batch, 1]`).
    public func forward(_ x: Tensor) -> Tensor {
        let p = parameters
        let h1 = Tensor.linear(x, weight: p[0], bias: p[1]).tanh()
        let h2 = Tensor.linear(h1, weight: p[2], bias: p[3]).tanh()
        return Tensor.linear(h2, weight: p[4], bias: p[5])
    }

    /// One SGD step on the stored batch; returns the loss before the step.
    @discardableResult
    public func trainStep() -> Double {
        for p in parameters { p.zeroGrad() }
        let loss = Tensor.binaryCrossEntropyWithLogits(forward(inputs), labels)
        loss.backward()
        withNoGrad {
            for p in parameters { p.add(p.grad!, scaledBy: -learningRate) }
        }
        return loss.item()
    }

    /// The forward pass alone, without recording.
    public func inference() -> Tensor {
        withNoGrad { forward(inputs) }
    }
}
