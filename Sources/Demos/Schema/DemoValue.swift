import Foundation

/// One parameter value of a demo: what a control on the page sends and a settings query holds.
///
/// In JSON a value is the plain JSON value: `4`, `0.03`, `true`, `"tanh"`, `[4, 4]`,
/// `["x1", "x2"]`. Decoding cannot tell an integer list from an empty string list, nor `2`
/// from `2.0`; validating against the parameter (``DemoParameter/validate(_:)``) settles that.
public enum DemoValue: Sendable, Hashable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case ints([Int])
    case strings([String])

    /// The value as the user typed or would read it (no percent-encoding): `4,4`, `0.03`, `tanh`.
    public var text: String {
        switch self {
        case .int(let v): String(v)
        case .double(let v): DemoNumberFormat.roundTrip(v)
        case .bool(let v): v ? "true" : "false"
        case .string(let v): v
        case .ints(let v): v.map(String.init).joined(separator: ",")
        case .strings(let v): v.joined(separator: ",")
        }
    }

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        default: nil
        }
    }
}

extension DemoValue {
    /// The same value in the case `kind` uses, where JSON could not tell (`2` for a number is
    /// `.double(2)`, `[]` for a string list is `.strings([])`).
    func normalized(for kind: DemoParameter.Kind) -> DemoValue {
        switch (kind, self) {
        case (.number, .int(let v)): .double(Double(v))
        case (.choiceList, .ints(let v)), (.choiceSet, .ints(let v)): v.isEmpty ? .strings([]) : self
        case (.intList, .strings(let v)): v.isEmpty ? .ints([]) : self
        default: self
        }
    }
}

extension DemoValue: CustomStringConvertible {
    public var description: String { text }
}

extension DemoValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Bool.self) {
            self = .bool(v)
        } else if let v = try? container.decode(Int.self) {
            self = .int(v)
        } else if let v = try? container.decode(Double.self) {
            self = .double(v)
        } else if let v = try? container.decode(String.self) {
            self = .string(v)
        } else if let v = try? container.decode([Int].self) {
            self = .ints(v)
        } else if let v = try? container.decode([String].self) {
            self = .strings(v)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a demo value is a number, a boolean, a string, or a list of integers or strings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v.isFinite ? v : 0)
        case .bool(let v): try container.encode(v)
        case .string(let v): try container.encode(v)
        case .ints(let v): try container.encode(v)
        case .strings(let v): try container.encode(v)
        }
    }
}

extension DemoValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}

/// Number formatting for queries and messages.
enum DemoNumberFormat {
    /// The shortest text that reads back as the same `Double` (`0.03`, `1e-05`).
    static func roundTrip(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Plain decimal text for messages: `0.00001`, `10`, `0.5` (exponent form only for very
    /// large or small magnitudes).
    static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
        let magnitude = Swift.abs(x)
        guard magnitude >= 1e-9, magnitude < 1e15 else { return "\(x)" }
        let short = "\(x)"
        let parts = short.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]), exponent < 0 else { return short }
        let digits = parts[0].filter { $0 != "." && $0 != "-" }
        return (x < 0 ? "-" : "") + "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
}
