/// A ready setup with commentary: what a lesson links to and a page offers in a menu.
///
/// JSON: `{"id": "linear-xor", "title": "…", "commentary": "…", "query": "dataset=xor&hidden="}`;
/// the query names only what differs from the defaults.
public struct DemoPreset: Sendable, Codable, Equatable {
    /// A stable slug.
    public let id: String
    public let title: String
    /// One paragraph: what to watch for and why it happens.
    public let commentary: String
    /// The settings that differ from the defaults, as a query.
    public let query: String
    /// How many steps show the point of the preset (the command line runs this many by default).
    public let suggestedSteps: Int

    public init(id: String, title: String, commentary: String, query: String, suggestedSteps: Int) {
        self.id = id
        self.title = title
        self.commentary = commentary
        self.query = query
        self.suggestedSteps = suggestedSteps
    }

    /// The defaults of `schema` with the preset's query applied.
    public func settings(for schema: DemoSchema) throws(DemoError) -> DemoSettings {
        try DemoSettings(schema: schema, query: query)
    }
}
