import Foundation
import Tensors
import Testing
@testable import Demos

/// A schema with one parameter of every kind, independent of the demos.
let sampleSchema = DemoSchema(demo: "sample", title: "Sample", summary: "Every kind of parameter.", parameters: [
    .int("points", label: "Points", range: 20...2_000, default: 500, group: "Data", effect: .regenerate, help: "How many."),
    .number("learningRate", label: "Learning rate", range: 0.00001...10, default: 0.03, scale: .log, group: "Training", effect: .live, help: "Step."),
    .bool("residual", label: "Residual", default: false, group: "Network", effect: .rebuild, help: "Skip."),
    .choice("activation", label: "Activation", options: [DemoOption("relu"), DemoOption("tanh"), DemoOption("sigmoid")], default: "tanh",
            group: "Network", effect: .rebuild, help: "Which."),
    .intList("hidden", label: "Hidden", count: 0...6, element: 1...8, default: [4, 4], group: "Network", effect: .rebuild, help: "Layers."),
    .choiceList("layers", label: "Per layer", options: [DemoOption("relu"), DemoOption("tanh")], count: 0...3, default: [],
                group: "Network", effect: .rebuild, help: "Per layer."),
    .choiceSet("features", label: "Features", options: [DemoOption("x1"), DemoOption("x2"), DemoOption("x1x2")], count: 1...3,
               default: ["x1", "x2"], group: "Features", effect: .rebuild, help: "Inputs."),
    .choice("name", label: "Name", options: [DemoOption("a b"), DemoOption("c&d=e"), DemoOption("ü")], default: "a b",
            group: "Other", effect: .live, help: "Needs escaping."),
])

@Suite("Schema, settings and queries")
struct SchemaTests {
    /// The `DemoError` `body` throws (nil if it throws nothing or something else).
    func error(_ body: () throws -> Void) -> DemoError? {
        do {
            try body()
            return nil
        } catch {
            return error as? DemoError
        }
    }

    @Test func defaultsAreValidAndComplete() throws {
        let defaults = sampleSchema.defaults
        for parameter in sampleSchema.parameters {
            #expect(defaults[parameter.name] == parameter.defaultValue)
            #expect(try parameter.validate(parameter.defaultValue) == parameter.defaultValue)
        }
        for schema in DemoCatalog.all.map({ $0.schema }) {
            for parameter in schema.parameters {
                #expect(try parameter.validate(parameter.defaultValue) == parameter.defaultValue, "\(schema.demo).\(parameter.name)")
            }
        }
    }

    @Test func theLearningRateMessageReadsAsDocumented() {
        let e = error { _ = try DemoSettings(schema: sampleSchema, query: "learningRate=50") }
        #expect(e == .invalidValue(parameter: "learningRate", expected: "in 0.00001...10", got: "50"))
        #expect(e?.description == "learningRate must be in 0.00001...10, got 50")
        #expect(e?.parameter == "learningRate")
    }

    @Test(arguments: [
        ("points=19", "points", "an integer in 20...2000"),
        ("points=2001", "points", "an integer in 20...2000"),
        ("points=abc", "points", "an integer in 20...2000"),
        ("points=1.5", "points", "an integer in 20...2000"),
        ("learningRate=nan", "learningRate", "a number in 0.00001...10"),
        ("learningRate=inf", "learningRate", "a number in 0.00001...10"),
        ("learningRate=0", "learningRate", "in 0.00001...10"),
        ("learningRate=", "learningRate", "a number in 0.00001...10"),
        ("residual=maybe", "residual", "true or false"),
        ("activation=swish", "activation", "one of relu, tanh, sigmoid"),
        ("hidden=4,9", "hidden", "a list of 0 to 6 integers in 1...8 separated by commas (like 4,4)"),
        ("hidden=1,1,1,1,1,1,1", "hidden", "a list of 0 to 6 integers in 1...8 separated by commas (like 4,4)"),
        ("hidden=4,,4", "hidden", "a list of 0 to 6 integers in 1...8 separated by commas (like 4,4)"),
        ("hidden=0", "hidden", "a list of 0 to 6 integers in 1...8 separated by commas (like 4,4)"),
        ("layers=relu,elu", "layers", "a list of 0 to 3 values from relu, tanh separated by commas"),
        ("layers=relu,relu,relu,relu", "layers", "a list of 0 to 3 values from relu, tanh separated by commas"),
        ("features=", "features", "a list of 1 to 3 distinct values from x1, x2, x1x2 separated by commas"),
        ("features=x1,x1", "features", "a list of 1 to 3 distinct values from x1, x2, x1x2 separated by commas"),
        ("features=x3", "features", "a list of 1 to 3 distinct values from x1, x2, x1x2 separated by commas"),
    ])
    func invalidValuesNameTheParameterAndTheRange(_ query: String, _ parameter: String, _ expected: String) {
        let e = error { _ = try DemoSettings(schema: sampleSchema, query: query) }
        guard case let .invalidValue(name, expectation, _) = e else {
            Issue.record("\(query): expected an invalid value, got \(String(describing: e))")
            return
        }
        #expect(name == parameter)
        #expect(expectation == expected)
    }

    @Test func queryLevelErrors() {
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "colour=red") } == .unknownParameter("colour", known: sampleSchema.names))
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "points=30&points=40") } == .duplicateParameter("points"))
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "points") } == .malformedQuery("'points' is not name=value"))
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "points=%4") } != nil)
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "points=%zz") } != nil)
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "name=%FF") } == .malformedQuery("the escaped bytes are not UTF-8 text"))
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: "=3") } == .malformedQuery("a value without a name"))
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: String(repeating: "a", count: 9_000)) } != nil)
        #expect(error { _ = try DemoSettings(schema: sampleSchema, query: (0..<300).map { "p\($0)=1" }.joined(separator: "&")) } != nil)
        #expect(error { _ = try DemoSettings(schema: sampleSchema, values: ["residual": .int(1)]) } != nil)
        #expect(error { _ = try DemoSettings(schema: sampleSchema, values: ["hidden": .strings(["a"])]) } != nil)
    }

    @Test func everyKindParsesItsQueryForms() throws {
        let s = try DemoSettings(schema: sampleSchema,
                                 query: "?points=30&learningRate=1e-3&residual=on&activation=relu&hidden=&layers=tanh,tanh&features=x1x2,x1&name=c%26d%3De")
        #expect(s.int("points") == 30)
        #expect(s.double("learningRate") == 0.001)
        #expect(s.bool("residual"))
        #expect(s.string("activation") == "relu")
        #expect(s.ints("hidden") == [])
        #expect(s.strings("layers") == ["tanh", "tanh"])
        #expect(s.strings("features") == ["x1", "x1x2"], "a set comes back in the options' order")
        #expect(s.string("name") == "c&d=e")
        #expect(try DemoSettings(schema: sampleSchema, query: "hidden=+4+,+8").ints("hidden") == [4, 8])
        #expect(try DemoSettings(schema: sampleSchema, query: "points=40.0").int("points") == 40)
        #expect(s.changedFromDefaults == ["points", "learningRate", "residual", "activation", "hidden", "layers", "features", "name"])
    }

    @Test func queriesRoundTrip() throws {
        var generator = RandomGenerator(seed: 11)
        for _ in 0..<200 {
            let values: [String: DemoValue] = [
                "points": .int(Int.random(in: 20...2_000, using: &generator)),
                "learningRate": .double(Double.random(in: 0.00001...10, using: &generator)),
                "residual": .bool(Bool.random(using: &generator)),
                "activation": .string(["relu", "tanh", "sigmoid"].randomElement(using: &generator)!),
                "hidden": .ints((0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 1...8, using: &generator) }),
                "layers": .strings((0..<Int.random(in: 0...3, using: &generator)).map { _ in ["relu", "tanh"].randomElement(using: &generator)! }),
                "features": .strings(["x1", "x2", "x1x2"].filter { _ in Bool.random(using: &generator) }.ifEmpty(["x2"])),
                "name": .string(["a b", "c&d=e", "ü"].randomElement(using: &generator)!),
            ]
            let settings = try DemoSettings(schema: sampleSchema, values: values)
            let again = try DemoSettings(schema: sampleSchema, query: settings.query)
            #expect(again == settings, "\(settings.query)")
            #expect(try DemoSettings(schema: sampleSchema, query: settings.query(includingDefaults: false)) == settings)
        }
        #expect(sampleSchema.defaults.query == "points=500&learningRate=0.03&residual=false&activation=tanh&hidden=4,4&layers=&features=x1,x2&name=a%20b")
        #expect(sampleSchema.defaults.query(includingDefaults: false) == "")
    }

    @Test func settingsAndSchemasTravelAsJSON() throws {
        let settings = try DemoSettings(schema: sampleSchema, query: "hidden=3&learningRate=2&features=x2")
        let json = try JSONEncoder().encode(settings)
        #expect(try DemoSettings(schema: sampleSchema, json: json) == settings)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["hidden"] as? [Int] == [3])
        #expect(object?["learningRate"] as? Double == 2)
        #expect(throws: DemoError.self) { try DemoSettings(schema: sampleSchema, json: Data("[1, 2]".utf8)) }
        #expect(throws: DemoError.self) { try DemoSettings(schema: sampleSchema, json: Data(#"{"points": "many"}"#.utf8)) }
        // Numbers as strings (a form) and integers for numbers are accepted.
        #expect(try DemoSettings(schema: sampleSchema, json: Data(#"{"points": "40", "learningRate": 1}"#.utf8)).int("points") == 40)

        for schema in [sampleSchema] + DemoCatalog.all.map({ $0.schema }) {
            let encoded = try JSONEncoder().encode(schema)
            #expect(try JSONDecoder().decode(DemoSchema.self, from: encoded) == schema)
        }
        let parameter = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(sampleSchema["learningRate"])) as? [String: Any])
        #expect(parameter["kind"] as? String == "number")
        #expect(parameter["default"] as? Double == 0.03)
        #expect(parameter["scale"] as? String == "log")
        #expect(parameter["options"] == nil)
    }

    @Test func numbersInMessagesArePlain() {
        #expect(DemoNumberFormat.plain(0.00001) == "0.00001")
        #expect(DemoNumberFormat.plain(1.5e-7) == "0.00000015")
        #expect(DemoNumberFormat.plain(-0.0025) == "-0.0025")
        #expect(DemoNumberFormat.plain(10) == "10")
        #expect(DemoNumberFormat.plain(0.999) == "0.999")
        #expect(DemoNumberFormat.roundTrip(1e-5) == "1e-05")
    }
}

extension Array {
    func ifEmpty(_ replacement: [Element]) -> [Element] { isEmpty ? replacement : self }
}

@Suite("Snapshot JSON")
struct DemoJSONTests {
    @Test func outputDecodesToTheSameValues() throws {
        let entries = DemoCatalog.entries
        let fast = try DemoJSON.encode(entries)
        #expect(try JSONDecoder().decode([DemoCatalogEntry].self, from: fast) == entries)
        let simulator = try NeuralNetworkSimulator(query: "dataset=spiral&classes=3&hidden=3,3&residual=true")
        try simulator.step(3)
        let snapshot = try simulator.snapshot(DemoSnapshotRequest(resolution: 20, neuronResolution: 5))
        #expect(try JSONDecoder().decode(NeuralNetworkSimulator.Snapshot.self, from: DemoJSON.encode(snapshot)) == snapshot)
        let scene = try simulator.scene()
        #expect(try JSONDecoder().decode(NeuralNetworkSimulator.Scene.self, from: DemoJSON.encode(scene)) == scene)
        let race = try OptimizerRace(query: "surface=saddle&startX=1&startY=0.5")
        try race.step(20)
        let frame = try race.snapshot(.full)
        #expect(try JSONDecoder().decode(OptimizerRace.Snapshot.self, from: DemoJSON.encode(frame)) == frame)
    }

    @Test func stringsAreEscapedAndNonFiniteNumbersRefused() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{7} é ✓"
        let data = try DemoJSON.encode(["k\"ey": text])
        #expect(try JSONDecoder().decode([String: String].self, from: data) == ["k\"ey": text])
        #expect(throws: DemoError.self) { try DemoJSON.encode([Float.nan]) }
        #expect(throws: DemoError.self) { try DemoJSON.encode(["x": Double.infinity]) }
        #expect(String(decoding: try DemoJSON.encode([0.5, 2, -1e-7] as [Double]), as: UTF8.self) == "[0.5,2,-1e-07]")
        struct Sample: Encodable { var a: Int?; var b: [Int]; var c: Bool }
        #expect(String(decoding: try DemoJSON.encode(Sample(a: nil, b: [], c: true)), as: UTF8.self) == #"{"b":[],"c":true}"#)
    }
}
