/// `application/x-www-form-urlencoded` queries: splitting, percent-decoding and encoding,
/// with limits so that a pasted address cannot make the demo do much work.
enum QueryString {
    /// The longest query accepted, in bytes.
    static let maximumLength = 8_192
    /// The most `name=value` pairs accepted.
    static let maximumPairs = 200

    /// The decoded `name=value` pairs of `query` in order (a leading `?` and empty pieces,
    /// as in `a=1&&b=2`, are ignored).
    static func pairs(_ query: String) throws(DemoError) -> [(name: String, value: String)] {
        guard query.utf8.count <= maximumLength else {
            throw DemoError.malformedQuery("\(query.utf8.count) bytes, the limit is \(maximumLength)")
        }
        var text = Substring(query)
        if text.hasPrefix("?") { text = text.dropFirst() }
        var result: [(name: String, value: String)] = []
        for piece in text.split(separator: "&") {
            guard result.count < maximumPairs else { throw DemoError.malformedQuery("more than \(maximumPairs) parameters") }
            guard let equals = piece.firstIndex(of: "=") else {
                throw DemoError.malformedQuery("'\(piece.prefix(40))' is not name=value")
            }
            let name = try decode(piece[..<equals]), value = try decode(piece[piece.index(after: equals)...])
            guard !name.isEmpty else { throw DemoError.malformedQuery("a value without a name") }
            result.append((name, value))
        }
        return result
    }

    /// Percent-decodes `text` (`+` is a space).
    static func decode(_ text: Substring) throws(DemoError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw DemoError.malformedQuery("a % must be followed by two hexadecimal digits")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw DemoError.malformedQuery("the escaped bytes are not UTF-8 text")
        }
        return decoded
    }

    /// Percent-encodes everything but letters, digits, `-._~` and `,` (kept for readable lists).
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 15)])
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
