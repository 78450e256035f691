import Foundation
import Testing
@testable import Demos

@Suite("Catalog and robustness")
struct CatalogAndFuzzTests {
    @Test func theCatalogListsBothDemos() throws {
        #expect(DemoCatalog.ids == ["nn-simulator", "optimizer-race"])
        #expect(throws: DemoError.unknownDemo("chess", known: ["nn-simulator", "optimizer-race"])) { try DemoCatalog.type(id: "chess") }
        for id in DemoCatalog.ids {
            let demo = try DemoCatalog.make(id: id)
            try demo.step(3)
            #expect(demo.stepCount == 3)
            _ = try demo.snapshotJSON(.light)
            _ = try demo.sceneJSON()
            #expect(try DemoCatalog.make(id: id, query: demo.settings.query).settings == demo.settings)
        }
        let entries = try JSONEncoder().encode(DemoCatalog.entries)
        #expect(try JSONDecoder().decode([DemoCatalogEntry].self, from: entries) == DemoCatalog.entries)
    }

    /// A random value for a parameter: usually valid, sometimes not.
    static func randomValue(_ p: DemoParameter, _ g: inout RandomGenerator64) -> DemoValue {
        let wild = g.next(below: 6) == 0
        if wild {
            let junk: [DemoValue] = [.int(-1), .double(.nan), .double(.infinity), .double(1e300), .string(""), .string("%%"),
                                     .ints([99, -3]), .strings(["nope"]), .bool(true), .int(Int.max), .string(String(repeating: "9", count: 2_000))]
            return junk[g.next(below: junk.count)]
        }
        let low = p.minimum ?? 0, high = p.maximum ?? 1
        let options = p.optionValues
        switch p.kind {
        case .int: return .int(Int(low) + g.next(below: Int(Swift.min(high - low + 1, 1e6))))
        case .number: return .double(low + (high - low) * g.unit())
        case .bool: return .bool(g.next(below: 2) == 0)
        case .choice: return .string(options[g.next(below: options.count)])
        case .intList:
            let count = (p.minCount ?? 0) + g.next(below: (p.maxCount ?? 0) - (p.minCount ?? 0) + 1)
            return .ints((0..<count).map { _ in Int(low) + g.next(below: Int(high - low) + 1) })
        case .choiceList:
            let count = (p.minCount ?? 0) + g.next(below: (p.maxCount ?? 0) - (p.minCount ?? 0) + 1)
            return .strings((0..<count).map { _ in options[g.next(below: options.count)] })
        case .choiceSet:
            let chosen = options.filter { _ in g.next(below: 2) == 0 }
            return .strings(chosen.isEmpty ? [options[0]] : chosen)
        }
    }

    /// Random settings and `set` calls, interleaved with steps, snapshots, uploads and resets:
    /// every call either works or throws `DemoError`, and snapshots always encode.
    @Test(arguments: DemoCatalog.ids)
    func randomUseNeverTraps(_ id: String) throws {
        var g = RandomGenerator64(seed: 2024)
        let type = try DemoCatalog.type(id: id)
        let schema = type.schema
        var made = 0
        for round in 0..<25 {
            var values: [String: DemoValue] = [:]
            for p in schema.parameters where g.next(below: 3) == 0 { values[p.name] = Self.randomValue(p, &g) }
            // Keep the simulator small so the suite stays fast.
            if id == "nn-simulator" { values["points"] = .int(20 + g.next(below: 200)) }
            // Most random starts lie outside the surface's box; keep the default start often.
            if id == "optimizer-race" && g.next(below: 4) != 0 { values["startX"] = nil; values["startY"] = nil }
            guard let settings = try? DemoSettings(schema: schema, values: values), let demo = try? type.init(settings: settings) else { continue }
            made += 1
            for _ in 0..<12 {
                switch g.next(below: 7) {
                case 0, 1:
                    let p = schema.parameters[g.next(below: schema.parameters.count)]
                    do {
                        try demo.set(p.name, to: Self.randomValue(p, &g))
                        if id == "nn-simulator" && p.name == "points" { try demo.set("points", to: 40) }
                    } catch {}
                case 2: try? demo.step([1, 3, 0, -4, 100_000][g.next(below: 5)])
                case 3:
                    let request = DemoSnapshotRequest(detail: g.next(below: 2) == 0 ? .light : .full, resolution: [2, 9, 0, 500][g.next(below: 4)],
                                                      neuronResolution: [2, 5, 99][g.next(below: 3)], since: [nil, 0, 3, -1][g.next(below: 4)])
                    if let json = try? demo.snapshotJSON(request) { #expect(!json.isEmpty) }
                case 4: _ = try? demo.sceneJSON(DemoSceneRequest(resolution: [2, 17, 0, 300][g.next(below: 4)]))
                case 5: demo.reset()
                default:
                    if let simulator = demo as? NeuralNetworkSimulator {
                        let rows = (0..<(8 + g.next(below: 20))).map { _ in
                            ["\(g.unit() * 10)", "\(g.unit())", ["0", "1", "2", "x", "", "nan", "1e400", "4.5"][g.next(below: 8)]].joined(separator: ",")
                        }
                        _ = try? simulator.loadCSV(rows.joined(separator: "\n"))
                        _ = try? simulator.exportSafetensors()
                        _ = simulator.exportSwiftSnippet()
                    } else {
                        _ = demo.progress
                    }
                }
            }
            #expect(try DemoSettings(schema: schema, query: demo.settings.query) == demo.settings, "round \(round)")
        }
        #expect(made > 5)
    }
}

/// A small seeded generator for the fuzz test (SplitMix64).
struct RandomGenerator64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below n: Int) -> Int { Int(next64() % UInt64(Swift.max(n, 1))) }
    mutating func unit() -> Double { Double(next64() >> 11) * 0x1.0p-53 }
}
