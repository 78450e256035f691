/// The demos this module provides, by id.
public enum DemoCatalog {
    /// Every demo type, in menu order.
    public static var all: [any Demo.Type] { [NeuralNetworkSimulator.self, OptimizerRace.self] }

    /// Every demo id.
    public static var ids: [String] { all.map { $0.id } }

    /// The demo type with this id.
    /// - Throws: ``DemoError/unknownDemo(_:known:)``.
    public static func type(id: String) throws(DemoError) -> any Demo.Type {
        guard let type = all.first(where: { $0.id == id }) else { throw DemoError.unknownDemo(id, known: ids) }
        return type
    }

    /// A new demo `id` with `settings` (the defaults when `nil`).
    public static func make(id: String, settings: DemoSettings? = nil) throws(DemoError) -> any Demo {
        let type = try type(id: id)
        return try type.init(settings: settings ?? type.schema.defaults)
    }

    /// A new demo `id` with the defaults overridden by `query`.
    public static func make(id: String, query: String) throws(DemoError) -> any Demo {
        let type = try type(id: id)
        return try type.init(settings: DemoSettings(schema: type.schema, query: query))
    }

    /// What a page lists: id, schema and presets of every demo.
    public static var entries: [DemoCatalogEntry] {
        all.map { DemoCatalogEntry(id: $0.id, schema: $0.schema, presets: $0.presets) }
    }
}

/// One demo as the catalog lists it:
/// `{"id": "nn-simulator", "schema": {…}, "presets": [{…}, …]}`.
public struct DemoCatalogEntry: Sendable, Codable, Equatable {
    public let id: String
    public let schema: DemoSchema
    public let presets: [DemoPreset]
}
