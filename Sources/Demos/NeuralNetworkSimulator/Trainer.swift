import NeuralNets
import Tensors

/// The network, its optimizer and the training loop over one train/test split: the part of
/// the simulator that runs tens of thousands of steps a second, on ``FusedMLP``.
final class Trainer {
    let model: FusedMLP
    private(set) var optimizer: FusedOptimizer
    let featureCount: Int
    let trainCount: Int
    let testCount: Int
    /// Features `[count, featureCount]` and targets of each part.
    let trainInputs: [Float]
    let trainTargets: [Float]
    let testInputs: [Float]
    let testTargets: [Float]
    private var order: [Int]
    private var batchInputs: [Float]
    private var batchTargets: [Float]
    private var generator: RandomGenerator

    private(set) var epoch = 0
    private(set) var diverged = false
    private(set) var trainLoss = 0.0
    private(set) var testLoss = 0.0
    private(set) var history = NeuralNetworkSimulator.LossHistory()

    init(setup: SimulatorSetup, train: SimulatorData, test: SimulatorData) {
        let features = setup.features
        featureCount = features.count
        trainCount = train.count
        testCount = test.count
        trainInputs = InputFeature.matrix(features, xy: train.xy)
        testInputs = InputFeature.matrix(features, xy: test.xy)
        trainTargets = train.targets.map { Float($0) }
        testTargets = test.targets.map { Float($0) }
        let outputs = train.task == .regression ? 1 : (train.classes == 2 ? 1 : train.classes)
        let loss: FusedMLP.Loss = train.task == .regression ? .meanSquaredError : (train.classes == 2 ? .binaryCrossEntropyWithLogits : .crossEntropy)
        let sizes = [featureCount] + setup.hidden + [outputs]
        let residual = setup.hidden.indices.map { setup.residual && sizes[$0] == sizes[$0 + 1] }
        model = FusedMLP(sizes: sizes, activations: setup.hidden.indices.map(setup.activation(forLayer:)), residual: residual, loss: loss)
        optimizer = FusedOptimizer(setup.optimizerRule, learningRate: setup.learningRate, parameterCount: model.parameterCount)
        order = Array(0..<trainCount)
        batchInputs = []
        batchTargets = []
        generator = RandomGenerator(seed: 0)
        apply(setup)
        restart(seed: setup.seed)
    }

    /// Fresh weights from `seed` (the same seed gives the same weights), epoch 0, an empty history.
    func restart(seed: UInt64) {
        var initGenerator = RandomGenerator(seed: seed &+ 0x1417)
        model.initialize(generator: &initGenerator)
        generator = RandomGenerator(seed: seed &+ 0xBA7C)
        optimizer.reset()
        order = Array(0..<trainCount)
        epoch = 0
        diverged = false
        history = NeuralNetworkSimulator.LossHistory()
        evaluate()
    }

    /// The hyperparameters that change without a rebuild.
    func apply(_ setup: SimulatorSetup) {
        model.dropout = setup.dropout
        model.penalty = setup.penalty
        if optimizer.rule != setup.optimizerRule {
            optimizer = FusedOptimizer(setup.optimizerRule, learningRate: setup.learningRate, parameterCount: model.parameterCount)
        }
        optimizer.learningRate = setup.learningRate
        batchSize = Swift.min(setup.batchSize, trainCount)
    }

    private(set) var batchSize = 1

    /// Trains `epochs` passes over the training data (stopping for good if the loss stops
    /// being finite: the weights of the last finite epoch are kept).
    func train(epochs: Int) {
        for _ in 0..<epochs where !diverged {
            let before = model.parameters
            runEpoch()
            if !trainLoss.isFinite || !testLoss.isFinite || !model.parametersAreFinite {
                model.parameters = before
                diverged = true
                epoch -= 1
                evaluate()
            }
        }
    }

    private func runEpoch() {
        let batch = batchSize, width = featureCount
        if batchInputs.count < batch * width {
            batchInputs = [Float](repeating: 0, count: batch * width)
            batchTargets = [Float](repeating: 0, count: batch)
        }
        // Fisher–Yates with the training generator.
        var i = trainCount - 1
        while i > 0 {
            order.swapAt(i, generator.nextInt(below: i + 1))
            i -= 1
        }
        trainInputs.withUnsafeBufferPointer { inputs in
            trainTargets.withUnsafeBufferPointer { targets in
                batchInputs.withUnsafeMutableBufferPointer { bx in
                    batchTargets.withUnsafeMutableBufferPointer { by in
                        order.withUnsafeBufferPointer { order in
                            var start = 0
                            while start < trainCount {
                                let rows = Swift.min(batch, trainCount - start)
                                for r in 0..<rows {
                                    let source = order[start + r]
                                    for f in 0..<width { bx[r * width + f] = inputs[source * width + f] }
                                    by[r] = targets[source]
                                }
                                model.computeGradients(inputs: bx.baseAddress!, targets: by.baseAddress!, rows: rows, generator: &generator)
                                optimizer.step(model)
                                start += rows
                            }
                        }
                    }
                }
            }
        }
        epoch += 1
        evaluate()
    }

    /// Recomputes the train and test losses and records them.
    private func evaluate() {
        trainLoss = loss(trainInputs, trainTargets, trainCount)
        testLoss = loss(testInputs, testTargets, testCount)
        if trainLoss.isFinite && testLoss.isFinite { history.record(epoch: epoch, train: trainLoss, test: testLoss) }
    }

    private func loss(_ inputs: [Float], _ targets: [Float], _ count: Int) -> Double {
        inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in model.loss(inputs: x.baseAddress!, targets: y.baseAddress!, rows: count) }
        }
    }
}

extension NeuralNetworkSimulator {
    /// Train and test loss per epoch, thinned to at most ``capacity`` points: when full, every
    /// other point goes and ``stride`` doubles, so the curve always spans the whole run.
    /// JSON: `{"stride": 2, "epochs": [0, 2, 4, …], "train": […], "test": […]}`.
    public struct LossHistory: Sendable, Codable, Equatable {
        public static let capacity = 1_000
        /// Epochs between recorded points.
        public private(set) var stride = 1
        public private(set) var epochs: [Int] = []
        public private(set) var train: [Double] = []
        public private(set) var test: [Double] = []

        mutating func record(epoch: Int, train trainLoss: Double, test testLoss: Double) {
            guard epoch % stride == 0, epoch > (epochs.last ?? -1) else { return }
            epochs.append(epoch)
            train.append(Rounding.significant(trainLoss))
            test.append(Rounding.significant(testLoss))
            if epochs.count > Self.capacity {
                stride *= 2
                let keep = epochs.indices.filter { epochs[$0] % stride == 0 }
                epochs = keep.map { epochs[$0] }
                train = keep.map { train[$0] }
                test = keep.map { test[$0] }
            }
        }
    }
}
