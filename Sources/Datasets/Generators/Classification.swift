import Foundation
import Tensors

/// Two-dimensional toy problems for classifiers, each seeded: the same arguments give the same
/// data on every run. Samples are shuffled so that classes are interleaved; features are
/// `float64` `[count, 2]` (or `[count, features]`), targets `int64` `[count]`.
extension Dataset {
    /// Two interleaving half circles: class 0 the upper moon (centre (0, 0), radius 1), class 1
    /// the lower one (centre (1, 0.5), radius 1, opening upwards).
    ///
    /// - Parameters:
    ///   - count: samples; class 0 gets `count / 2`, class 1 the rest. Points are evenly spaced
    ///     along each arc before noise.
    ///   - noise: standard deviation of Gaussian noise added to each coordinate.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for `count < 2` or a
    ///   negative `noise`; ``DatasetError/limitExceeded(what:value:limit:)`` past
    ///   ``generatorElementLimit``.
    public static func moons(count: Int = 200, noise: Double = 0.1, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count", atLeast: 2)
        try Check.nonNegative(noise, "noise")
        try Check.size(count, 2)
        var g = RandomGenerator(seed: seed)
        let upper = count / 2, lower = count - upper
        var points: [[Double]] = [], labels: [Int] = []
        for i in 0..<upper {
            let t = Double.pi * Double(i) / Double(Swift.max(upper - 1, 1))
            points.append([cos(t) + g.normal(std: noise), sin(t) + g.normal(std: noise)])
            labels.append(0)
        }
        for i in 0..<lower {
            let t = Double.pi * Double(i) / Double(Swift.max(lower - 1, 1))
            points.append([1 - cos(t) + g.normal(std: noise), 0.5 - sin(t) + g.normal(std: noise)])
            labels.append(1)
        }
        return labelledDataset(points: points, labels: labels, featureNames: ["x1", "x2"], targetNames: ["upper", "lower"],
                               source: "moons(count: \(count), noise: \(noise), seed: \(seed))", shuffleWith: &g)
    }

    /// Two concentric circles: class 0 the outer (radius 1), class 1 the inner (radius `factor`).
    ///
    /// - Parameters:
    ///   - count: samples; the outer circle gets `count / 2`, evenly spaced in angle.
    ///   - noise: standard deviation of Gaussian noise added to each coordinate.
    ///   - factor: inner radius relative to the outer, in (0, 1).
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for `count < 2`, a
    ///   negative `noise` or `factor` outside (0, 1).
    public static func circles(count: Int = 200, noise: Double = 0.05, factor: Double = 0.5,
                               seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count", atLeast: 2)
        try Check.nonNegative(noise, "noise")
        guard factor > 0 && factor < 1 else {
            throw .invalidParameter(name: "factor", value: "\(factor)", expected: "a number in (0, 1)")
        }
        try Check.size(count, 2)
        var g = RandomGenerator(seed: seed)
        let outer = count / 2
        var points: [[Double]] = [], labels: [Int] = []
        for (label, (n, radius)) in [(outer, 1.0), (count - outer, factor)].enumerated() {
            for i in 0..<n {
                let t = 2 * Double.pi * Double(i) / Double(n)
                points.append([radius * cos(t) + g.normal(std: noise), radius * sin(t) + g.normal(std: noise)])
                labels.append(label)
            }
        }
        return labelledDataset(points: points, labels: labels, featureNames: ["x1", "x2"], targetNames: ["outer", "inner"],
                               source: "circles(count: \(count), noise: \(noise), factor: \(factor), seed: \(seed))",
                               shuffleWith: &g)
    }

    /// Isotropic Gaussian clusters around the given centres, one class per centre.
    ///
    /// - Parameters:
    ///   - count: samples, shared evenly between the centres (the first get the remainder).
    ///   - centers: one point per class; all the same length (the number of features).
    ///   - std: the clusters' standard deviation in every direction.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when there are no
    ///   centres, their lengths differ, or `std` is negative.
    public static func blobs(count: Int = 300, centers: [[Double]], std: Double = 1,
                             seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        var g = RandomGenerator(seed: seed)
        return try blobs(count: count, centers: centers, std: std, generator: &g,
                         source: "blobs(count: \(count), centers: \(centers), std: \(std), seed: \(seed))")
    }

    /// Isotropic Gaussian clusters around `centers` random centres drawn uniformly from
    /// `centerBox` in each coordinate, one class per centre.
    ///
    /// - Parameters:
    ///   - count: samples, shared evenly between the clusters.
    ///   - centers: the number of clusters (classes).
    ///   - features: the dimension of the points.
    ///   - std: the clusters' standard deviation in every direction.
    ///   - centerBox: the range of each centre coordinate.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for counts below 1, a
    ///   negative `std` or an infinite box.
    public static func blobs(count: Int = 300, centers: Int = 3, features: Int = 2, std: Double = 1,
                             centerBox: ClosedRange<Double> = -10...10, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(centers, "centers")
        try Check.count(features, "features")
        try Check.finiteRange(centerBox, "centerBox")
        try Check.size(centers, features)
        var g = RandomGenerator(seed: seed)
        let points = (0..<centers).map { _ in (0..<features).map { _ in g.uniform(centerBox) } }
        return try blobs(count: count, centers: points, std: std, generator: &g,
                         source: "blobs(count: \(count), centers: \(centers), features: \(features), std: \(std), seed: \(seed))")
    }

    private static func blobs(count: Int, centers: [[Double]], std: Double, generator g: inout RandomGenerator,
                              source: String) throws(DatasetError) -> Dataset {
        try Check.count(count, "count")
        guard let d = centers.first?.count, d > 0, centers.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }) else {
            throw .invalidParameter(name: "centers", value: "\(centers.count) points",
                                    expected: "at least one centre, all of the same non-zero length, finite")
        }
        try Check.nonNegative(std, "std")
        try Check.size(count, d)
        var points: [[Double]] = [], labels: [Int] = []
        for (label, n) in evenSplit(count, into: centers.count).enumerated() {
            for _ in 0..<n {
                points.append(centers[label].map { g.normal(mean: $0, std: std) })
                labels.append(label)
            }
        }
        return labelledDataset(points: points, labels: labels, featureNames: numberedNames("x", d),
                               targetNames: (0..<centers.count).map { "blob \($0)" }, source: source, shuffleWith: &g)
    }

    /// Interleaved spirals, one class per arm.
    ///
    /// Arm `k` holds points at radius `r = 0.05 + 0.95·t` and angle `2π·(turns·t + k/arms)` for
    /// `t` uniform in [0, 1), plus Gaussian noise; the arms fill the unit disc.
    ///
    /// - Parameters:
    ///   - count: samples, shared evenly between the arms.
    ///   - arms: the number of arms (classes), at least 2.
    ///   - noise: standard deviation of Gaussian noise added to each coordinate.
    ///   - turns: how many times each arm winds around the centre.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for bad counts or a
    ///   negative noise or turns.
    public static func spirals(count: Int = 300, arms: Int = 2, noise: Double = 0.02, turns: Double = 1,
                               seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.range(arms, "arms", 2...1000)
        try Check.count(count, "count", atLeast: arms)
        try Check.nonNegative(noise, "noise")
        try Check.nonNegative(turns, "turns")
        try Check.size(count, 2)
        var g = RandomGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for (arm, n) in evenSplit(count, into: arms).enumerated() {
            for _ in 0..<n {
                let t = g.nextDouble()
                let r = 0.05 + 0.95 * t
                let angle = 2 * Double.pi * (turns * t + Double(arm) / Double(arms))
                points.append([r * cos(angle) + g.normal(std: noise), r * sin(angle) + g.normal(std: noise)])
                labels.append(arm)
            }
        }
        return labelledDataset(points: points, labels: labels, featureNames: ["x1", "x2"],
                               targetNames: (0..<arms).map { "arm \($0)" },
                               source: "spirals(count: \(count), arms: \(arms), noise: \(noise), turns: \(turns), seed: \(seed))",
                               shuffleWith: &g)
    }

    /// The XOR problem: points uniform in the square [−1, 1]², class 1 where exactly one
    /// coordinate is positive (`x1·x2 < 0`), class 0 otherwise. The label is decided before the
    /// noise is added, so noise blurs the boundary.
    ///
    /// - Parameters:
    ///   - count: samples (the classes are balanced in expectation).
    ///   - noise: standard deviation of Gaussian noise added to each coordinate.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for `count < 1` or a
    ///   negative noise.
    public static func xor(count: Int = 200, noise: Double = 0, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count")
        try Check.nonNegative(noise, "noise")
        try Check.size(count, 2)
        var g = RandomGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for _ in 0..<count {
            let x = g.uniform(-1...1), y = g.uniform(-1...1)
            labels.append(x * y < 0 ? 1 : 0)
            points.append([x + g.normal(std: noise), y + g.normal(std: noise)])
        }
        return labelledDataset(points: points, labels: labels, featureNames: ["x1", "x2"], targetNames: ["same sign", "opposite signs"],
                               source: "xor(count: \(count), noise: \(noise), seed: \(seed))", shuffleWith: &g)
    }

    /// Two Gaussian classes with the same spread: class 0 centred at `−distance/2` and class 1
    /// at `+distance/2` on the first axis (0 on the others). A linear boundary is optimal.
    ///
    /// - Parameters:
    ///   - count: samples, half in each class.
    ///   - distance: the distance between the two means.
    ///   - std: the standard deviation of every coordinate.
    ///   - features: the dimension of the points.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for bad counts or
    ///   negative distances.
    public static func twoGaussians(count: Int = 200, distance: Double = 3, std: Double = 1, features: Int = 2,
                                    seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count", atLeast: 2)
        try Check.count(features, "features")
        try Check.nonNegative(distance, "distance")
        try Check.nonNegative(std, "std")
        try Check.size(count, features)
        var g = RandomGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for (label, n) in evenSplit(count, into: 2).enumerated() {
            let mean = (label == 0 ? -0.5 : 0.5) * distance
            for _ in 0..<n {
                points.append((0..<features).map { g.normal(mean: $0 == 0 ? mean : 0, std: std) })
                labels.append(label)
            }
        }
        return labelledDataset(points: points, labels: labels, featureNames: numberedNames("x", features),
                               targetNames: ["negative", "positive"],
                               source: "twoGaussians(count: \(count), distance: \(distance), std: \(std), features: \(features), seed: \(seed))",
                               shuffleWith: &g)
    }
}
