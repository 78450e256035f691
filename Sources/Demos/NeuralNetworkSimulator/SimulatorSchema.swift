import NeuralNets

extension NeuralNetworkSimulator {
    public static let id = "nn-simulator"

    /// The most epochs one ``step(_:)`` call trains.
    public static let maximumStepsPerCall = 1_000

    static let activationOptions = [
        DemoOption("relu", "ReLU"), DemoOption("leakyRelu", "Leaky ReLU"), DemoOption("tanh", "Tanh"),
        DemoOption("sigmoid", "Sigmoid"), DemoOption("linear", "Linear"), DemoOption("gelu", "GELU"),
    ]

    public static let schema = DemoSchema(
        demo: id, title: "Neural Network Simulator",
        summary: "Train a small neural network on 2-D data and watch the decision surface of its output and of every neuron change, epoch by epoch.",
        parameters: [
            .choice("dataset", label: "Data set", options: DataSetKind.allCases.map { DemoOption($0.rawValue, $0.label) },
                    default: "circle", group: "Data", effect: .regenerate,
                    help: "The points to learn: five classification problems and two regression surfaces."),
            .int("classes", label: "Classes", range: 2...5, default: 2, group: "Data", effect: .regenerate,
                 help: "How many classes the spiral (one per arm) and the Gaussian blobs have; the other data sets have two."),
            .int("points", label: "Points", range: 20...2_000, default: 500, group: "Data", effect: .regenerate,
                 help: "How many points are generated, training and test together."),
            .number("noise", label: "Noise", range: 0...0.5, default: 0, group: "Data", effect: .regenerate,
                    help: "How far points scatter from the clean pattern (0 none, 0.5 heavy overlap)."),
            .int("trainRatio", label: "Training data", range: 10...90, default: 50, unit: "%", group: "Data", effect: .regenerate,
                 help: "The share of the points used for training; the rest measure the test loss."),
            .int("seed", label: "Seed", range: 0...999_999_999, default: 0, group: "Data", effect: .regenerate,
                 help: "Fixes the random points, the train/test split, the initial weights and the batch order; change it to regenerate."),
            .choiceSet("features", label: "Features", options: InputFeature.allCases.map { DemoOption($0.rawValue, $0.label) },
                       count: 1...InputFeature.allCases.count, default: ["x1", "x2"], group: "Features", effect: .rebuild,
                       help: "The inputs the network sees, computed from each point's coordinates."),
            .intList("hidden", label: "Hidden layers", count: 0...6, element: 1...8, default: [4, 4], group: "Network", effect: .rebuild,
                     help: "Neurons per hidden layer, from input to output (empty for a linear model)."),
            .choice("activation", label: "Activation", options: activationOptions, default: "tanh", group: "Network", effect: .rebuild,
                    help: "The activation of every hidden layer not given one in layerActivations."),
            .choiceList("layerActivations", label: "Per-layer activations", options: activationOptions, count: 0...6, default: [],
                        group: "Network", effect: .rebuild,
                        help: "Activations for the first hidden layers in order, overriding the network-wide one (empty to use it everywhere)."),
            .bool("residual", label: "Residual connections", default: false, group: "Network", effect: .rebuild,
                  help: "Adds each hidden layer's input to its output where the two widths are equal."),
            .number("dropout", label: "Dropout", range: 0...0.9, default: 0, group: "Network", effect: .live,
                    help: "The probability of silencing each hidden neuron at each training step (never when evaluating)."),
            .choice("optimizer", label: "Optimizer", options: [DemoOption("sgd", "SGD"), DemoOption("momentum", "SGD with momentum"), DemoOption("adam", "Adam")],
                    default: "adam", group: "Training", effect: .live,
                    help: "How the gradient becomes a weight update; changing it keeps the weights and forgets the optimizer's memory."),
            .number("learningRate", label: "Learning rate", range: 0.00001...10, default: 0.03, scale: .log, group: "Training", effect: .live,
                    help: "The size of each update; too small crawls, too large oscillates or diverges."),
            .number("momentum", label: "Momentum", range: 0...0.99, default: 0.9, group: "Training", effect: .live,
                    help: "For SGD with momentum: the fraction of the previous update carried into the next."),
            .int("batchSize", label: "Batch size", range: 1...1_000, default: 10, group: "Training", effect: .live,
                 help: "Points per gradient step (capped at the number of training points)."),
            .choice("regularization", label: "Regularization", options: [DemoOption("none", "None"), DemoOption("l1", "L1"), DemoOption("l2", "L2")],
                    default: "none", group: "Training", effect: .live,
                    help: "A penalty on large weights: L1 pushes weights to exactly zero, L2 shrinks them all."),
            .number("regularizationRate", label: "Regularization rate", range: 0...10, default: 0.001, group: "Training", effect: .live,
                    help: "The strength of the penalty (ignored when regularization is none)."),
        ])
}

/// The generated data sets.
enum DataSetKind: String, CaseIterable, Sendable {
    case circle, xor, gaussians, spiral, moons, plane
    case gaussianMixture = "gaussian-mixture"

    var label: String {
        switch self {
        case .circle: "Circle"
        case .xor: "XOR"
        case .gaussians: "Gaussian blobs"
        case .spiral: "Spiral"
        case .moons: "Moons"
        case .plane: "Plane (regression)"
        case .gaussianMixture: "Gaussian mixture (regression)"
        }
    }

    var isRegression: Bool { self == .plane || self == .gaussianMixture }

    /// Whether `classes` applies (more than two classes make sense).
    var takesClasses: Bool { self == .spiral || self == .gaussians }
}

/// The settings read into their types.
struct SimulatorSetup: Equatable {
    var dataset: DataSetKind
    var requestedClasses: Int
    var points: Int
    var noise: Double
    var trainRatio: Int
    var seed: UInt64
    var features: [InputFeature]
    var hidden: [Int]
    var activation: Activation
    var layerActivations: [Activation]
    var residual: Bool
    var dropout: Double
    var optimizer: String
    var learningRate: Double
    var momentum: Double
    var batchSize: Int
    var regularization: String
    var regularizationRate: Double

    init(_ s: DemoSettings) {
        dataset = DataSetKind(rawValue: s.string("dataset")) ?? .circle
        requestedClasses = s.int("classes")
        points = s.int("points")
        noise = s.double("noise")
        trainRatio = s.int("trainRatio")
        seed = UInt64(clamping: s.int("seed"))
        features = s.strings("features").compactMap(InputFeature.init(rawValue:))
        hidden = s.ints("hidden")
        activation = Activation(rawValue: s.string("activation")) ?? .tanh
        layerActivations = s.strings("layerActivations").compactMap(Activation.init(rawValue:))
        residual = s.bool("residual")
        dropout = s.double("dropout")
        optimizer = s.string("optimizer")
        learningRate = s.double("learningRate")
        momentum = s.double("momentum")
        batchSize = s.int("batchSize")
        regularization = s.string("regularization")
        regularizationRate = s.double("regularizationRate")
    }

    /// The activation of hidden layer `layer`.
    func activation(forLayer layer: Int) -> Activation {
        layer < layerActivations.count ? layerActivations[layer] : activation
    }

    var optimizerRule: FusedOptimizer.Rule {
        switch optimizer {
        case "sgd": .sgd
        case "momentum": .momentum(momentum)
        default: .adam
        }
    }

    var penalty: FusedMLP.WeightPenalty {
        switch regularization {
        case "l1": .l1(regularizationRate)
        case "l2": .l2(regularizationRate)
        default: .none
        }
    }
}
