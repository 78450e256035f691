/// Swift source as HTML for the inside of a `<pre><code>` element: every character of the input
/// appears exactly once, escaped, and tokens are wrapped in `<span class="tok-…">` elements.
///
/// The classes are `tok-keyword`, `tok-type` (capitalised identifiers), `tok-string` (the
/// delimiters and literal text of a string; the code inside an interpolation `\(…)` is
/// highlighted as code between two string spans), `tok-number`, `tok-comment`, `tok-attribute`
/// (`@MainActor`, and freestanding macros such as `#expect`), `tok-function` (an identifier
/// followed directly by `(`, or the name after `func`) and `tok-operator`. Spans never nest.
///
/// The lexer is forgiving: it never traps, an unterminated block comment or multi-line string
/// runs to the end of the input, and an unterminated single-line string ends at its line's end
/// (as the compiler sees it).
public enum SwiftHighlighter {
    public static func html(_ code: String) -> String {
        var lexer = SwiftLexer(Array(code.unicodeScalars))
        lexer.lexCode(until: .endOfInput)
        return lexer.output
    }
}

/// The token classes, named as in the CSS (`tok-` and the raw value).
enum SwiftTokenKind: String, CaseIterable {
    case keyword, type, string, number, comment, attribute, function
    case `operator`
}

enum SwiftKeywords {
    /// Keywords wherever they stand (except after `.` and as argument labels).
    static let reserved: Set<String> = [
        // Declarations.
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var",
        // Statements.
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        // Expressions and types.
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
    ]

    /// Contextual keywords: keywords unless called like a function (`open(url)`, `any(…)`).
    static let contextual: Set<String> = [
        "actor", "any", "async", "borrowing", "consume", "consuming", "convenience", "didSet", "dynamic",
        "final", "get", "indirect", "infix", "isolated", "lazy", "macro", "mutating", "nonisolated",
        "nonmutating", "open", "optional", "override", "package", "postfix", "prefix", "required",
        "sending", "set", "some", "unowned", "weak", "willSet",
    ]

    /// Members after `.` that stay keywords (`.self`, `.init`, `.Type`).
    static let afterDot: Set<String> = ["self", "init", "Type", "Protocol"]

    /// `#` words that are compiler directives rather than macros.
    static let directives: Set<String> = [
        "if", "else", "elseif", "endif", "available", "unavailable", "sourceLocation", "warning", "error",
        "selector", "keyPath", "colorLiteral", "fileLiteral", "imageLiteral",
    ]
}

/// A scanner over the input's Unicode scalars that appends HTML to `output` as it goes.
/// Interpolations recurse (`lexString` → `lexCode`) up to `maxInterpolationDepth`; deeper
/// `\(` are left as string text so that no input can exhaust the stack.
struct SwiftLexer {
    enum Stop: Equatable {
        case endOfInput
        /// The code of an interpolation: ends before its unbalanced `)`, and for a single-line
        /// string also before a line break.
        case interpolation(singleLine: Bool)
    }

    /// What the previous significant token was, for the few context-dependent choices.
    enum Previous { case other, dot, funcKeyword, openOrComma }

    static let maxInterpolationDepth = 8
    static let operatorCharacters: Set<Unicode.Scalar> = ["+", "-", "*", "/", "%", "=", "<", ">", "!", "&", "|", "^", "~", "?"]

    let s: [Unicode.Scalar]
    var i = 0
    var output = ""
    var interpolationDepth = 0

    init(_ scalars: [Unicode.Scalar]) {
        s = scalars
        output.reserveCapacity(scalars.count * 2)
    }

    func at(_ index: Int) -> Unicode.Scalar? { index < s.count ? s[index] : nil }

    mutating func emit(_ kind: SwiftTokenKind?, from start: Int, to end: Int) {
        guard start < end else { return }
        var text = ""
        text.unicodeScalars.append(contentsOf: s[start..<end])
        if let kind {
            output += "<span class=\"tok-\(kind.rawValue)\">" + text.htmlEscaped + "</span>"
        } else {
            output += text.htmlEscaped
        }
    }

    mutating func lexCode(until stop: Stop) {
        var brackets: [Unicode.Scalar] = []
        var previous = Previous.other
        while i < s.count {
            let c = s[i]
            let start = i
            if case .interpolation(let singleLine) = stop {
                if c == ")" && brackets.isEmpty { return }
                if singleLine && Self.isLineBreak(c) { return }
            }
            if Self.isLineBreak(c) {
                i += 1
                emit(nil, from: start, to: i)
            } else if c.properties.isWhitespace {
                while let d = at(i), d.properties.isWhitespace, !Self.isLineBreak(d) { i += 1 }
                emit(nil, from: start, to: i)
            } else if c == "/" && at(i + 1) == "/" {
                while let d = at(i), !Self.isLineBreak(d) { i += 1 }
                emit(.comment, from: start, to: i)
            } else if c == "/" && at(i + 1) == "*" {
                lexBlockComment()
            } else if c == "\"" || c == "#" {
                var hashes = 0
                while at(i + hashes) == "#" { hashes += 1 }
                if at(i + hashes) == "\"" {
                    lexString(hashes: hashes)
                    previous = .other
                } else if hashes == 1, let d = at(i + 1), Self.isIdentifierStart(d) {
                    i += 1
                    let word = scanIdentifier()
                    emit(SwiftKeywords.directives.contains(word) ? .keyword : .attribute, from: start, to: i)
                    previous = .other
                } else {
                    i += hashes
                    emit(nil, from: start, to: i)
                    previous = .other
                }
            } else if c == "@", let d = at(i + 1), Self.isIdentifierStart(d) {
                i += 1
                _ = scanIdentifier()
                emit(.attribute, from: start, to: i)
                previous = .other
            } else if ("0"..."9").contains(c) {
                lexNumber()
                previous = .other
            } else if Self.isIdentifierStart(c) {
                let word = scanIdentifier()
                let kind = classify(word, previous: previous, insideCall: brackets.last == "(" || brackets.last == "[")
                emit(kind, from: start, to: i)
                previous = word == "func" && kind == .keyword ? .funcKeyword : .other
            } else if c == "$" {
                i += 1
                while let d = at(i), Self.isIdentifierContinue(d) { i += 1 }
                emit(nil, from: start, to: i)
                previous = .other
            } else if c == "`" {
                i += 1
                while let d = at(i), Self.isIdentifierContinue(d) { i += 1 }
                if at(i) == "`" && i > start + 1 { i += 1 } else { i = start + 1 }
                emit(nil, from: start, to: i)
                previous = .other
            } else if Self.operatorCharacters.contains(c) || (c == "." && at(i + 1) == ".") {
                let dotted = c == "."
                while let d = at(i), Self.operatorCharacters.contains(d) || (dotted && d == ".") {
                    if d == "/" && i > start && (at(i + 1) == "/" || at(i + 1) == "*") { break }
                    i += 1
                }
                emit(.operator, from: start, to: i)
                previous = .other
            } else {
                i += 1
                emit(nil, from: start, to: i)
                switch c {
                case "(", "[", "{": brackets.append(c); previous = c == "{" ? .other : .openOrComma
                case ")", "]", "}": _ = brackets.popLast(); previous = .other
                case ",": previous = .openOrComma
                case ".": previous = .dot
                default: previous = .other
                }
            }
        }
    }

    func classify(_ word: String, previous: Previous, insideCall: Bool) -> SwiftTokenKind? {
        let calls = at(i) == "("
        let capitalised = word.unicodeScalars.first?.properties.isUppercase ?? false
        switch previous {
        case .dot:
            if SwiftKeywords.afterDot.contains(word) { return .keyword }
            return capitalised ? .type : calls ? .function : nil
        case .funcKeyword:
            return .function
        case .openOrComma where insideCall && word != "_" && isArgumentLabel():
            return capitalised ? .type : nil
        default:
            if SwiftKeywords.reserved.contains(word) { return .keyword }
            if capitalised { return .type }
            if calls { return .function }
            if SwiftKeywords.contextual.contains(word) { return .keyword }
            return nil
        }
    }

    /// Whether the identifier just scanned is an argument label: followed by `:` (a call), or by
    /// a parameter name and `:` (a declaration), as in `f(in: x)` or `func f(for x: Int)`.
    func isArgumentLabel() -> Bool {
        var j = i
        func skipSpaces() { while let d = at(j), d == " " || d == "\t" { j += 1 } }
        skipSpaces()
        if at(j) == ":" { return at(j + 1) != ":" }
        guard let d = at(j), Self.isIdentifierStart(d) else { return false }
        while let e = at(j), Self.isIdentifierContinue(e) { j += 1 }
        skipSpaces()
        return at(j) == ":"
    }

    static func isLineBreak(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isXIDStart }

    static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool { c.properties.isXIDContinue }

    mutating func scanIdentifier() -> String {
        let start = i
        i += 1
        while let d = at(i), Self.isIdentifierContinue(d) { i += 1 }
        var word = ""
        word.unicodeScalars.append(contentsOf: s[start..<i])
        return word
    }
}
