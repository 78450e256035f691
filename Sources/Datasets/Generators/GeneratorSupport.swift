import Tensors

extension Dataset {
    /// The most numbers (samples × features, or audio samples, or pixels) a generator makes in
    /// one call: 20 million, 160 MB of `float64`. Larger requests throw
    /// ``DatasetError/limitExceeded(what:value:limit:)``, so that a parameter typed into a web
    /// form cannot exhaust memory.
    public static let generatorElementLimit = 20_000_000
}

/// Parameter checks shared by the generators: each throws
/// ``DatasetError/invalidParameter(name:value:expected:)`` naming the parameter.
enum Check {
    static func count(_ value: Int, _ name: String, atLeast minimum: Int = 1) throws(DatasetError) {
        guard value >= minimum else {
            throw .invalidParameter(name: name, value: "\(value)", expected: "an integer ≥ \(minimum)")
        }
    }

    static func range(_ value: Int, _ name: String, _ allowed: ClosedRange<Int>) throws(DatasetError) {
        guard allowed.contains(value) else {
            throw .invalidParameter(name: name, value: "\(value)",
                                    expected: "an integer in \(allowed.lowerBound)...\(allowed.upperBound)")
        }
    }

    static func nonNegative(_ value: Double, _ name: String) throws(DatasetError) {
        guard value.isFinite && value >= 0 else {
            throw .invalidParameter(name: name, value: "\(value)", expected: "a finite number ≥ 0")
        }
    }

    static func positive(_ value: Double, _ name: String) throws(DatasetError) {
        guard value.isFinite && value > 0 else {
            throw .invalidParameter(name: name, value: "\(value)", expected: "a finite number > 0")
        }
    }

    static func finite(_ value: Double, _ name: String) throws(DatasetError) {
        guard value.isFinite else {
            throw .invalidParameter(name: name, value: "\(value)", expected: "a finite number")
        }
    }

    static func fraction(_ value: Double, _ name: String, closed: Bool = true) throws(DatasetError) {
        guard value.isFinite && value >= 0 && (closed ? value <= 1 : value < 1) else {
            throw .invalidParameter(name: name, value: "\(value)", expected: closed ? "a fraction in [0, 1]" : "a fraction in [0, 1)")
        }
    }

    static func finiteRange(_ value: ClosedRange<Double>, _ name: String) throws(DatasetError) {
        guard value.lowerBound.isFinite && value.upperBound.isFinite else {
            throw .invalidParameter(name: name, value: "\(value)", expected: "a finite range")
        }
    }

    /// Throws when `a × b` numbers would exceed ``Dataset/generatorElementLimit``.
    static func size(_ a: Int, _ b: Int = 1, _ c: Int = 1) throws(DatasetError) {
        let (ab, o1) = a.multipliedReportingOverflow(by: b)
        let (abc, o2) = ab.multipliedReportingOverflow(by: c)
        let limit = Dataset.generatorElementLimit
        guard !o1 && !o2 && abc <= limit else {
            throw .limitExceeded(what: "generated numbers", value: o1 || o2 ? .max : abc, limit: limit)
        }
    }
}

extension RandomGenerator {
    /// Uniform in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
    }

    /// Normal with mean `mean` and standard deviation `std`.
    mutating func normal(mean: Double = 0, std: Double) -> Double { mean + std * nextNormal() }

    /// A random ordering of `0..<n` (Fisher–Yates).
    mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<n)
        var i = n - 1
        while i > 0 {
            values.swapAt(i, nextInt(below: i + 1))
            i -= 1
        }
        return values
    }
}

/// Sizes of `groups` groups that share `total` as evenly as possible (the first ones get the
/// remainder).
func evenSplit(_ total: Int, into groups: Int) -> [Int] {
    (0..<groups).map { total / groups + ($0 < total % groups ? 1 : 0) }
}

/// A classification data set from per-sample points and labels, shuffled by `generator` so that
/// the classes are interleaved.
func labelledDataset(points: [[Double]], labels: [Int], featureNames: [String], targetNames: [String],
                     source: String, shuffleWith generator: inout RandomGenerator) -> Dataset {
    let order = generator.permutation(points.count)
    let d = featureNames.count
    var flat = [Double]()
    flat.reserveCapacity(points.count * d)
    for i in order { flat.append(contentsOf: points[i]) }
    return Dataset(features: Tensor(flat, shape: [points.count, d]), target: Tensor(order.map { labels[$0] }, shape: [points.count]),
                   featureNames: featureNames, targetNames: targetNames, source: source)
}

/// A regression data set from per-sample points and values.
func regressionDataset(points: [[Double]], values: [Double], featureNames: [String], source: String) -> Dataset {
    Dataset(features: Tensor(points.flatMap { $0 }, shape: [points.count, featureNames.count]),
            target: Tensor(values, shape: [values.count]), featureNames: featureNames, source: source)
}

/// `x1`, `x2`, … (1-based, as in formulas).
func numberedNames(_ prefix: String, _ n: Int) -> [String] { (1...Swift.max(n, 1)).prefix(n).map { "\(prefix)\($0)" } }
