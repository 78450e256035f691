import ArgumentParser
import Demos
import Foundation

/// `mlhub demo`: the interactive demos, run headless.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "List the interactive demos, show their parameters and presets, and run them headless.",
        subcommands: [List.self, Schema.self, Presets.self, Run.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the demos.")

        @Flag(help: "Print the catalog (ids, schemas, presets) as JSON.")
        var json = false

        func run() throws {
            if json { return try printJSON(DemoCatalog.entries) }
            for type in DemoCatalog.all {
                print("\(type.id.padding(toLength: 16, withPad: " ", startingAt: 0)) \(type.schema.title): \(type.schema.summary)")
            }
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a demo's parameters: kind, range or options, default, help.")

        @Argument(help: "The demo id (see `mlhub demo list`).")
        var id: String

        @Flag(help: "Print the schema as JSON.")
        var json = false

        func run() throws {
            let schema = try demoType(id).schema
            if json { return try printJSON(schema) }
            print("\(schema.title) (\(schema.demo)): \(schema.summary)")
            var group = ""
            for p in schema.parameters {
                if p.group != group {
                    group = p.group
                    print("\n\(group)")
                }
                print("  \(p.name) = \(p.defaultValue.text)   \(describe(p))")
                print("      \(p.help)")
            }
        }

        private func describe(_ p: DemoParameter) -> String {
            p.expectedText + (p.unit.map { " (\($0))" } ?? "") + (p.scale == .log ? " (log scale)" : "")
        }
    }

    struct Presets: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a demo's presets with their commentary and settings.")

        @Argument(help: "The demo id.")
        var id: String

        @Flag(help: "Print the presets as JSON.")
        var json = false

        func run() throws {
            let presets = try demoType(id).presets
            if json { return try printJSON(presets) }
            for preset in presets {
                print("\(preset.id): \(preset.title)")
                print("  settings: \(preset.query)")
                print("  \(preset.commentary)\n")
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a demo headless and print its final figures.",
            discussion: """
                Progress goes to standard error every --every steps. With --json, standard output gets one JSON \
                object per line: {"type": "progress", …} per report and a final {"type": "final", …} summary.
                Example: mlhub demo run nn-simulator --set hidden=4,4 --set activation=tanh --epochs 500
                """)

        @Argument(help: "The demo id (nn-simulator or optimizer-race).")
        var id: String

        @Option(name: .customLong("set"), help: ArgumentHelp("Set a parameter (repeatable).", valueName: "name=value"))
        var assignments: [String] = []

        @Option(help: "Start from this preset (see `mlhub demo presets ID`); --set applies on top.")
        var preset: String?

        @Option(help: "Epochs to train (nn-simulator); default: the preset's suggestion, else 500.")
        var epochs: Int?

        @Option(help: "Optimizer steps (optimizer-race); the same as --epochs.")
        var steps: Int?

        @Option(help: "Report progress every N steps.")
        var every = 50

        @Option(help: "Train on your own data: a CSV of x1,x2,label or x1,x2,y (nn-simulator).")
        var csv: String?

        @Option(help: "Write model.safetensors and Model.swift for the trained network into this folder (nn-simulator).")
        var export: String?

        @Flag(help: "Print JSON lines on standard output.")
        var json = false

        func validate() throws {
            if epochs != nil && steps != nil { throw ValidationError("give --epochs or --steps, not both") }
            if let count = epochs ?? steps, count < 1 || count > 1_000_000 {
                throw ValidationError("--epochs/--steps must be between 1 and 1000000, got \(count)")
            }
            guard every >= 1 && every <= 100_000 else { throw ValidationError("--every must be between 1 and 100000") }
        }

        func run() throws {
            let type = try demoType(id)
            let (demo, total) = try fail {
                var settings = type.schema.defaults
                var suggested = 500
                if let preset {
                    let chosen = try type.preset(preset)
                    settings = try chosen.settings(for: type.schema)
                    suggested = chosen.suggestedSteps
                }
                for assignment in assignments {
                    guard let equals = assignment.firstIndex(of: "=") else {
                        throw CommandError("--set expects name=value, got '\(assignment)'")
                    }
                    let name = String(assignment[..<equals]), text = String(assignment[assignment.index(after: equals)...])
                    settings = try settings.setting(name, to: type.schema.parameter(name).parse(text))
                }
                return (try type.init(settings: settings), epochs ?? steps ?? suggested)
            }
            if csv != nil || export != nil, !(demo is NeuralNetworkSimulator) {
                throw CommandError("--csv and --export apply to nn-simulator only")
            }
            if let csv, let simulator = demo as? NeuralNetworkSimulator {
                let summary = try fail { try simulator.loadCSV(try readText(csv)) }
                log("loaded \(summary.rows) rows from \(csv): \(summary.task.rawValue)\(summary.classes > 0 ? ", \(summary.classes) classes" : "")")
            }
            var done = 0
            while done < total && !demo.progress.finished {
                let chunk = Swift.min(every, total - done, type.maximumStepsPerCall)
                try fail { try demo.step(chunk) }
                done += chunk
                report(demo.progress)
            }
            try finish(demo, stoppedEarly: done < total)
        }

        private func report(_ progress: DemoProgress) {
            if json {
                printLine(ProgressLine(demo: id, step: progress.step, unit: progress.unit, finished: progress.finished,
                                       metrics: Dictionary(progress.metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })))
            } else {
                let figures = progress.metrics.map { "\($0.name) \($0.value.map { String(format: "%.4g", $0) } ?? "–")" }
                log("\(progress.unit) \(progress.step): \(figures.joined(separator: ", "))\(progress.finished ? " (stopped)" : "")")
            }
        }

        private func finish(_ demo: any Demo, stoppedEarly: Bool) throws {
            let progress = demo.progress
            var confusion: [[Int]]?
            var racers: [OptimizerRace.RacerState]?
            if let simulator = demo as? NeuralNetworkSimulator {
                confusion = try fail { try simulator.snapshot(DemoSnapshotRequest(resolution: 2, neuronResolution: 2)).confusion }
                if let export { try exportNetwork(simulator, to: export) }
            }
            if let race = demo as? OptimizerRace { racers = try fail { try race.snapshot(.light).racers } }
            if json {
                printLine(FinalLine(demo: id, settings: demo.settings.query, step: progress.step, unit: progress.unit, finished: progress.finished,
                                    metrics: Dictionary(progress.metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                    confusion: confusion, racers: racers))
                return
            }
            print("\(id) after \(progress.step) \(progress.unit)s\(stoppedEarly ? " (stopped early: nothing more to do)" : "")")
            print("settings: \(demo.settings.query)")
            for metric in progress.metrics {
                print("  \(metric.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(metric.value.map { String(format: "%.6g", $0) } ?? "–")")
            }
            if let confusion {
                print("confusion (test; rows true class, columns predicted):")
                for row in confusion { print("  " + row.map { String($0).leftPadded(6) }.joined()) }
            }
            for racer in racers ?? [] where racer.status == "diverged" {
                print("  \(racer.id) diverged at step \(racer.stoppedAt ?? 0): \(racer.reason ?? "")")
            }
        }

        private func exportNetwork(_ simulator: NeuralNetworkSimulator, to folder: String) throws {
            let url = URL(fileURLWithPath: folder, isDirectory: true)
            let weights = try fail { try simulator.exportSafetensors() }
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try weights.write(to: url.appendingPathComponent("model.safetensors"), options: .atomic)
                try Data(simulator.exportSwiftSnippet().utf8).write(to: url.appendingPathComponent("Model.swift"), options: .atomic)
            } catch {
                throw CommandError("cannot write the export into \(folder): \(error.localizedDescription)")
            }
            log("wrote \(url.appendingPathComponent("model.safetensors").path) and Model.swift")
        }

        private func readText(_ path: String) throws -> String {
            let url = URL(fileURLWithPath: path)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            guard let size else { throw CommandError("cannot read \(path)") }
            guard size <= NeuralNetworkSimulator.csvByteLimit else {
                throw CommandError("\(path) has \(size) bytes; the limit is \(NeuralNetworkSimulator.csvByteLimit) (64 KiB)")
            }
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                throw CommandError("\(path) is not readable UTF-8 text")
            }
            return text
        }

        private func log(_ line: String) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }

        private func printLine<T: Encodable>(_ value: T) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(value), let line = String(data: data, encoding: .utf8) { print(line) }
            fflush(nil)
        }
    }

    struct ProgressLine: Encodable {
        var type = "progress"
        let demo: String
        let step: Int
        let unit: String
        let finished: Bool
        let metrics: [String: Double?]
    }

    struct FinalLine: Encodable {
        var type = "final"
        let demo: String
        let settings: String
        let step: Int
        let unit: String
        let finished: Bool
        let metrics: [String: Double?]
        let confusion: [[Int]]?
        let racers: [OptimizerRace.RacerState]?
    }
}

/// A command-line failure with a message (exit status 1).
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The demo type `id`, or a failure listing the known ids.
private func demoType(_ id: String) throws -> any Demo.Type {
    try fail { try DemoCatalog.type(id: id) }
}

/// Runs `body`, turning a `DemoError` into a command failure with its message.
private func fail<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DemoError {
        throw CommandError(error.description)
    }
}

private func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: Swift.max(0, width - count)) + self }
}
