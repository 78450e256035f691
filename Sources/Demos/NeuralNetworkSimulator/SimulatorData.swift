import Datasets
import Foundation
import Tensors

extension NeuralNetworkSimulator {
    /// What the network learns: classes or a value.
    public enum Task: String, Sendable, Codable {
        case classification, regression
    }

    /// Every data set lives in this square of the plane; surfaces are drawn over it.
    public static let plane = DemoBox(xMin: -6, xMax: 6, yMin: -6, yMax: 6)
}

/// Points in the plane with their targets (class indices or values).
struct SimulatorData {
    var task: NeuralNetworkSimulator.Task
    /// Classes for classification (2…5), 0 for regression.
    var classes: Int
    /// x₁, x₂ per point, in plane coordinates.
    var xy: [Double]
    var targets: [Double]
    /// The data set's id, or `"custom"`.
    var name: String
    /// For uploaded data: how file coordinates map into the plane.
    var transform: NeuralNetworkSimulator.InputTransform?
    /// For uploaded data: what the file held.
    var upload: NeuralNetworkSimulator.CSVSummary?

    var count: Int { targets.count }

    /// The training and test parts: the points in a seeded random order, the first
    /// `trainRatio` percent (at least one point, leaving at least one) for training.
    func split(trainRatio: Int, seed: UInt64) -> (train: SimulatorData, test: SimulatorData) {
        var generator = RandomGenerator(seed: seed ^ 0x5EED_5EED)
        let order = Tensor.permutation(count, generator: &generator).scalars(as: Int.self)
        let trainCount = Swift.min(Swift.max(Int((Double(count) * Double(trainRatio) / 100).rounded()), 1), count - 1)
        func part(_ indices: ArraySlice<Int>) -> SimulatorData {
            var copy = self
            copy.xy = indices.flatMap { [xy[2 * $0], xy[2 * $0 + 1]] }
            copy.targets = indices.map { targets[$0] }
            return copy
        }
        return (part(order[..<trainCount]), part(order[trainCount...]))
    }

    /// The data set the setup describes, scaled into ``NeuralNetworkSimulator/plane``.
    static func generate(_ setup: SimulatorSetup) throws(DemoError) -> SimulatorData {
        let n = setup.points, noise = setup.noise, seed = setup.seed
        let classes = setup.dataset.takesClasses ? setup.requestedClasses : 2
        let dataset: Dataset
        do {
            switch setup.dataset {
            case .circle: dataset = try Dataset.circles(count: n, noise: noise * 0.5, factor: 0.5, seed: seed)
            case .xor: dataset = try Dataset.xor(count: n, noise: noise * 0.5, seed: seed)
            case .gaussians:
                // Centres on a circle of radius 2.8 (for two classes at (2, 2) and (−2, −2)).
                let centers = (0..<classes).map { k -> [Double] in
                    let angle = Double.pi / 4 + 2 * Double.pi * Double(k) / Double(classes)
                    return [2.8 * cos(angle), 2.8 * sin(angle)]
                }
                dataset = try Dataset.blobs(count: n, centers: centers, std: 0.6 + 3 * noise, seed: seed)
            case .spiral: dataset = try Dataset.spirals(count: n, arms: classes, noise: noise * 0.25, turns: 1.75, seed: seed)
            case .moons: dataset = try Dataset.moons(count: n, noise: noise * 0.4, seed: seed)
            case .plane: dataset = try Dataset.plane(count: n, weights: [0.6, -0.4], bias: 0, noise: noise, range: -1...1, seed: seed)
            case .gaussianMixture:
                dataset = try Dataset.gaussians(count: n, features: 2, bumps: 4, width: 0.35, noise: noise * 0.5, range: -1...1, seed: seed)
            }
        } catch {
            throw DemoError.unavailable("could not generate the \(setup.dataset.rawValue) data: \(error)")
        }
        let raw = dataset.features.to(.float64).scalars(as: Double.self)
        let (scale, shift): (Double, (Double, Double)) = switch setup.dataset {
        case .circle, .xor, .spiral, .plane, .gaussianMixture: (5, (0, 0))
        case .gaussians: (1, (0, 0))
        case .moons: (3.2, (-0.5, -0.25))
        }
        var xy = [Double](repeating: 0, count: raw.count)
        for p in 0..<(raw.count / 2) {
            xy[2 * p] = (raw[2 * p] + shift.0) * scale
            xy[2 * p + 1] = (raw[2 * p + 1] + shift.1) * scale
        }
        let regression = setup.dataset.isRegression
        let targets = regression ? dataset.target.to(.float64).scalars(as: Double.self) : dataset.target.scalars(as: Int.self).map(Double.init)
        return SimulatorData(task: regression ? .regression : .classification, classes: regression ? 0 : classes, xy: xy,
                             targets: targets, name: setup.dataset.rawValue, transform: nil)
    }
}
