import Foundation
import Tensors

/// What happened during training: one value per epoch for each logged quantity
/// (`loss`, `validation.loss`, and any metric).
public struct History: Sendable {
    public private(set) var epochs: [[String: Double]] = []

    public init() {}

    mutating func append(_ logs: [String: Double]) { epochs.append(logs) }

    /// The values of `key` over the epochs (NaN where an epoch lacks it).
    public func values(_ key: String) -> [Double] { epochs.map { $0[key] ?? .nan } }
}

/// Hooks into the training loop. Every method has an empty default.
public protocol TrainingCallback: AnyObject {
    func trainingWillBegin(epochs: Int, batchesPerEpoch: Int)
    func batchDidEnd(epoch: Int, batch: Int, loss: Double, samples: Int)
    /// Called with the epoch's logs; return `true` to stop training.
    func epochDidEnd(epoch: Int, logs: [String: Double]) -> Bool
    func trainingDidEnd(history: History)
}

extension TrainingCallback {
    public func trainingWillBegin(epochs: Int, batchesPerEpoch: Int) {}
    public func batchDidEnd(epoch: Int, batch: Int, loss: Double, samples: Int) {}
    public func epochDidEnd(epoch: Int, logs: [String: Double]) -> Bool { false }
    public func trainingDidEnd(history: History) {}
}

/// The training loop: for each epoch, for each batch, `zeroGrad → loss → backward → (clip) →
/// step`, then evaluation on the validation batches, the schedule, and the callbacks.
public struct Trainer<Batch> {
    public let model: Module
    public let optimizer: Optimizer
    /// The training loss of a batch (the model is in training mode).
    public let loss: (Batch) -> Tensor
    /// Extra quantities computed on validation batches (the model in evaluation mode), averaged
    /// over the batches, weighted by their sizes.
    public let metrics: [String: (Batch) -> Double]
    /// The number of samples in a batch, for averages and throughput.
    public let batchSize: (Batch) -> Int
    /// Clip the global gradient norm to this value before each step.
    public var gradientClipNorm: Double?
    /// Accumulate gradients over this many batches before each step.
    public var accumulationSteps: Int
    /// Learning rate per epoch, set before each epoch.
    public var schedule: LearningRateSchedule?

    public init(model: Module, optimizer: Optimizer, loss: @escaping (Batch) -> Tensor,
                metrics: [String: (Batch) -> Double] = [:], batchSize: @escaping (Batch) -> Int,
                gradientClipNorm: Double? = nil, accumulationSteps: Int = 1, schedule: LearningRateSchedule? = nil) {
        precondition(accumulationSteps > 0, "Trainer: accumulationSteps must be positive")
        self.model = model
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
        self.batchSize = batchSize
        self.gradientClipNorm = gradientClipNorm
        self.accumulationSteps = accumulationSteps
        self.schedule = schedule
    }

    /// Trains for up to `epochs` epochs and returns the history.
    @discardableResult
    public func fit(_ training: DataLoader<Batch>, epochs: Int, validation: DataLoader<Batch>? = nil,
                    callbacks: [TrainingCallback] = []) -> History {
        precondition(epochs >= 0, "fit: epochs must be ≥ 0")
        var history = History()
        for c in callbacks { c.trainingWillBegin(epochs: epochs, batchesPerEpoch: training.batchCount) }
        for epoch in 0..<epochs {
            if let schedule { optimizer.learningRate = schedule(epoch) }
            model.train()
            var lossSum = 0.0, samples = 0
            optimizer.zeroGrad()
            let batches = training.batches(epoch: epoch)
            for (index, batch) in batches.enumerated() {
                let n = batchSize(batch)
                let value = loss(batch)
                value.backward()
                let l = value.item()
                lossSum += l * Double(n)
                samples += n
                if (index + 1) % accumulationSteps == 0 || index == batches.count - 1 {
                    let accumulated = (index % accumulationSteps) + 1
                    let parameters = model.parameters()
                    Gradients.averageAccumulated(parameters, steps: accumulated)
                    if let gradientClipNorm { Gradients.clipNorm(parameters, maxNorm: gradientClipNorm) }
                    optimizer.step()
                    optimizer.zeroGrad()
                }
                for c in callbacks { c.batchDidEnd(epoch: epoch, batch: index, loss: l, samples: n) }
            }
            var logs: [String: Double] = ["loss": samples > 0 ? lossSum / Double(samples) : .nan,
                                          "learningRate": optimizer.learningRate]
            if let validation { logs.merge(evaluate(validation)) { $1 } }
            history.append(logs)
            let stop = callbacks.reduce(false) { $0 || $1.epochDidEnd(epoch: epoch, logs: logs) }
            if stop { break }
        }
        model.train()
        for c in callbacks { c.trainingDidEnd(history: history) }
        return history
    }

    /// The loss and metrics over `batches`, in evaluation mode and without recording, prefixed
    /// with `validation.`.
    public func evaluate(_ batches: DataLoader<Batch>) -> [String: Double] {
        model.eval()
        defer { model.train() }
        var sums: [String: Double] = [:], total = 0
        withNoGrad {
            for batch in batches {
                let n = batchSize(batch)
                total += n
                sums["validation.loss", default: 0] += loss(batch).item() * Double(n)
                for (name, metric) in metrics { sums["validation.\(name)", default: 0] += metric(batch) * Double(n) }
            }
        }
        return sums.mapValues { total > 0 ? $0 / Double(total) : .nan }
    }
}

extension Trainer where Batch == (inputs: Tensor, targets: Tensor) {
    /// A trainer for `(inputs, targets)` batches: `loss(model(inputs), targets)`.
    public init<Model: Module & UnaryLayer>(model: Model, optimizer: Optimizer, loss: @escaping (Tensor, Tensor) -> Tensor,
                                            metrics: [String: (Tensor, Tensor) -> Double] = [:],
                                            gradientClipNorm: Double? = nil, accumulationSteps: Int = 1,
                                            schedule: LearningRateSchedule? = nil) {
        self.init(model: model, optimizer: optimizer, loss: { loss(model($0.inputs), $0.targets) },
                  metrics: metrics.mapValues { metric in { metric(model($0.inputs), $0.targets) } },
                  batchSize: { $0.inputs.shape.first ?? 0 }, gradientClipNorm: gradientClipNorm,
                  accumulationSteps: accumulationSteps, schedule: schedule)
    }
}

/// Common metrics on logits and labels.
public enum Metrics {
    /// The share of rows whose largest logit is at the label (logits `[N, C]`, labels `int64 [N]`).
    public static func accuracy(_ logits: Tensor, _ labels: Tensor) -> Double {
        withNoGrad { (logits.argmax(axis: -1) .== labels).to(.float64).mean().item() }
    }
}
