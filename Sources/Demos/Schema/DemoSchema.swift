/// Everything a demo can be configured with: its parameters in display order.
///
/// A page builds its controls from the JSON form; the server and the demo validate input
/// against it (``DemoSettings``):
/// ```json
/// {"demo": "nn-simulator", "title": "Neural Network Simulator", "summary": "…",
///  "parameters": [{"name": "dataset", …}, …]}
/// ```
public struct DemoSchema: Sendable, Codable, Equatable {
    /// The id of the demo the schema belongs to.
    public let demo: String
    public let title: String
    /// One or two sentences on what the demo shows.
    public let summary: String
    public let parameters: [DemoParameter]

    /// - Precondition: parameter names are unique and every default is valid (a programming
    ///   error in the demo's declaration, caught by its tests).
    public init(demo: String, title: String, summary: String, parameters: [DemoParameter]) {
        precondition(Set(parameters.map(\.name)).count == parameters.count, "DemoSchema \(demo): duplicate parameter names")
        self.demo = demo
        self.title = title
        self.summary = summary
        self.parameters = parameters
    }

    /// The parameter called `name`.
    public subscript(name: String) -> DemoParameter? { parameters.first { $0.name == name } }

    /// The parameter names in order.
    public var names: [String] { parameters.map(\.name) }

    /// The parameter called `name`, or ``DemoError/unknownParameter(_:known:)``.
    public func parameter(_ name: String) throws(DemoError) -> DemoParameter {
        guard let parameter = self[name] else { throw DemoError.unknownParameter(name, known: names) }
        return parameter
    }

    /// Every parameter at its default.
    public var defaults: DemoSettings { DemoSettings(schema: self, validated: Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.defaultValue) })) }
}
