import Foundation
import Testing
import Tensors
import TestSupport
@testable import NeuralNets

@Suite("Training utilities")
struct TrainingTests {
    @Test func clippingByNormAndByValue() {
        let a = Tensor([1.0]).requiringGrad(), b = Tensor([1.0, 1.0]).requiringGrad()
        a.grad = Tensor([3.0])
        b.grad = Tensor([0.0, 4.0])
        // The global norm is √(3² + 4²) = 5; clipping to 1 scales by 1/(5 + 1e-6), as PyTorch does.
        #expect(Gradients.clipNorm([a, b], maxNorm: 1) == 5)
        expectValues(a.grad!, [3 / (5 + 1e-6)], tolerance: 1e-12)
        expectValues(b.grad!, [0, 4 / (5 + 1e-6)], tolerance: 1e-12)
        #expect(Swift.abs(Gradients.clipNorm([a, b], maxNorm: 10) - 1) < 1e-5, "below the limit nothing changes")
        b.grad = Tensor([-7.0, 2.0])
        #expect(Gradients.clipNorm([a, b], maxNorm: 100, normType: .infinity) == 7)
        Gradients.clipValue([a, b], maxValue: 0.5)
        expectValues(b.grad!, [-0.5, 0.5])
    }

    @Test func accumulatedGradientsEqualOneLargeBatch() {
        let x = sample([8, 3], seed: 1), y = sample([8, 1], seed: 2)
        let model = Linear(3, 1, dtype: .float64)
        MSELoss()(model(x), y).backward()
        let full = model.weight.grad!.scalars(as: Double.self)
        model.zeroGrad()
        for half in [0..<4, 4..<8] { MSELoss()(model(x[half]), y[half]).backward() }
        Gradients.averageAccumulated(model.parameters(), steps: 2)
        expectValues(model.weight.grad!, full, tolerance: 1e-12)
    }

    @Test func nonFiniteGradientsNameTheirParameter() throws {
        let model = Sequential(Linear(2, 2), Linear(2, 1))
        model(Tensor.ones([1, 2])).sum().backward()
        try model.checkFiniteGradients()
        let second = model.namedParameters().first { $0.name == "1.weight" }!.tensor
        second.grad = Tensor([[Float.nan, 1]])
        #expect(throws: NonFiniteGradientError(parameter: "1.weight", count: 1)) { try model.checkFiniteGradients() }
        let norms = model.gradientNorms()
        #expect(norms.map(\.parameter) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(norms[3].norm == 1 && norms[0].parameterNorm > 0)
    }

    @Test func dataLoaderBatchesShufflesAndRepeats() {
        let loader = DataLoader(count: 10, batchSize: 4, shuffle: true, seed: 3) { $0 }
        #expect(loader.batchCount == 3)
        let epoch0 = loader.batches(epoch: 0)
        #expect(epoch0.map(\.count) == [4, 4, 2])
        #expect(epoch0.flatMap { $0 }.sorted() == Array(0..<10))
        #expect(loader.batches(epoch: 0) == epoch0, "the same epoch repeats")
        #expect(loader.batches(epoch: 1) != epoch0, "another epoch is shuffled anew")
        #expect(DataLoader(count: 10, batchSize: 4, dropLast: true) { $0 }.batches(epoch: 0) == [[0, 1, 2, 3], [4, 5, 6, 7]])
        let x = Tensor.arange(12).reshaped([6, 2]), y = Tensor.arange(6)
        let tensors = DataLoader(inputs: x, targets: y, batchSize: 4)
        let batches = Array(tensors)
        #expect(batches.count == 2 && batches[1].inputs.shape == [2, 2])
        #expect(batches[1].targets.scalars(as: Int.self) == [4, 5])
        #expect(batches[1].inputs.scalars(as: Int.self) == [8, 9, 10, 11])
    }

    private func problem() -> (Tensor, Tensor) {
        Tensor.manualSeed(31)
        let x = Tensor.randn([64, 2])
        let y = ((x.sum(axis: 1) .> 0).to(.int64))
        return (x, y)
    }

    @Test func fitTrainsAndReportsHistoryAndProgress() {
        let (x, y) = problem()
        let model = Sequential(Linear(2, 8), Tanh(), Linear(8, 2))
        let trainer = Trainer(model: model, optimizer: Adam(model.parameters(), learningRate: 0.05),
                              loss: { CrossEntropyLoss()($0, $1) }, metrics: ["accuracy": Metrics.accuracy],
                              gradientClipNorm: 5, schedule: Schedules.step(initial: 0.05, stepSize: 10, gamma: 0.5))
        var lines: [String] = []
        let history = trainer.fit(DataLoader(inputs: x, targets: y, batchSize: 16, shuffle: true), epochs: 15,
                                  validation: DataLoader(inputs: x, targets: y, batchSize: 64),
                                  callbacks: [ProgressBar(write: { lines.append($0) })])
        let losses = history.values("loss")
        #expect(losses.count == 15 && losses.last! < 0.5 * losses.first!)
        #expect(history.values("validation.accuracy").last! > 0.9)
        #expect(history.values("learningRate")[12] == 0.025)
        #expect(lines.count == 15 && lines[0].hasPrefix("epoch 1/15 [") && lines[0].contains("samples/s"))
        #expect(lines[0].contains("validation.accuracy"))
    }

    @Test func earlyStoppingStopsAndRestoresTheBestWeights() {
        let (x, y) = problem()
        let model = Sequential(Linear(2, 2))
        let stopper = EarlyStopping(monitor: "validation.loss", patience: 2, restoreBestWeightsOf: model)
        // A learning rate that diverges, so the validation loss stops improving quickly.
        let trainer = Trainer(model: model, optimizer: SGD(model.parameters(), learningRate: 50),
                              loss: { CrossEntropyLoss()($0, $1) })
        let history = trainer.fit(DataLoader(inputs: x, targets: y, batchSize: 64), epochs: 50,
                                  validation: DataLoader(inputs: x, targets: y, batchSize: 64), callbacks: [stopper])
        #expect(history.epochs.count < 50)
        let restored = trainer.evaluate(DataLoader(inputs: x, targets: y, batchSize: 64))["validation.loss"]!
        #expect(Swift.abs(restored - (stopper.bestValue ?? .nan)) < 1e-5)
    }

    @Test func checkpointsAreWrittenWhenTheMonitorImproves() throws {
        let (x, y) = problem()
        let model = Sequential(Linear(2, 2))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-checkpoint-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let checkpoint = Checkpoint(model: model, url: url)
        let trainer = Trainer(model: model, optimizer: SGD(model.parameters(), learningRate: 0.1), loss: { CrossEntropyLoss()($0, $1) })
        trainer.fit(DataLoader(inputs: x, targets: y, batchSize: 32), epochs: 3,
                    validation: DataLoader(inputs: x, targets: y, batchSize: 64), callbacks: [checkpoint])
        #expect(checkpoint.saves >= 1 && checkpoint.lastError == nil)
        let copy = Sequential(Linear(2, 2))
        try copy.load(from: url)
        let unwritable = Checkpoint(model: model, url: URL(fileURLWithPath: "/nonexistent/dir/model.safetensors"), monitor: nil)
        _ = unwritable.epochDidEnd(epoch: 0, logs: [:])
        #expect(unwritable.lastError != nil && unwritable.saves == 0)
    }
}
