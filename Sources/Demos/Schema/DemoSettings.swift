import Foundation

/// A validated configuration of one demo: a value for every parameter of its schema, each
/// within what the parameter accepts. Only the throwing initialisers make one, so a demo
/// created from settings never sees a bad value.
///
/// Settings travel as a URL query (``query``, ``init(schema:query:)``): the whole
/// configuration, so a lesson can link a ready setup (`dataset=xor&hidden=&features=x1,x2`).
/// In JSON they are a flat object of parameter name to value (``DemoValue``):
/// `{"dataset": "circle", "hidden": [4, 4], "learningRate": 0.03, …}`.
public struct DemoSettings: Sendable, Equatable {
    public let schema: DemoSchema
    private var values: [String: DemoValue]

    /// Values known to be valid (the schema's defaults).
    init(schema: DemoSchema, validated values: [String: DemoValue]) {
        self.schema = schema
        self.values = values
    }

    /// The defaults overridden by `values`, each validated.
    /// - Throws: ``DemoError/unknownParameter(_:known:)`` or ``DemoError/invalidValue(parameter:expected:got:)``.
    public init(schema: DemoSchema, values: [String: DemoValue] = [:]) throws(DemoError) {
        self = schema.defaults
        for name in values.keys.sorted() {
            try update(name, to: values[name]!)
        }
    }

    /// Settings from a query string (`hidden=4,4&activation=tanh`, a leading `?` allowed);
    /// parameters it does not name keep their defaults.
    /// - Throws: ``DemoError/malformedQuery(_:)``, ``DemoError/duplicateParameter(_:)``,
    ///   ``DemoError/unknownParameter(_:known:)`` or ``DemoError/invalidValue(parameter:expected:got:)``.
    public init(schema: DemoSchema, query: String) throws(DemoError) {
        self = try schema.defaults.applying(query: query)
    }

    /// Settings of the catalog's demo `id` from a query.
    /// - Throws: ``DemoError/unknownDemo(_:known:)`` or what ``init(schema:query:)`` throws.
    public init(demo id: String, query: String) throws(DemoError) {
        try self.init(schema: DemoCatalog.type(id: id).schema, query: query)
    }

    /// Settings from a JSON object of name to value (what a page posts), at most 64 KiB.
    public init(schema: DemoSchema, json: Data) throws(DemoError) {
        guard json.count <= 65_536 else { throw DemoError.malformedQuery("a JSON body of \(json.count) bytes; the limit is 65536") }
        let decoded: [String: DemoValue]
        do {
            decoded = try JSONDecoder().decode([String: DemoValue].self, from: json)
        } catch {
            throw DemoError.malformedQuery("expected a JSON object of parameter names to values")
        }
        try self.init(schema: schema, values: decoded)
    }

    /// The value of `name` (every parameter has one).
    public subscript(name: String) -> DemoValue? { values[name] }

    /// These settings with the parameters a query names replaced.
    public func applying(query: String) throws(DemoError) -> DemoSettings {
        var copy = self
        var seen = Set<String>()
        for (name, text) in try QueryString.pairs(query) {
            guard seen.insert(name).inserted else { throw DemoError.duplicateParameter(name) }
            let parameter = try schema.parameter(name)
            copy.values[name] = try parameter.parse(text)
        }
        return copy
    }

    /// These settings with one parameter changed (validated).
    public func setting(_ name: String, to value: DemoValue) throws(DemoError) -> DemoSettings {
        var copy = self
        try copy.update(name, to: value)
        return copy
    }

    private mutating func update(_ name: String, to value: DemoValue) throws(DemoError) {
        values[name] = try schema.parameter(name).validate(value)
    }

    /// Every parameter as `name=value`, in schema order, percent-encoded.
    public var query: String { query(includingDefaults: true) }

    /// The query; without defaults it names only what differs from them (a shorter link).
    public func query(includingDefaults: Bool) -> String {
        schema.parameters.compactMap { parameter -> String? in
            let value = values[parameter.name] ?? parameter.defaultValue
            if !includingDefaults && value == parameter.defaultValue { return nil }
            return QueryString.encode(parameter.name) + "=" + QueryString.encode(parameter.format(value))
        }.joined(separator: "&")
    }

    /// The parameters whose values differ from the defaults.
    public var changedFromDefaults: [String] {
        schema.parameters.filter { values[$0.name] != $0.defaultValue }.map(\.name)
    }

    // MARK: typed access (settings are validated, so these read the declared kind)

    public func int(_ name: String) -> Int {
        if case .int(let v) = values[name] { return v }
        return 0
    }

    public func double(_ name: String) -> Double {
        values[name]?.number ?? 0
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let v) = values[name] { return v }
        return false
    }

    public func string(_ name: String) -> String {
        if case .string(let v) = values[name] { return v }
        return ""
    }

    public func ints(_ name: String) -> [Int] {
        if case .ints(let v) = values[name] { return v }
        return []
    }

    public func strings(_ name: String) -> [String] {
        if case .strings(let v) = values[name] { return v }
        return []
    }

    public static func == (a: DemoSettings, b: DemoSettings) -> Bool {
        a.schema.demo == b.schema.demo && a.values == b.values
    }
}

extension DemoSettings: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for parameter in schema.parameters {
            try container.encode(values[parameter.name] ?? parameter.defaultValue, forKey: Key(stringValue: parameter.name))
        }
    }
}
