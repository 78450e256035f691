import NeuralNets
import Tensors

/// One optimizer in the race: the engine's optimizer over a 2-element float64 parameter
/// `[x, y]`, and the path it has taken.
final class Racer {
    enum Status: String, Sendable, Codable { case running, finished, diverged }

    let kind: OptimizerRace.Kind
    let parameter: Tensor
    let optimizer: Optimizer
    private(set) var xs: [Double]
    private(set) var ys: [Double]
    private(set) var losses: [Double]
    private(set) var status = Status.running
    private(set) var reason: String?
    private(set) var stoppedAt: Int?
    private var noise: RandomGenerator

    init(kind: OptimizerRace.Kind, settings s: DemoSettings, start: (x: Double, y: Double), loss: Double, seed: UInt64) {
        self.kind = kind
        parameter = Tensor([start.x, start.y], shape: [2])
        let p = [parameter], lr = s.double(OptimizerRace.lr(kind))
        switch kind {
        case .sgd: optimizer = SGD(p, learningRate: lr)
        case .momentum: optimizer = SGD(p, learningRate: lr, momentum: s.double("momentum.momentum"))
        case .nesterov:
            let mu = s.double("nesterov.momentum")
            // Nesterov without momentum is plain SGD (and the engine asks for momentum > 0).
            optimizer = mu > 0 ? SGD(p, learningRate: lr, momentum: mu, nesterov: true) : SGD(p, learningRate: lr)
        case .adagrad: optimizer = AdaGrad(p, learningRate: lr)
        case .rmsprop: optimizer = RMSProp(p, learningRate: lr, alpha: s.double("rmsprop.alpha"))
        case .adam: optimizer = Adam(p, learningRate: lr, beta1: s.double("adam.beta1"), beta2: s.double("adam.beta2"))
        case .adamw:
            optimizer = AdamW(p, learningRate: lr, beta1: s.double("adamw.beta1"), beta2: s.double("adamw.beta2"),
                              weightDecay: s.double("adamw.weightDecay"))
        }
        xs = [start.x]
        ys = [start.y]
        losses = [loss]
        noise = RandomGenerator(seed: seed)
    }

    /// Steps taken so far.
    var steps: Int { xs.count - 1 }

    /// One optimizer step on `surface`; stops the racer (without trapping) when the point or
    /// its loss stops being finite or the point leaves `limit`, and when `maxSteps` are done.
    func step(surface: Surface, condition: Double, noiseLevel: Double, limit: DemoBox, maxSteps: Int) {
        guard status == .running else { return }
        var (gx, gy) = surface.gradient(xs[steps], ys[steps], condition: condition)
        if surface == .noisyBowl && noiseLevel > 0 {
            gx += noiseLevel * noise.nextNormal()
            gy += noiseLevel * noise.nextNormal()
        }
        parameter.grad = Tensor([gx, gy], shape: [2])
        optimizer.step()
        let point = parameter.scalars(as: Double.self)
        let x = point[0], y = point[1]
        let loss = surface.value(x, y, condition: condition)
        guard x.isFinite, y.isFinite, loss.isFinite else {
            stop(.diverged, "the point or its loss is no longer finite")
            return
        }
        xs.append(x)
        ys.append(y)
        losses.append(loss)
        if !limit.contains(x: x, y: y) {
            stop(.diverged, "left the surface's box far behind")
        } else if steps >= maxSteps {
            stop(.finished, nil)
        }
    }

    private func stop(_ status: Status, _ reason: String?) {
        self.status = status
        self.reason = reason
        stoppedAt = steps
    }

    /// Path points from index `from` on.
    func path(from: Int) -> OptimizerRace.Path {
        let start = Swift.min(Swift.max(from, 0), xs.count)
        return OptimizerRace.Path(from: start, x: xs[start...].map { Rounding.significant($0, digits: 7) },
                                  y: ys[start...].map { Rounding.significant($0, digits: 7) },
                                  loss: losses[start...].map { Rounding.significant($0, digits: 6) })
    }
}
