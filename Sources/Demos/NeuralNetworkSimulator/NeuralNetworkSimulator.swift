import NeuralNets
import Tensors

/// The Neural Network Simulator: a small network learning 2-D data, as the TensorFlow
/// Playground shows it.
///
/// A learner picks a data set (circle, XOR, Gaussian blobs, spiral, moons, or the regression
/// plane and Gaussian mixture; or uploads a CSV with ``loadCSV(_:task:)``), noise, the
/// train/test split and batch size; the input features (x₁, x₂, x₁², x₂², x₁x₂, sin x₁,
/// sin x₂); 0–6 hidden layers of 1–8 neurons with an activation per network or per layer,
/// residual connections and dropout; the optimizer, learning rate and L1/L2 regularisation.
/// ``step(_:)`` trains whole epochs; ``snapshot(_:)`` returns the losses, accuracy or R²,
/// the confusion matrix, the output's and every neuron's surface over the plane, and the
/// weights; ``scene(_:)`` the data points. The trained network exports as safetensors and a
/// Swift snippet (``exportSafetensors()``, ``exportSwiftSnippet()``).
///
/// Training runs on ``FusedMLP`` (a hand-written forward and backward pass over float
/// buffers, gradient-checked against the tape) because a playground needs thousands of
/// epochs a second.
public final class NeuralNetworkSimulator: Demo {
    public private(set) var settings: DemoSettings
    var setup: SimulatorSetup
    /// The points being learned (generated, or uploaded when `data.name == "custom"`).
    var data: SimulatorData
    var train: SimulatorData
    var test: SimulatorData
    var trainer: Trainer
    /// Increases whenever the data change (the page refetches the scene).
    public private(set) var sceneVersion = 0
    /// Increases whenever the network is rebuilt or reset (the page clears its curves).
    public private(set) var modelVersion = 0

    public static var presets: [DemoPreset] { SimulatorPresets.all }

    public init(settings: DemoSettings) throws(DemoError) {
        try Self.checkSettings(settings)
        self.settings = settings
        setup = SimulatorSetup(settings)
        data = try SimulatorData.generate(setup)
        (train, test) = data.split(trainRatio: setup.trainRatio, seed: setup.seed)
        trainer = Trainer(setup: setup, train: train, test: test)
    }

    /// Epochs trained since the last rebuild or reset.
    public var stepCount: Int { trainer.epoch }

    /// Whether training stopped because the loss or a weight stopped being finite.
    public var diverged: Bool { trainer.diverged }

    /// What is being learned.
    public var task: Task { data.task }

    /// What the uploaded CSV held while training on it; `nil` for generated data.
    public var uploadedData: CSVSummary? { data.upload }

    /// Trains `count` epochs (`1...maximumStepsPerCall`): each a pass over the shuffled
    /// training points in batches. After a divergence further steps do nothing.
    public func step(_ count: Int) throws(DemoError) {
        try Self.checkStepCount(count, name: "epochs")
        trainer.train(epochs: count)
    }

    public func set(_ name: String, to value: DemoValue) throws(DemoError) {
        let parameter = try Self.schema.parameter(name)
        let changed = try settings.setting(name, to: value)
        let newSetup = SimulatorSetup(changed)
        switch parameter.effect {
        case .live:
            trainer.apply(newSetup)
        case .rebuild, .restart:
            trainer = Trainer(setup: newSetup, train: train, test: test)
            modelVersion += 1
        case .regenerate:
            let dataSetParameters: Set<String> = ["dataset", "classes", "points", "noise"]
            let newData = data.name == "custom" && !dataSetParameters.contains(name) ? data : try SimulatorData.generate(newSetup)
            let (newTrain, newTest) = newData.split(trainRatio: newSetup.trainRatio, seed: newSetup.seed)
            trainer = Trainer(setup: newSetup, train: newTrain, test: newTest)
            (data, train, test) = (newData, newTrain, newTest)
            sceneVersion += 1
            modelVersion += 1
        }
        settings = changed
        setup = newSetup
    }

    /// Epoch 0 with the same data and the same initial weights (they come from the seed).
    public func reset() {
        trainer = Trainer(setup: setup, train: train, test: test)
        modelVersion += 1
    }

    /// Switches to `newData` (an upload) and restarts training.
    func useData(_ newData: SimulatorData) throws(DemoError) {
        let (newTrain, newTest) = newData.split(trainRatio: setup.trainRatio, seed: setup.seed)
        trainer = Trainer(setup: setup, train: newTrain, test: newTest)
        (data, train, test) = (newData, newTrain, newTest)
        sceneVersion += 1
        modelVersion += 1
    }

    public var progress: DemoProgress {
        var metrics = [DemoMetric("trainLoss", trainer.trainLoss), DemoMetric("testLoss", trainer.testLoss)]
        let scores = Metrics.compute(self)
        if task == .classification {
            metrics += [DemoMetric("trainAccuracy", scores.trainAccuracy), DemoMetric("testAccuracy", scores.testAccuracy)]
        } else {
            metrics += [DemoMetric("trainR2", scores.trainR2), DemoMetric("testR2", scores.testR2)]
        }
        return DemoProgress(step: trainer.epoch, unit: "epoch", finished: trainer.diverged, metrics: metrics)
    }
}
