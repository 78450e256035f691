/// A live figure: a named Swift function that computes an SVG from the engine when a lesson
/// page is built. Lessons name it in their front matter; the server caches its output.
public struct FigureFunction: Sendable {
    /// The name lessons use, e.g. `"iris-histogram"`.
    public let name: String
    /// One sentence on what the figure shows (listed by `mlhub lessons figures`).
    public let summary: String
    /// The parameters it accepts and their defaults; anything else is rejected at load time.
    public let parameters: [FigureParameter]
    /// Computes the SVG. Throws `FigureError` for a bad parameter value.
    public let render: @Sendable (FigureArguments) throws -> String

    public init(
        name: String, summary: String, parameters: [FigureParameter] = [],
        render: @escaping @Sendable (FigureArguments) throws -> String
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.render = render
    }
}

/// One declared figure parameter.
public struct FigureParameter: Sendable, Equatable {
    public enum Kind: String, Sendable { case int, double, string, bool }
    public let name: String
    public let kind: Kind
    public let defaultValue: String
    public let help: String

    public init(_ name: String, _ kind: Kind, default defaultValue: String, help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }
}

public struct FigureError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The validated arguments a figure function receives: every declared parameter is present
/// (given or defaulted) and parses as its kind.
public struct FigureArguments: Sendable {
    private let values: [String: String]

    /// Checks `given` against `parameters`: unknown names and values that do not parse as the
    /// parameter's kind throw.
    public init(_ given: [String: String], parameters: [FigureParameter]) throws(FigureError) {
        var values: [String: String] = [:]
        for parameter in parameters { values[parameter.name] = parameter.defaultValue }
        for (name, value) in given {
            guard let parameter = parameters.first(where: { $0.name == name }) else {
                let known = parameters.map(\.name).joined(separator: ", ")
                throw FigureError("unknown parameter '\(name)' (known: \(known.isEmpty ? "none" : known))")
            }
            guard Self.parses(value, as: parameter.kind) else {
                throw FigureError("parameter '\(name)' expects \(parameter.kind.rawValue), got '\(value)'")
            }
            values[name] = value
        }
        self.values = values
    }

    private static func parses(_ value: String, as kind: FigureParameter.Kind) -> Bool {
        switch kind {
        case .int: return Int(value) != nil
        case .double: return Double(value).map { $0.isFinite } ?? false
        case .bool: return value == "true" || value == "false"
        case .string: return true
        }
    }

    public func int(_ name: String) -> Int { values[name].flatMap { Int($0) } ?? 0 }
    public func double(_ name: String) -> Double { values[name].flatMap { Double($0) } ?? 0 }
    public func string(_ name: String) -> String { values[name] ?? "" }
    public func bool(_ name: String) -> Bool { values[name] == "true" }

    /// An int that must lie in `range`; throws a message naming the parameter otherwise.
    public func int(_ name: String, in range: ClosedRange<Int>) throws(FigureError) -> Int {
        let value = int(name)
        guard range.contains(value) else {
            throw FigureError("parameter '\(name)' must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
        return value
    }

    /// A double that must lie in `range`; throws a message naming the parameter otherwise.
    public func double(_ name: String, in range: ClosedRange<Double>) throws(FigureError) -> Double {
        let value = double(name)
        guard range.contains(value) else {
            throw FigureError("parameter '\(name)' must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
        return value
    }

    /// A string that must be one of `choices`.
    public func choice(_ name: String, of choices: [String]) throws(FigureError) -> String {
        let value = string(name)
        guard choices.contains(value) else {
            throw FigureError("parameter '\(name)' must be one of \(choices.joined(separator: ", ")), got '\(value)'")
        }
        return value
    }
}

/// The set of figure functions lessons may name.
public struct FigureRegistry: Sendable {
    public private(set) var functions: [String: FigureFunction] = [:]

    public init(_ functions: [FigureFunction] = []) {
        for function in functions { register(function) }
    }

    public mutating func register(_ function: FigureFunction) {
        precondition(functions[function.name] == nil, "figure function '\(function.name)' registered twice")
        functions[function.name] = function
    }

    public subscript(name: String) -> FigureFunction? { functions[name] }

    /// Every figure the bundled curriculum uses.
    public static let standard = FigureRegistry(StandardFigures.all)
}
