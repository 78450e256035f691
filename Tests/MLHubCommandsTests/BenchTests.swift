import Datasets
import Foundation
import Testing
@testable import Benchmarks
@testable import MLHubCommands

@Suite("mlhub bench")
struct BenchTests {
    @Test func theRequiredBenchmarksExistWithTheirUnits() {
        let units = Dictionary(uniqueKeysWithValues: BenchmarkSuite.all.map { ($0.name, $0.unit) })
        let required = ["gemm.f32.256": "GFLOP/s", "gemm.f32.1024": "GFLOP/s", "gemm.f32.2048": "GFLOP/s",
                        "add.f32.1M": "ms", "tiny_mlp.train_step": "steps/s", "op_overhead.add4": "ns"]
        for (name, unit) in required {
            #expect(units[name] == unit, "\(name) should be measured in \(unit)")
        }
        #expect(Set(units.keys).count == BenchmarkSuite.all.count, "names are unique")
        let memory = BenchmarkSuite.all.filter(\.tracksMemory).map(\.name)
        #expect(memory.contains("mlp.784-256-128-10.b128.adam.step") && memory.contains("cnn.lenet5.b64.sgd.step"))
        #expect(BenchmarkSuite.select("cnn.lenet5.b64.sgd.step")[0].resultNames == ["cnn.lenet5.b64.sgd.step", "cnn.lenet5.b64.sgd.step.peak_mem"])
        #expect(BenchmarkSuite.select("mlp.digits.64-128-10.b32.adam.50epochs")[0].results.map(\.unit) == ["s", "%"])
        for name in ["rnn.lstm.in32-h128-seq50-b32.fwd_bwd", "attn.encoder.d128-h4-ff512-seq64-b32.adam.step",
                     "mlp.784-256-128-10.b128.adam.step", "cnn.lenet5.b64.sgd.step"] {
            #expect(BenchmarkSuite.select(name).first?.resultNames.contains(name + ".peak_mem") == true, "\(name)")
        }
    }

    @Test func theDigitsSplitIsTheAnchorsStratifiedFifth() throws {
        let rows = DigitsReferenceSplit.testRows
        #expect(rows.count == 360 && Set(rows).count == 360 && rows.allSatisfy { (0..<1797).contains($0) })
        let labels = try Dataset.digits().target.scalars(as: Int.self)
        let perClass = Dictionary(grouping: rows, by: { labels[$0] }).mapValues(\.count)
        #expect(perClass.values.allSatisfy { (35...37).contains($0) }, "stratified: \(perClass)")
    }

    @Test func selectionByNameOrPrefix() {
        #expect(BenchmarkSuite.select("gemm.f32").map(\.name) == ["gemm.f32.256", "gemm.f32.1024", "gemm.f32.2048"])
        #expect(BenchmarkSuite.select("op_overhead.add4").map(\.name) == ["op_overhead.add4"])
        #expect(BenchmarkSuite.select(nil).count == BenchmarkSuite.all.count)
        #expect(BenchmarkSuite.select("nothing").isEmpty)
    }

    @Test func anUnknownFilterIsAValidationError() {
        #expect(throws: (any Error).self) { try Bench.parse(["--filter", "no-such-benchmark"]) }
        #expect(throws: Never.self) { try Bench.parse(["--filter", "gemm", "--json"]) }
    }

    @Test func resultsPrintAsOneJSONObjectPerLine() throws {
        let line = BenchmarkResult(name: "gemm.f32.1024", value: 201.23456, unit: "GFLOP/s").jsonLine
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["name"] as? String == "gemm.f32.1024")
        #expect(object["unit"] as? String == "GFLOP/s")
        #expect(Swift.abs((object["value"] as? Double ?? 0) - 201.2346) < 1e-9)
        #expect(BenchmarkResult(name: "x", value: 3, unit: "ns").jsonLine == #"{"name":"x","value":3,"unit":"ns"}"#)
        #expect(BenchmarkResult(name: "x", value: .nan, unit: "ns").jsonLine.contains(#""value":null"#))
    }

    @Test func theTinyMLPWorkloadActuallyLearns() {
        // The benchmark must time real training, so check that its step trains the network.
        let net = TinyMLP(learningRate: 0.5)
        let first = net.trainStep()
        var last = first
        for _ in 0..<400 { last = net.trainStep() }
        #expect(last < 0.25 * first, "loss went from \(first) to \(last)")
        #expect(net.parameters.allSatisfy { $0.grad != nil })
    }
}
