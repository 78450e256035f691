/// Comments, strings and numbers: the tokens that span more than a word.
extension SwiftLexer {
    /// A block comment from `/*`, nested comments included, to its matching `*/` or the end.
    mutating func lexBlockComment() {
        let start = i
        i += 2
        var depth = 1
        while i < s.count && depth > 0 {
            if s[i] == "/" && at(i + 1) == "*" {
                depth += 1
                i += 2
            } else if s[i] == "*" && at(i + 1) == "/" {
                depth -= 1
                i += 2
            } else {
                i += 1
            }
        }
        emit(.comment, from: start, to: i)
    }

    /// A string literal starting at `i` with `hashes` leading `#` (a raw string when nonzero):
    /// `"…"` or `"""…"""`, closed by the quote(s) and as many `#`. Escapes are `\` and the same
    /// number of `#`; an interpolation's code is lexed as code, between two string spans.
    mutating func lexString(hashes: Int) {
        var segment = i
        i += hashes
        let multiline = at(i + 1) == "\"" && at(i + 2) == "\""
        i += multiline ? 3 : 1
        while i < s.count {
            let c = s[i]
            if !multiline && Self.isLineBreak(c) { break }
            if c == "\\" && hashesFollow(at: i + 1, count: hashes) {
                let escaped = i + 1 + hashes
                if at(escaped) == "(" && interpolationDepth < Self.maxInterpolationDepth {
                    i = escaped + 1
                    emit(.string, from: segment, to: i)
                    interpolationDepth += 1
                    lexCode(until: .interpolation(singleLine: !multiline))
                    interpolationDepth -= 1
                    segment = i
                    if at(i) == ")" { i += 1 }
                    continue
                }
                i = escaped
                // The escaped character, unless it is the line break ending a single-line string.
                if let d = at(i), multiline || !Self.isLineBreak(d) { i += 1 }
                continue
            }
            if c == "\"" {
                if !multiline && hashesFollow(at: i + 1, count: hashes) {
                    i += 1 + hashes
                    emit(.string, from: segment, to: i)
                    return
                }
                if multiline && at(i + 1) == "\"" && at(i + 2) == "\"" && hashesFollow(at: i + 3, count: hashes) {
                    i += 3 + hashes
                    emit(.string, from: segment, to: i)
                    return
                }
            }
            i += 1
        }
        emit(.string, from: segment, to: i)
    }

    func hashesFollow(at index: Int, count: Int) -> Bool {
        guard index + count <= s.count else { return false }
        return s[index..<(index + count)].allSatisfy { $0 == "#" }
    }

    /// An integer or floating-point literal: decimal with `_`, fraction and `e` exponent, or
    /// `0x` (with hexadecimal fraction and `p` exponent), `0o`, `0b`.
    mutating func lexNumber() {
        let start = i
        func isDigit(_ c: Unicode.Scalar?, radix: Int) -> Bool {
            guard let c else { return false }
            if c == "_" { return true }
            switch radix {
            case 2: return c == "0" || c == "1"
            case 8: return ("0"..."7").contains(c)
            case 16: return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
            default: return ("0"..."9").contains(c)
            }
        }
        func isDecimal(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        /// Consumes an exponent marked by one of `markers` if digits follow it.
        func exponent(_ markers: Set<Unicode.Scalar>, _ i: inout Int) -> Bool {
            guard let m = at(i), markers.contains(m) else { return false }
            let sign = at(i + 1) == "+" || at(i + 1) == "-" ? 1 : 0
            guard isDecimal(at(i + 1 + sign)) else { return false }
            i += 1 + sign
            while isDigit(at(i), radix: 10) { i += 1 }
            return true
        }
        let prefixes: [Unicode.Scalar: Int] = ["x": 16, "o": 8, "b": 2]
        if s[i] == "0", let marker = at(i + 1), let radix = prefixes[marker] {
            i += 2
            while isDigit(at(i), radix: radix) { i += 1 }
            if radix == 16 {
                // A hexadecimal fraction only counts with a `p` exponent (`0xFF.description` is a member).
                var j = i
                if at(j) == ".", isDigit(at(j + 1), radix: 16), at(j + 1) != "_" {
                    j += 1
                    while isDigit(at(j), radix: 16) { j += 1 }
                }
                if exponent(["p", "P"], &j) { i = j }
            }
        } else {
            while isDigit(at(i), radix: 10) { i += 1 }
            if at(i) == ".", isDecimal(at(i + 1)) {
                i += 1
                while isDigit(at(i), radix: 10) { i += 1 }
            }
            var j = i
            if exponent(["e", "E"], &j) { i = j }
        }
        emit(.number, from: start, to: i)
    }
}
