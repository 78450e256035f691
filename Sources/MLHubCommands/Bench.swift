import ArgumentParser
import Benchmarks
import Foundation

/// `mlhub bench`: runs the benchmarks and prints their figures.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the engine benchmarks (build with -c release for meaningful figures).",
        discussion: """
            With --json, each result is one JSON object per line on standard output: \
            {"name": …, "value": …, "unit": …}. Progress goes to standard error.
            """)

    @Flag(help: "Print one JSON object per line.")
    var json = false

    @Flag(help: "Print the benchmark names and exit.")
    var list = false

    @Option(help: "Run only the benchmark with this name, or those whose names start with it (e.g. gemm).")
    var filter: String?

    func validate() throws {
        if let filter, BenchmarkSuite.select(filter).isEmpty {
            throw ValidationError("no benchmark matches '\(filter)'; known: \(BenchmarkSuite.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let chosen = BenchmarkSuite.select(filter)
        if list {
            for (name, unit) in chosen.flatMap(\.results) {
                print(json ? "{\"name\":\"\(name)\",\"unit\":\"\(unit)\"}" : name)
            }
            return
        }
        #if DEBUG
        FileHandle.standardError.write(Data("note: this is a debug build; run `swift run -c release mlhub bench` for real figures\n".utf8))
        #endif
        for benchmark in chosen {
            FileHandle.standardError.write(Data("running \(benchmark.name)…\n".utf8))
            for result in benchmark.run() {
                print(json ? result.jsonLine : "\(result.name)  \(result.jsonValue) \(result.unit)")
            }
            fflush(nil)
        }
    }
}

extension BenchmarkResult {
    /// The value as the JSON line prints it.
    var jsonValue: String {
        let line = jsonLine
        let start = line.range(of: "\"value\":")!.upperBound
        let end = line.range(of: ",\"unit\"")!.lowerBound
        return String(line[start..<end])
    }
}
