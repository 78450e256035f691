/// Why a demo refused input. Every value, query, CSV byte and size that reaches a demo from
/// outside is checked, and a problem throws one of these (never a trap); ``description`` is a
/// sentence a page can show as it is.
public enum DemoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No demo has this id.
    case unknownDemo(String, known: [String])
    /// The demo has no parameter of this name.
    case unknownParameter(String, known: [String])
    /// A value outside what the parameter accepts: `learningRate must be in 0.00001...10, got 50`.
    case invalidValue(parameter: String, expected: String, got: String)
    /// A query names the same parameter twice.
    case duplicateParameter(String)
    /// A query that is not `name=value&…` (bad percent-escape, too long, no `=`).
    case malformedQuery(String)
    /// Settings made for another demo's schema.
    case wrongDemo(expected: String, got: String)
    /// The demo has no preset of this id.
    case unknownPreset(String, known: [String])
    /// An uploaded CSV file that cannot be used; `line` is 1-based in the file (counting a
    /// header), `nil` for problems of the whole file (too large, too few rows, one class).
    case invalidCSV(line: Int?, reason: String)
    /// The request cannot be served in the demo's current state (exporting a network that
    /// has no finite weights, say).
    case unavailable(String)

    public var description: String {
        switch self {
        case let .unknownDemo(id, known):
            "there is no demo '\(id)' (known: \(known.joined(separator: ", ")))"
        case let .unknownParameter(name, known):
            "there is no parameter '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .invalidValue(parameter, expected, got):
            "\(parameter) must be \(expected), got \(got)"
        case .duplicateParameter(let name):
            "\(name) is given more than once"
        case .malformedQuery(let why):
            "malformed settings query: \(why)"
        case let .wrongDemo(expected, got):
            "these settings are for the demo '\(got)', not '\(expected)'"
        case let .unknownPreset(id, known):
            "there is no preset '\(id)' (known: \(known.joined(separator: ", ")))"
        case let .invalidCSV(line, reason):
            line.map { "CSV line \($0): \(reason)" } ?? "CSV: \(reason)"
        case .unavailable(let why):
            why
        }
    }

    /// The parameter the error is about, when there is one (for highlighting a control).
    public var parameter: String? {
        switch self {
        case .unknownParameter(let name, _), .duplicateParameter(let name): name
        case .invalidValue(let parameter, _, _): parameter
        default: nil
        }
    }
}
