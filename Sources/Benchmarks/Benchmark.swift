import Tensors

/// One named measurement, as `mlhub bench` prints it: `{"name":…, "value":…, "unit":…}`.
public struct BenchmarkResult: Sendable, Equatable {
    public let name: String
    public let value: Double
    public let unit: String

    public init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// One JSON object on one line, keys in a fixed order.
    public var jsonLine: String {
        let number = value.isFinite ? String(format: value) : "null"
        return "{\"name\":\"\(name)\",\"value\":\(number),\"unit\":\"\(unit)\"}"
    }
}

private extension String {
    /// Up to four significant decimals, without exponent for the magnitudes benchmarks give.
    init(format value: Double) {
        let rounded = (value * 10_000).rounded() / 10_000
        self = rounded == rounded.rounded() && Swift.abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }
}

/// A benchmark: a name, its unit, one line of what it measures, and the code that measures it.
public struct Benchmark: Sendable {
    public let name: String
    public let unit: String
    public let summary: String
    /// When `true`, the run also reports `<name>.peak_mem`: the most tensor memory held at once.
    public let tracksMemory: Bool
    let measure: @Sendable () -> Double

    public init(name: String, unit: String, summary: String, tracksMemory: Bool = false,
                measure: @escaping @Sendable () -> Double) {
        self.name = name
        self.unit = unit
        self.summary = summary
        self.tracksMemory = tracksMemory
        self.measure = measure
    }

    /// The names of the results a run prints.
    public var resultNames: [String] { tracksMemory ? [name, name + ".peak_mem"] : [name] }

    /// Runs the measurement.
    public func run() -> [BenchmarkResult] {
        TensorMemory.resetPeak()
        let value = measure()
        let result = BenchmarkResult(name: name, value: value, unit: unit)
        guard tracksMemory else { return [result] }
        return [result, BenchmarkResult(name: name + ".peak_mem", value: Double(TensorMemory.peakBytes) / 1_048_576, unit: "MiB")]
    }
}
