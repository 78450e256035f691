import Foundation

/// JSON for snapshots, scenes and schemas: compact, keys in declaration order, and fast for
/// the long number arrays of surfaces and paths (about six times Foundation's `JSONEncoder`
/// on a full simulator frame, which is mostly grids). The output is plain JSON that any
/// decoder reads (`JSONDecoder` gives back the same values).
public enum DemoJSON {
    /// Encodes `value`. Non-finite numbers throw (snapshots never hold them).
    public static func encode<T: Encodable>(_ value: T) throws(DemoError) -> Data {
        do {
            var out = ""
            out.reserveCapacity(4_096)
            try JSONTree.node(for: value, path: []).write(to: &out)
            return Data(out.utf8)
        } catch {
            throw DemoError.unavailable("could not encode as JSON: \(error)")
        }
    }
}

/// A JSON value being built; objects and arrays are reference types so that containers can
/// fill them as `encode(to:)` runs.
enum JSONTree {
    case raw(String)
    case object(ObjectBox)
    case array(ArrayBox)
    case deferred(TreeEncoder)

    final class ObjectBox {
        var entries: [(String, JSONTree)] = []
    }

    final class ArrayBox {
        var items: [JSONTree] = []
    }

    /// The tree of `value`, with number and string arrays rendered straight to text.
    static func node<T: Encodable>(for value: T, path: [any CodingKey]) throws -> JSONTree {
        switch value {
        case let v as [Float]: return .raw(try render(v))
        case let v as [Double]: return .raw(try render(v))
        case let v as [Int]: return .raw("[" + v.map(String.init).joined(separator: ",") + "]")
        case let v as [UInt8]: return .raw("[" + v.map(String.init).joined(separator: ",") + "]")
        case let v as String: return .raw(quoted(v))
        case let v as Double: return .raw(try number(v, path))
        case let v as Float: return .raw(try number(v, path))
        case let v as Int: return .raw(String(v))
        case let v as Bool: return .raw(v ? "true" : "false")
        default:
            let encoder = TreeEncoder(codingPath: path)
            try value.encode(to: encoder)
            return encoder.result ?? .raw("{}")
        }
    }

    func write(to out: inout String) throws {
        switch self {
        case .raw(let text): out += text
        case .object(let box):
            out += "{"
            for (index, (key, value)) in box.entries.enumerated() {
                if index > 0 { out += "," }
                out += JSONTree.quoted(key)
                out += ":"
                try value.write(to: &out)
            }
            out += "}"
        case .array(let box):
            out += "["
            for (index, item) in box.items.enumerated() {
                if index > 0 { out += "," }
                try item.write(to: &out)
            }
            out += "]"
        case .deferred(let encoder):
            try (encoder.result ?? .raw("{}")).write(to: &out)
        }
    }

    static func render<F: BinaryFloatingPoint & LosslessStringConvertible>(_ values: [F]) throws -> String {
        var out = "["
        out.reserveCapacity(values.count * 8 + 2)
        for (index, v) in values.enumerated() {
            if index > 0 { out += "," }
            out += try number(v, [])
        }
        return out + "]"
    }

    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ v: F, _ path: [any CodingKey]) throws -> String {
        guard v.isFinite else {
            throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "\(v) is not a JSON number"))
        }
        if v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int64(v)) }
        return v.description
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// An `Encoder` that builds a ``JSONTree``.
final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var result: JSONTree?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONTree.ObjectBox
        if case .object(let existing) = result {
            box = existing
        } else {
            box = JSONTree.ObjectBox()
            result = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSONTree.ArrayBox
        if case .array(let existing) = result {
            box = existing
        } else {
            box = JSONTree.ArrayBox()
            result = .array(box)
        }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: JSONTree.ObjectBox
        let codingPath: [any CodingKey]

        private func set(_ node: JSONTree, _ key: Key) {
            if let index = box.entries.firstIndex(where: { $0.0 == key.stringValue }) {
                box.entries[index].1 = node
            } else {
                box.entries.append((key.stringValue, node))
            }
        }

        mutating func encodeNil(forKey key: Key) throws { set(.raw("null"), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            set(try JSONTree.node(for: value, path: codingPath + [key]), key)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = JSONTree.ObjectBox()
            set(.object(nested), key)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = JSONTree.ArrayBox()
            set(.array(nested), key)
            return UnkeyedContainer(box: nested, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let encoder = TreeEncoder(codingPath: codingPath + [key])
            set(.deferred(encoder), key)
            return encoder
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: JSONTree.ArrayBox
        let codingPath: [any CodingKey]
        var count: Int { box.items.count }

        private struct Index: CodingKey {
            var stringValue: String { String(intValue ?? 0) }
            var intValue: Int?
            init(_ i: Int) { intValue = i }
            init?(stringValue: String) { nil }
            init?(intValue: Int) { self.intValue = intValue }
        }

        mutating func encodeNil() throws { box.items.append(.raw("null")) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try JSONTree.node(for: value, path: codingPath + [Index(count)]))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = JSONTree.ObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [Index(count - 1)]))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = JSONTree.ArrayBox()
            box.items.append(.array(nested))
            return UnkeyedContainer(box: nested, codingPath: codingPath + [Index(count - 1)])
        }
        mutating func superEncoder() -> any Encoder {
            let encoder = TreeEncoder(codingPath: codingPath + [Index(count)])
            box.items.append(.deferred(encoder))
            return encoder
        }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.result = .raw("null") }
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.result = try JSONTree.node(for: value, path: codingPath)
        }
    }
}
