import Foundation
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

/// What one run of a benchmark measured: its main value and any extra figures it declares.
public struct Measurement: Sendable {
    public let value: Double
    public let extras: [Double]
    public init(value: Double, extras: [Double] = []) {
        self.value = value
        self.extras = extras
    }

    /// The figures of a run that can fail (the hub's load benchmarks): runs `run`, prints its
    /// report to standard error and reads the figures from it; a failure is printed instead and
    /// gives NaN for the value and each of the `extraCount` extras.
    static func reported<Report: CustomStringConvertible>(
        _ what: String, extraCount: Int, _ run: () throws -> Report, figures: (Report) -> Measurement
    ) -> Measurement {
        do {
            let report = try run()
            FileHandle.standardError.write(Data("  \(report)\n".utf8))
            return figures(report)
        } catch {
            FileHandle.standardError.write(Data("  \(what) failed: \(error)\n".utf8))
            return Measurement(value: .nan, extras: Array(repeating: .nan, count: extraCount))
        }
    }
}

/// A benchmark: a name, its unit, one line of what it measures, and the code that measures it.
public struct Benchmark: Sendable {
    public let name: String
    public let unit: String
    public let summary: String
    /// When `true`, the run also reports `<name>.peak_mem`: the most tensor memory held at once.
    public let tracksMemory: Bool
    /// Further figures a run reports, as `<extrasStem>.<suffix>` in `unit`.
    public let extras: [(suffix: String, unit: String)]
    /// What the extras' names start with: the name itself unless given (`hub.lesson_page.rps`
    /// reports `hub.lesson_page.p99_ms` beside it).
    public let extrasStem: String
    let measure: @Sendable () -> Measurement

    public init(name: String, unit: String, summary: String, tracksMemory: Bool = false,
                extras: [(suffix: String, unit: String)] = [], extrasStem: String? = nil,
                measure: @escaping @Sendable () -> Measurement) {
        self.name = name
        self.unit = unit
        self.summary = summary
        self.tracksMemory = tracksMemory
        self.extras = extras
        self.extrasStem = extrasStem ?? name
        self.measure = measure
    }

    public init(name: String, unit: String, summary: String, tracksMemory: Bool = false,
                measure: @escaping @Sendable () -> Double) {
        self.init(name: name, unit: unit, summary: summary, tracksMemory: tracksMemory) { Measurement(value: measure()) }
    }

    /// The names and units of the results a run prints.
    public var results: [(name: String, unit: String)] {
        [(name, unit)] + extras.map { ("\(extrasStem).\($0.suffix)", $0.unit) } + (tracksMemory ? [("\(name).peak_mem", "MiB")] : [])
    }

    /// The names of the results a run prints.
    public var resultNames: [String] { results.map(\.name) }

    /// Runs the measurement.
    public func run() -> [BenchmarkResult] {
        TensorMemory.resetPeak()
        let measured = measure()
        let values = [measured.value] + measured.extras
            + (tracksMemory ? [Double(TensorMemory.peakBytes) / 1_048_576] : [])
        return zip(results, values).map { result, value in BenchmarkResult(name: result.name, value: value, unit: result.unit) }
    }
}
