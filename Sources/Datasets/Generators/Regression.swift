import Foundation
import Tensors

/// Seeded regression problems: features `float64` `[count, features]`, target `float64` `[count]`.
extension Dataset {
    /// A plane (a line in one dimension): `y = w·x + bias + ε`, with `x` uniform in `range` in
    /// every coordinate and `ε` Gaussian with standard deviation `noise`.
    ///
    /// - Parameters:
    ///   - weights: one slope per feature (their count sets the number of features).
    ///   - bias: the intercept.
    ///   - noise: the standard deviation of `ε`.
    ///   - range: the interval of each feature.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for no weights, a
    ///   non-finite value or a negative noise.
    public static func plane(count: Int = 200, weights: [Double] = [2, -1], bias: Double = 0.5, noise: Double = 0.1,
                             range: ClosedRange<Double> = -1...1, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count")
        guard !weights.isEmpty, weights.allSatisfy(\.isFinite) else {
            throw .invalidParameter(name: "weights", value: "\(weights)", expected: "at least one finite weight")
        }
        try Check.finite(bias, "bias")
        try Check.nonNegative(noise, "noise")
        try Check.finiteRange(range, "range")
        try Check.size(count, weights.count)
        var g = RandomGenerator(seed: seed)
        var points: [[Double]] = [], values: [Double] = []
        for _ in 0..<count {
            let x = weights.map { _ in g.uniform(range) }
            points.append(x)
            values.append(zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 } + g.normal(std: noise))
        }
        return regressionDataset(points: points, values: values, featureNames: numberedNames("x", weights.count),
                                 source: "plane(count: \(count), weights: \(weights), bias: \(bias), noise: \(noise), seed: \(seed))")
    }

    /// A sum of Gaussian bumps: `y = Σₖ aₖ·exp(−‖x − cₖ‖² / (2·width²)) + ε`, with `x` uniform in
    /// `range` in every coordinate and `ε` Gaussian with standard deviation `noise`. A smooth
    /// non-linear target for kernels, RBF networks and small MLPs.
    ///
    /// - Parameters:
    ///   - centers: the bump centres `cₖ`, all of the same length (the number of features).
    ///   - amplitudes: the heights `aₖ`, one per centre.
    ///   - width: the bumps' standard deviation.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when the centres and
    ///   amplitudes do not match, or for a non-positive width or negative noise.
    public static func gaussians(count: Int = 200, centers: [[Double]], amplitudes: [Double], width: Double = 0.3,
                                 noise: Double = 0.05, range: ClosedRange<Double> = -1...1,
                                 seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        var g = RandomGenerator(seed: seed)
        return try gaussians(count: count, centers: centers, amplitudes: amplitudes, width: width, noise: noise,
                             range: range, generator: &g,
                             source: "gaussians(count: \(count), centers: \(centers), amplitudes: \(amplitudes), width: \(width), noise: \(noise), seed: \(seed))")
    }

    /// A sum of `bumps` Gaussian bumps with random centres (uniform in `range`) and amplitudes
    /// (uniform in [−1, 1]); see ``gaussians(count:centers:amplitudes:width:noise:range:seed:)``.
    public static func gaussians(count: Int = 200, features: Int = 1, bumps: Int = 3, width: Double = 0.3,
                                 noise: Double = 0.05, range: ClosedRange<Double> = -1...1,
                                 seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(features, "features")
        try Check.count(bumps, "bumps")
        try Check.finiteRange(range, "range")
        try Check.size(bumps, features)
        var g = RandomGenerator(seed: seed)
        let centers = (0..<bumps).map { _ in (0..<features).map { _ in g.uniform(range) } }
        let amplitudes = (0..<bumps).map { _ in g.uniform(-1...1) }
        return try gaussians(count: count, centers: centers, amplitudes: amplitudes, width: width, noise: noise,
                             range: range, generator: &g,
                             source: "gaussians(count: \(count), features: \(features), bumps: \(bumps), width: \(width), noise: \(noise), seed: \(seed))")
    }

    private static func gaussians(count: Int, centers: [[Double]], amplitudes: [Double], width: Double, noise: Double,
                                  range: ClosedRange<Double>, generator g: inout RandomGenerator,
                                  source: String) throws(DatasetError) -> Dataset {
        try Check.count(count, "count")
        guard let d = centers.first?.count, d > 0, centers.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }),
              amplitudes.count == centers.count, amplitudes.allSatisfy(\.isFinite) else {
            throw .invalidParameter(name: "centers", value: "\(centers.count) centres, \(amplitudes.count) amplitudes",
                                    expected: "at least one centre, all of one non-zero length, with one amplitude each")
        }
        try Check.positive(width, "width")
        try Check.nonNegative(noise, "noise")
        try Check.finiteRange(range, "range")
        try Check.size(count, d)
        var points: [[Double]] = [], values: [Double] = []
        for _ in 0..<count {
            let x = (0..<d).map { _ in g.uniform(range) }
            points.append(x)
            values.append(gaussianBumps(x, centers: centers, amplitudes: amplitudes, width: width) + g.normal(std: noise))
        }
        return regressionDataset(points: points, values: values, featureNames: numberedNames("x", d), source: source)
    }

    /// `Σₖ aₖ·exp(−‖x − cₖ‖² / (2·width²))`, the noise-free target of ``gaussians(count:centers:amplitudes:width:noise:range:seed:)``.
    public static func gaussianBumps(_ x: [Double], centers: [[Double]], amplitudes: [Double], width: Double) -> Double {
        zip(centers, amplitudes).reduce(0) { sum, bump in
            let squared = zip(x, bump.0).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            return sum + bump.1 * exp(-squared / (2 * width * width))
        }
    }

    /// A random linear regression problem in the spirit of scikit-learn's `make_regression`:
    /// standard normal features, of which `informative` (at random positions) have coefficients
    /// uniform in [0, 100); `y = X·coefficients + bias + ε`, `ε` Gaussian with standard
    /// deviation `noise`. ``makeRegressionWithCoefficients(count:features:informative:noise:bias:seed:)``
    /// also returns the coefficients.
    ///
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for bad counts or a
    ///   negative noise.
    public static func makeRegression(count: Int = 100, features: Int = 10, informative: Int = 5, noise: Double = 0,
                                      bias: Double = 0, seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try makeRegressionWithCoefficients(count: count, features: features, informative: informative, noise: noise,
                                           bias: bias, seed: seed).dataset
    }

    /// ``makeRegression(count:features:informative:noise:bias:seed:)`` and the true
    /// coefficients (`[features]`, zero for the uninformative features).
    public static func makeRegressionWithCoefficients(count: Int = 100, features: Int = 10, informative: Int = 5,
                                                      noise: Double = 0, bias: Double = 0,
                                                      seed: UInt64 = 0) throws(DatasetError) -> (dataset: Dataset, coefficients: [Double]) {
        try Check.count(count, "count")
        try Check.count(features, "features")
        try Check.range(informative, "informative", 0...features)
        try Check.nonNegative(noise, "noise")
        try Check.finite(bias, "bias")
        try Check.size(count, features)
        var g = RandomGenerator(seed: seed)
        var coefficients = [Double](repeating: 0, count: features)
        for j in g.permutation(features).prefix(informative) { coefficients[j] = 100 * g.nextDouble() }
        var points: [[Double]] = [], values: [Double] = []
        for _ in 0..<count {
            let x = (0..<features).map { _ in g.nextNormal() }
            points.append(x)
            values.append(zip(coefficients, x).reduce(bias) { $0 + $1.0 * $1.1 } + g.normal(std: noise))
        }
        let data = regressionDataset(points: points, values: values, featureNames: numberedNames("x", features),
                                     source: "makeRegression(count: \(count), features: \(features), informative: \(informative), noise: \(noise), bias: \(bias), seed: \(seed))")
        return (data, coefficients)
    }

    /// Friedman's first benchmark (Friedman 1991; Breiman 1996):
    /// `y = 10·sin(π·x₁·x₂) + 20·(x₃ − 0.5)² + 10·x₄ + 5·x₅ + noise·N(0, 1)`, with every `xⱼ`
    /// uniform in [0, 1). Features beyond the fifth do not affect `y`.
    ///
    /// - Parameter features: at least 5.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for fewer than 5
    ///   features or a negative noise.
    public static func friedman1(count: Int = 200, features: Int = 10, noise: Double = 1,
                                 seed: UInt64 = 0) throws(DatasetError) -> Dataset {
        try Check.count(count, "count")
        try Check.count(features, "features", atLeast: 5)
        try Check.nonNegative(noise, "noise")
        try Check.size(count, features)
        var g = RandomGenerator(seed: seed)
        var points: [[Double]] = [], values: [Double] = []
        for _ in 0..<count {
            let x = (0..<features).map { _ in g.nextDouble() }
            points.append(x)
            values.append(friedman1Target(x) + g.normal(std: noise))
        }
        return regressionDataset(points: points, values: values, featureNames: numberedNames("x", features),
                                 source: "friedman1(count: \(count), features: \(features), noise: \(noise), seed: \(seed))")
    }

    /// The noise-free Friedman 1 target of the first five entries of `x` (NaN when `x` has
    /// fewer than five).
    public static func friedman1Target(_ x: [Double]) -> Double {
        guard x.count >= 5 else { return .nan }
        return 10 * sin(Double.pi * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4]
    }
}
