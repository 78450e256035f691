/// `\left … \middle … \right` and the fixed sizes of `\big` and friends.
extension LaTeXParser {
    /// The delimiters stretch to the height of what they enclose: MathML stretches an `<mo>`
    /// to its `<mrow>`. A missing `\right` is supplied at the end of the enclosing group.
    func parseLeftRight() -> Atom {
        let open = parseDelimiter(after: "\\left")
        var nodes: [MathNode] = open.isEmpty ? [] : [fence(open, form: "prefix")]
        var close = ""
        openLefts += 1
        while true {
            let (inner, end) = parseList(.left)
            nodes += inner
            if end == .middle {
                advance()
                let middle = parseDelimiter(after: "\\middle")
                if !middle.isEmpty { nodes.append(fence(middle, form: "infix")) }
                continue
            }
            if end == .right {
                advance()
                close = parseDelimiter(after: "\\right")
            } else {
                warn("\\left without matching \\right")
            }
            break
        }
        openLefts -= 1
        if !close.isEmpty { nodes.append(fence(close, form: "postfix")) }
        return Atom(node: .element("mrow", nodes), kind: .inner)
    }

    func fence(_ delimiter: String, form: String) -> MathNode {
        .mo(delimiter, [("fence", "true"), ("form", form), ("stretchy", "true"), ("symmetric", "true")])
    }

    /// The delimiter after `\left`, `\right`, `\middle` or `\big`: "" for `.` (none). Anything
    /// else is left for the caller to parse as ordinary input.
    func parseDelimiter(after command: String) -> String {
        switch nextToken() {
        case .character(let character)?:
            if let delimiter = MathSymbols.delimiterCharacters[character] {
                advance()
                return delimiter
            }
        case .command(let name)?:
            if let delimiter = MathSymbols.delimiterCommands[name] {
                advance()
                return delimiter
            }
        default:
            break
        }
        warn("missing or invalid delimiter after \(command)")
        return ""
    }

    /// `\big(`, `\Bigl[`, `\biggr\}`, `\bigm|`: a delimiter at a fixed size. The suffix says
    /// how it spaces: l opens, r closes, m is a relation, none is ordinary.
    func parseBigDelimiter(_ name: String, source: String) -> Atom? {
        let suffix = name.last.flatMap { "lrm".contains($0) ? $0 : nil }
        let sizeName = suffix == nil ? name : String(name.dropLast())
        guard let size = MathSymbols.bigSizes[sizeName] else { return nil }
        let delimiter = parseDelimiter(after: source)
        guard !delimiter.isEmpty else { return .nothing }

        var attributes = [("minsize", size), ("maxsize", size), ("stretchy", "true"), ("symmetric", "true")]
        let kind: AtomKind
        switch suffix {
        case "l"?: kind = .open; attributes.append(("form", "prefix"))
        case "r"?: kind = .close; attributes.append(("form", "postfix"))
        case "m"?: kind = .rel; attributes += [("lspace", "0.2778em"), ("rspace", "0.2778em")]
        default: kind = .ord; attributes += [("lspace", "0em"), ("rspace", "0em")]
        }
        return Atom(node: .mo(delimiter, attributes), kind: kind)
    }
}
