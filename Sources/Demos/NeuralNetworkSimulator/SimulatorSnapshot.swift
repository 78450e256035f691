extension NeuralNetworkSimulator {
    /// A frame of the simulator. The light form (``DemoSnapshotRequest/light``) has only the
    /// first six keys; the full form has them all:
    /// ```json
    /// {"epoch": 120, "trainLoss": 0.081, "testLoss": 0.094, "diverged": false,
    ///  "sceneVersion": 0, "modelVersion": 0,
    ///  "task": "classification", "classes": 2,
    ///  "history": {"stride": 1, "epochs": [0, 1, …], "train": […], "test": […]},
    ///  "metrics": {"trainAccuracy": 0.99, "testAccuracy": 0.97},
    ///  "confusion": [[120, 3], [4, 123]],
    ///  "network": {"features": ["x1", "x2"], "maxAbsWeight": 2.3, "layers": [
    ///     {"inputs": 2, "outputs": 4, "activation": "tanh", "residual": false,
    ///      "weights": [[w00, w01], …], "biases": [b0, …]}, …]},
    ///  "output": {"kind": "probability", "box": {…}, "grid": {"resolution": 100, "min": 0, "max": 1, "values": […]}},
    ///  "neurons": [{"layer": 0, "index": 0, "inactive": false, "grid": {…}}, …]}
    /// ```
    /// `confusion[i][j]` counts test points of class `i` predicted as `j`. Grids are laid out
    /// as ``DemoBox`` describes (row-major, row 0 at `yMin`).
    public struct Snapshot: Sendable, Codable, Equatable {
        public var epoch: Int
        public var trainLoss: Double
        public var testLoss: Double
        public var diverged: Bool
        public var sceneVersion: Int
        public var modelVersion: Int
        public var task: Task?
        /// Classes for classification, 0 for regression.
        public var classes: Int?
        public var history: LossHistory?
        public var metrics: Scores?
        public var confusion: [[Int]]?
        public var network: Network?
        public var output: OutputSurface?
        public var neurons: [NeuronSurface]?
    }

    /// Accuracy (classification) or R² (regression) on both parts; the other pair is absent.
    public struct Scores: Sendable, Codable, Equatable {
        public var trainAccuracy: Double?
        public var testAccuracy: Double?
        public var trainR2: Double?
        public var testR2: Double?
    }

    /// The network's weights for drawing edges (width and colour from magnitude and sign).
    public struct Network: Sendable, Codable, Equatable {
        /// The input features in order (the first layer's inputs).
        public var features: [String]
        public var layers: [Layer]
        /// The largest weight magnitude, to scale edge widths.
        public var maxAbsWeight: Float
    }

    /// One linear layer and what follows it: `activation` is the hidden layer's, or for the
    /// output layer how its values are read (`"sigmoid"`, `"softmax"`, `"linear"`).
    public struct Layer: Sendable, Codable, Equatable {
        public var inputs: Int
        public var outputs: Int
        public var activation: String
        public var residual: Bool
        /// `weights[o][i]`: from input `i` to neuron `o`.
        public var weights: [[Float]]
        public var biases: [Float]
    }

    /// The output over the plane. `kind` is `"probability"` (binary: P(class 1)), `"class"`
    /// (multiclass: `classIndex` is the arg-max class and the grid its probability, the
    /// confidence) or `"value"` (regression: the prediction).
    public struct OutputSurface: Sendable, Codable, Equatable {
        public var kind: String
        public var box: DemoBox
        public var grid: DemoGrid
        public var classIndex: [UInt8]?
    }

    /// One hidden neuron's output over the plane. `inactive` is true when its activation is 0
    /// on every training point (a dead ReLU).
    public struct NeuronSurface: Sendable, Codable, Equatable {
        public var layer: Int
        public var index: Int
        public var inactive: Bool
        public var grid: DemoGrid
    }

    /// The data points, fetched apart from frames:
    /// ```json
    /// {"sceneVersion": 0, "dataset": "circle", "task": "classification", "classes": 2,
    ///  "box": {"xMin": -6, …}, "features": ["x1", "x2"],
    ///  "train": {"x1": […], "x2": […], "target": […]}, "test": {…},
    ///  "transform": null}
    /// ```
    /// `target` is the class index or the value; `transform` is set for uploaded data.
    public struct Scene: Sendable, Codable, Equatable {
        public var sceneVersion: Int
        public var dataset: String
        public var task: Task
        public var classes: Int
        public var box: DemoBox
        public var features: [String]
        public var train: Points
        public var test: Points
        public var transform: InputTransform?
    }

    /// Points as parallel arrays.
    public struct Points: Sendable, Codable, Equatable {
        public var x1: [Float]
        public var x2: [Float]
        public var target: [Float]
    }
}
