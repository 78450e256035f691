/// Arguments that are read as raw text rather than parsed as math (environment names,
/// colours, lengths), and the style switches that restyle the rest of a group.
extension LaTeXParser {
    /// `\displaystyle`, `\color{…}`, `{\bf …}`: consumed here, returning the `mstyle`
    /// attributes for the rest of the list (empty if none are needed), or nil if `name` is not
    /// a switch.
    func parseStyleSwitch(_ name: String) -> [(String, String)]? {
        let styles: [String: (display: Bool, level: String)] = [
            "displaystyle": (true, "0"), "textstyle": (false, "0"),
            "scriptstyle": (false, "1"), "scriptscriptstyle": (false, "2"),
        ]
        if let style = styles[name] {
            advance()
            display = style.display
            return [("displaystyle", style.display ? "true" : "false"), ("scriptlevel", style.level)]
        }
        if name == "color" {
            advance()
            return readColor(for: "\\color").map { [("mathcolor", $0)] } ?? []
        }
        guard let switchedFont = MathSymbols.fontSwitches[name] else { return nil }
        advance()
        font = switchedFont
        return []
    }

    /// The name in `\begin{name}`, or nil when there is no brace. Reading stops at anything
    /// that cannot be part of a name, so a missing `}` does not swallow the formula.
    func readEnvironmentName() -> String? {
        guard nextToken() == .beginGroup else { return nil }
        advance()
        var name = ""
        while let token = peek() {
            switch token.token {
            case .endGroup:
                advance()
                return name
            case .character(let character) where character.isLetter || character.isNumber || character == "*":
                name.append(character)
                advance()
            case .whitespace:
                advance()
            default:
                warn("missing } after environment name \(name)")
                return name
            }
        }
        warn("missing } after environment name \(name)")
        return name
    }

    /// A `{…}` argument as its source text (or a single token's). Used for arguments that are
    /// data, not math.
    func readBracedRaw(for command: String) -> String {
        skipWhitespace()
        guard let first = peek() else {
            warn("missing argument for \(command)")
            return ""
        }
        guard first.token == .beginGroup else {
            if first.token == .endGroup || terminator(of: first.token, in: .group) != nil {
                warn("missing argument for \(command)")
                return ""
            }
            advance()
            return first.source
        }
        advance()
        var raw = "", level = 0
        while let token = advance() {
            if token.token == .beginGroup { level += 1 }
            if token.token == .endGroup {
                if level == 0 { return raw }
                level -= 1
            }
            raw += token.source
        }
        warn("missing } after \(command)")
        return raw
    }

    /// After `\\`: an optional `*` and an extra-space length like `[4pt]`, which is dropped.
    /// A bracket that does not hold a length is row content (`\\ [a, b]`) and is left alone.
    func skipRowOptions() {
        if nextToken() == .character("*") { advance() }
        guard nextToken() == .character("[") else { return }
        let bracket = index
        advance()
        var raw = ""
        while let token = peek(), token.token != .character("]"), raw.count < 24 {
            raw += token.source
            advance()
        }
        if peek()?.token == .character("]"), Self.cssLength(raw) != nil {
            advance()
        } else {
            index = bracket
        }
    }

    /// `{red}`, `[HTML]{FF8800}` or `{#f80}` as a CSS colour; anything else is refused so no
    /// attribute can carry arbitrary text.
    func readColor(for command: String) -> String? {
        var model = ""
        if nextToken() == .character("[") {
            advance()
            while let token = advance(), token.token != .character("]") { model += token.source }
        }
        let raw = readBracedRaw(for: command).filter { !$0.isWhitespace }
        let value = model.lowercased() == "html" ? "#" + raw : raw
        let isHex = value.first == "#" && [4, 7].contains(value.count) && value.dropFirst().allSatisfy(\.isHexDigit)
        let isName = (1...30).contains(value.count) && value.allSatisfy { $0.isASCII && $0.isLetter }
        guard isHex || isName else {
            warn("\(command){\(raw)} is not a supported colour; ignored")
            return nil
        }
        return value
    }

    /// A TeX length as a CSS length (`mu`, 1/18 em, converted), or nil if it is not one.
    static func cssLength(_ raw: String) -> String? {
        let text = raw.filter { !$0.isWhitespace }
        for unit in ["em", "ex", "pt", "px", "mm", "cm", "in", "mu"] where text.hasSuffix(unit) {
            let number = String(text.dropLast(unit.count))
            guard number.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.".contains($0)) }),
                  let value = Double(number), abs(value) < 1000 else { return nil }
            if unit == "mu" { return "\((value / 18 * 10000).rounded() / 10000)em" }
            return number + unit
        }
        return nil
    }
}
