import Foundation
import NeuralNets

extension NeuralNetworkSimulator {
    /// The current frame. Resolutions: `2...200` for the output, `2...64` for the neurons.
    public func snapshot(_ request: DemoSnapshotRequest) throws(DemoError) -> Snapshot {
        let request = try request.validated()
        var snapshot = Snapshot(epoch: trainer.epoch, trainLoss: Self.finite(trainer.trainLoss), testLoss: Self.finite(trainer.testLoss),
                                diverged: trainer.diverged, sceneVersion: sceneVersion, modelVersion: modelVersion)
        guard request.detail == .full else { return snapshot }
        snapshot.task = data.task
        snapshot.classes = data.classes
        snapshot.history = trainer.history
        let scores = Metrics.compute(self)
        snapshot.metrics = Scores(trainAccuracy: scores.trainAccuracy, testAccuracy: scores.testAccuracy,
                                  trainR2: scores.trainR2, testR2: scores.testR2)
        snapshot.confusion = scores.confusion
        snapshot.network = network
        snapshot.output = outputSurface(resolution: request.resolution)
        snapshot.neurons = neuronSurfaces(resolution: request.neuronResolution)
        return snapshot
    }

    /// The data points (see ``Scene``).
    public func scene(_ request: DemoSceneRequest = DemoSceneRequest()) throws(DemoError) -> Scene {
        func points(_ part: SimulatorData) -> Points {
            Points(x1: stride(from: 0, to: part.xy.count, by: 2).map { Float(part.xy[$0]) },
                   x2: stride(from: 1, to: part.xy.count, by: 2).map { Float(part.xy[$0]) },
                   target: part.targets.map { Float($0) })
        }
        return Scene(sceneVersion: sceneVersion, dataset: data.name, task: data.task, classes: data.classes, box: Self.plane,
                     features: setup.features.map(\.rawValue), train: points(train), test: points(test), transform: data.transform)
    }

    /// The weights and biases of every layer.
    var network: Network {
        let model = trainer.model
        var layers: [Layer] = []
        var largest: Float = 0
        for l in 0..<model.layerCount {
            let inputs = model.sizes[l], outputs = model.sizes[l + 1]
            let w = model.weights(layer: l).map(Self.finite), b = model.biases(layer: l).map(Self.finite)
            largest = w.reduce(largest) { Swift.max($0, Swift.abs($1)) }
            let hidden = l < model.layerCount - 1
            let activation = hidden ? model.activations[l].rawValue : outputReading
            layers.append(Layer(inputs: inputs, outputs: outputs, activation: activation, residual: hidden && model.residual[l],
                                weights: (0..<outputs).map { Array(w[($0 * inputs)..<(($0 + 1) * inputs)]) }, biases: b))
        }
        return Network(features: setup.features.map(\.rawValue), layers: layers, maxAbsWeight: largest)
    }

    /// How the output layer's values are read.
    var outputReading: String {
        switch trainer.model.loss {
        case .binaryCrossEntropyWithLogits: "sigmoid"
        case .crossEntropy: "softmax"
        case .meanSquaredError: "linear"
        }
    }

    func outputSurface(resolution n: Int) -> OutputSurface {
        let outputs = trainer.model.sizes.last ?? 1
        var values = [Float](repeating: 0, count: n * n)
        var classIndex: [UInt8]? = trainer.model.loss == .crossEntropy ? [UInt8](repeating: 0, count: n * n) : nil
        evaluate(gridInputs(n), rows: n * n) { start, rows in
            trainer.model.withOutputs { out in
                for r in 0..<rows {
                    switch trainer.model.loss {
                    case .binaryCrossEntropyWithLogits: values[start + r] = Activation.sigmoidValue(out[r])
                    case .meanSquaredError: values[start + r] = out[r]
                    case .crossEntropy:
                        let (best, confidence) = Self.argmaxSoftmax(out, row: r, width: outputs)
                        classIndex?[start + r] = UInt8(best)
                        values[start + r] = confidence
                    }
                }
            }
        }
        let kind = switch trainer.model.loss {
        case .binaryCrossEntropyWithLogits: "probability"
        case .crossEntropy: "class"
        case .meanSquaredError: "value"
        }
        return OutputSurface(kind: kind, box: Self.plane, grid: DemoGrid(resolution: n, values: values), classIndex: classIndex)
    }

    func neuronSurfaces(resolution n: Int) -> [NeuronSurface] {
        let model = trainer.model
        let hiddenLayers = model.layerCount - 1
        guard hiddenLayers > 0 else { return [] }
        var columns: [[[Float]]] = (0..<hiddenLayers).map { [[Float]](repeating: [Float](repeating: 0, count: n * n), count: model.sizes[$0 + 1]) }
        evaluate(gridInputs(n), rows: n * n) { start, rows in
            for l in 0..<hiddenLayers {
                let width = model.sizes[l + 1]
                model.withHiddenOutputs(layer: l) { out in
                    for j in 0..<width {
                        columns[l][j].withUnsafeMutableBufferPointer { column in
                            for r in 0..<rows { column[start + r] = out[r * width + j] }
                        }
                    }
                }
            }
        }
        let inactive = inactiveNeurons()
        var surfaces: [NeuronSurface] = []
        for l in 0..<hiddenLayers {
            for j in 0..<model.sizes[l + 1] {
                surfaces.append(NeuronSurface(layer: l, index: j, inactive: inactive[l][j], grid: DemoGrid(resolution: n, values: columns[l][j])))
            }
        }
        return surfaces
    }

    /// Per hidden layer and neuron: whether its activation is 0 on every training point.
    func inactiveNeurons() -> [[Bool]] {
        let model = trainer.model
        let hiddenLayers = model.layerCount - 1
        var active: [[Bool]] = (0..<hiddenLayers).map { [Bool](repeating: false, count: model.sizes[$0 + 1]) }
        evaluate(trainer.trainInputs, rows: trainer.trainCount) { _, rows in
            for l in 0..<hiddenLayers {
                let width = model.sizes[l + 1]
                model.withHiddenOutputs(layer: l, unitsOnly: true) { out in
                    for r in 0..<rows {
                        for j in 0..<width where out[r * width + j] != 0 { active[l][j] = true }
                    }
                }
            }
        }
        return active.map { $0.map { !$0 } }
    }

    /// The features of the `n × n` grid points over the plane.
    func gridInputs(_ n: Int) -> [Float] {
        var xy: [Double] = []
        xy.reserveCapacity(2 * n * n)
        for point in Self.plane.gridPoints(n) {
            xy.append(point.x)
            xy.append(point.y)
        }
        return InputFeature.matrix(setup.features, xy: xy)
    }

    /// Runs the model over `rows` rows of `inputs` in chunks, calling `body(firstRow, rows)`
    /// after each chunk's forward pass.
    func evaluate(_ inputs: [Float], rows: Int, chunk: Int = 2_048, _ body: (Int, Int) -> Void) {
        let width = setup.features.count
        inputs.withUnsafeBufferPointer { x in
            var start = 0
            while start < rows {
                let count = Swift.min(chunk, rows - start)
                trainer.model.forward(inputs: x.baseAddress! + start * width, rows: count)
                body(start, count)
                start += count
            }
        }
    }

    static func argmaxSoftmax(_ out: UnsafeBufferPointer<Float>, row: Int, width: Int) -> (Int, Float) {
        var best = 0
        for k in 1..<width where out[row * width + k] > out[row * width + best] { best = k }
        var sum: Float = 0
        for k in 0..<width { sum += Foundation.exp(out[row * width + k] - out[row * width + best]) }
        return (best, 1 / sum)
    }

    static func finite(_ x: Double) -> Double {
        x.isFinite ? x : (x.isNaN ? 0 : (x > 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude))
    }

    static func finite(_ x: Float) -> Float {
        x.isFinite ? x : (x.isNaN ? 0 : (x > 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude))
    }
}

extension Activation {
    /// σ(x) for one float.
    static func sigmoidValue(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }
}

/// Accuracy, R² and the confusion matrix of the simulator's current network.
struct Metrics {
    var trainAccuracy: Double?
    var testAccuracy: Double?
    var trainR2: Double?
    var testR2: Double?
    var confusion: [[Int]]?

    static func compute(_ simulator: NeuralNetworkSimulator) -> Metrics {
        let trainer = simulator.trainer
        var metrics = Metrics()
        let trainPredictions = predictions(simulator, trainer.trainInputs, trainer.trainCount)
        let testPredictions = predictions(simulator, trainer.testInputs, trainer.testCount)
        if simulator.data.task == .classification {
            metrics.trainAccuracy = accuracy(trainPredictions, trainer.trainTargets)
            metrics.testAccuracy = accuracy(testPredictions, trainer.testTargets)
            let k = simulator.data.classes
            var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
            for (predicted, target) in zip(testPredictions, trainer.testTargets) {
                let i = Int(target), j = Int(predicted)
                if i >= 0 && i < k && j >= 0 && j < k { confusion[i][j] += 1 }
            }
            metrics.confusion = confusion
        } else {
            metrics.trainR2 = r2(trainPredictions, trainer.trainTargets)
            metrics.testR2 = r2(testPredictions, trainer.testTargets)
        }
        return metrics
    }

    /// Predicted classes (classification) or values (regression), one per row.
    static func predictions(_ simulator: NeuralNetworkSimulator, _ inputs: [Float], _ rows: Int) -> [Float] {
        let model = simulator.trainer.model
        let width = model.sizes.last ?? 1
        var result = [Float](repeating: 0, count: rows)
        simulator.evaluate(inputs, rows: rows) { start, count in
            model.withOutputs { out in
                for r in 0..<count {
                    switch model.loss {
                    case .binaryCrossEntropyWithLogits: result[start + r] = out[r] > 0 ? 1 : 0
                    case .crossEntropy: result[start + r] = Float(NeuralNetworkSimulator.argmaxSoftmax(out, row: r, width: width).0)
                    case .meanSquaredError: result[start + r] = out[r]
                    }
                }
            }
        }
        return result
    }

    static func accuracy(_ predicted: [Float], _ targets: [Float]) -> Double? {
        guard !targets.isEmpty else { return nil }
        return Double(zip(predicted, targets).filter { $0 == $1 }.count) / Double(targets.count)
    }

    /// 1 − SS_res / SS_tot (nil when the targets do not vary or a prediction is not finite).
    static func r2(_ predicted: [Float], _ targets: [Float]) -> Double? {
        guard !targets.isEmpty else { return nil }
        let mean = targets.reduce(0.0) { $0 + Double($1) } / Double(targets.count)
        var residual = 0.0, total = 0.0
        for (p, t) in zip(predicted, targets) {
            residual += (Double(p) - Double(t)) * (Double(p) - Double(t))
            total += (Double(t) - mean) * (Double(t) - mean)
        }
        guard total > 0 else { return nil }
        let value = 1 - residual / total
        return value.isFinite ? value : nil
    }
}
