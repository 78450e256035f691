/// Commands with arguments: fractions, roots, accents, fonts, operator names and the rest.
extension LaTeXParser {
    /// Dispatches a control sequence whose token has been consumed.
    func parseCommand(_ name: String, source: String) -> Atom {
        if name == "arg" { return parseArg() }
        if let symbol = MathSymbols.symbols[name] { return symbolAtom(symbol) }
        if let function = MathSymbols.functions[name] {
            return Atom(node: .mi(function.text), kind: .function, limits: function.limits)
        }
        if let width = MathSymbols.spaces[name] { return Atom(node: .mspace(width), kind: .space) }
        if let accent = MathSymbols.accents[name] {
            let base = parseArgument(for: source).node
            let mark = MathNode.mo(accent.mark, [("stretchy", accent.stretchy ? "true" : "false")])
            return .ord(accent.under
                ? .element("munder", [base, mark], [("accentunder", "true")])
                : .element("mover", [base, mark], [("accent", "true")]))
        }
        if let font = MathSymbols.fonts[name] { return withFont(font) { parseArgument(for: source) } }
        if let styles = Self.textStyles[name] { return .ord(.row(parseText(for: source, styles: styles))) }
        if let big = parseBigDelimiter(name, source: source) { return big }

        switch name {
        case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
            return parseFraction(name, source: source)
        case "sqrt":
            return parseRoot()
        case "left":
            return parseLeftRight()
        case "begin":
            return parseEnvironment()
        case "operatorname":
            var limits = Limits.never
            if nextToken() == .character("*") { advance(); limits = .display }
            let argument = withFont(.upright) { parseArgument(for: source) }
            return Atom(node: operatorName(argument.node), kind: .function, limits: limits)
        case "mathop", "mathrel", "mathbin", "mathord", "mathopen", "mathclose", "mathpunct", "mathinner":
            let kinds: [String: AtomKind] = [
                "mathop": .op, "mathrel": .rel, "mathbin": .bin, "mathopen": .open,
                "mathclose": .close, "mathpunct": .punct, "mathinner": .inner,
            ]
            let kind = kinds[name] ?? .ord
            return Atom(node: parseArgument(for: source).node, kind: kind, limits: kind == .op ? .display : .never)
        case "overline", "underline":
            // A border rather than a stretched ‾ or _: math fonts such as Latin Modern Math have
            // no wide variants of those, so Chromium would draw a short bar.
            let base = parseArgument(for: source).node
            let style = name == "overline" ? "border-top:0.065em solid;padding-top:0.1em" : "border-bottom:0.065em solid;padding-bottom:0.1em"
            return .ord(.element("mrow", [base], [("style", style)]))
        case "underbrace", "overbrace":
            let base = parseArgument(for: source).node
            let under = name == "underbrace"
            let brace = MathNode.mo(under ? "⏟" : "⏞", [("stretchy", "true")])
            return Atom(node: .element(under ? "munder" : "mover", [base, brace]), kind: .ord, limits: .always)
        case "overset", "underset", "stackrel":
            let script = withDisplay(false) { parseArgument(for: source) }.node
            let base = parseArgument(for: source)
            let tag = name == "underset" ? "munder" : "mover"
            return Atom(node: .element(tag, [base.node, script]), kind: name == "stackrel" ? .rel : base.kind)
        case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xmapsto":
            return parseExtensibleArrow(name, source: source)
        case "not":
            return parseNegation(source: source)
        case "phantom", "hphantom", "vphantom":
            let phantom = MathNode.element("mphantom", [parseArgument(for: source).node])
            switch name {
            case "hphantom": return .ord(.element("mpadded", [phantom], [("height", "0em"), ("depth", "0em")]))
            case "vphantom": return .ord(.element("mpadded", [phantom], [("width", "0em")]))
            default: return .ord(phantom)
            }
        case "boxed":
            let content = parseArgument(for: source).node
            return .ord(.element("mrow", [content], [("style", "border: 0.06em solid; padding: 0.2em 0.3em")]))
        case "textcolor":
            let color = readColor(for: source)
            let content = parseArgument(for: source)
            guard let color else { return content }
            return Atom(node: .element("mstyle", [content.node], [("mathcolor", color)]), kind: content.kind)
        case "hspace", "mspace":
            if nextToken() == .character("*") { advance() }
            let raw = readBracedRaw(for: source)
            guard let width = Self.cssLength(raw) else {
                warn("\(source){\(raw)} is not a length; ignored")
                return .nothing
            }
            return Atom(node: .mspace(width), kind: .space)
        case "bmod":
            return Atom(node: .mo("mod", [("lspace", "0.2222em"), ("rspace", "0.2222em")]), kind: .bin)
        case "pmod":
            let argument = parseArgument(for: source).node
            return .ord(.element("mrow", [
                .mspace("1em"), .mo("(", [("stretchy", "false")]), .mi("mod"), .mspace("0.3333em"),
                argument, .mo(")", [("stretchy", "false")]),
            ]))
        case "nonumber", "notag", "hline", "hdashline":
            return .nothing
        case "label":
            _ = readBracedRaw(for: source)
            return .nothing
        case "tag":
            if nextToken() == .character("*") { advance() }
            _ = readBracedRaw(for: source)
            warn("\\tag is ignored: equation numbers are not rendered")
            return .nothing
        case "limits", "nolimits":
            warn("\(source) is only allowed after an operator")
            return .nothing
        case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "color":
            warn("\(source) as an argument does nothing; put it inside braces")
            return .nothing
        case "":
            warn("a lone \\ at the end")
            return .ord(.error("\\"))
        default:
            if MathSymbols.fontSwitches[name] != nil {
                warn("\(source) as an argument does nothing; put it inside braces")
                return .nothing
            }
            warn("unknown command \(source)")
            return .ord(.error(source))
        }
    }

    /// `\text` and friends, with the CSS that styles them: `mathvariant` is gone from MathML
    /// Core, and for words a real bold or italic face reads better than math letters.
    static let textStyles: [String: [String]] = [
        "text": [], "textrm": [], "textnormal": [], "mbox": [], "hbox": [],
        "textup": ["font-style:normal"], "textbf": ["font-weight:bold"],
        "textit": ["font-style:italic"], "emph": ["font-style:italic"], "textsl": ["font-style:italic"],
        "texttt": ["font-family:monospace"], "textsf": ["font-family:sans-serif"],
    ]

    /// `\arg\max` and `\arg\min` are one operator (with limits), not two functions.
    private func parseArg() -> Atom {
        if case .command(let next)? = nextToken(), next == "max" || next == "min" {
            advance()
            return Atom(node: .mi("arg\u{2009}" + next), kind: .function, limits: .display)
        }
        return Atom(node: .mi("arg"), kind: .function)
    }

    /// `\dfrac` and `\tfrac` force the fraction's own style; its parts are always one style
    /// smaller, which MathML Core's `mfrac` does by itself.
    private func parseFraction(_ name: String, source: String) -> Atom {
        let numerator = withDisplay(false) { parseArgument(for: source) }.node
        let denominator = withDisplay(false) { parseArgument(for: source) }.node
        var node: MathNode
        if name.hasSuffix("binom") {
            let fraction = MathNode.element("mfrac", [numerator, denominator], [("linethickness", "0")])
            let fence = [("fence", "true"), ("stretchy", "true"), ("symmetric", "true")]
            node = .element("mrow", [.mo("(", fence + [("form", "prefix")]), fraction, .mo(")", fence + [("form", "postfix")])])
        } else {
            node = .element("mfrac", [numerator, denominator])
        }
        if name.hasPrefix("d") || name == "cfrac" {
            node = .element("mstyle", [node], [("displaystyle", "true"), ("scriptlevel", "0")])
        } else if name.hasPrefix("t") {
            node = .element("mstyle", [node], [("displaystyle", "false"), ("scriptlevel", "0")])
        }
        return Atom(node: node, kind: .inner)
    }

    private func parseRoot() -> Atom {
        guard nextToken() == .character("[") else {
            return .ord(.element("msqrt", [parseArgument(for: "\\sqrt").node]))
        }
        advance()
        let (degree, end) = withDisplay(false) { parseList(.optionalArgument) }
        if end == .closeBracket { advance() } else { warn("missing ] after \\sqrt[") }
        let radicand = parseArgument(for: "\\sqrt").node
        return .ord(.element("mroot", [radicand, .row(degree)]))
    }

    /// `\operatorname{arg\,max}` as one `<mi>`, so it reads and spaces as a single name.
    private func operatorName(_ node: MathNode) -> MathNode {
        let parts = node.tag == "mrow" ? node.children : [node]
        var text = ""
        for part in parts {
            if part.tag == "mspace" {
                text += "\u{2009}"
            } else if let partText = part.text, ["mi", "mn", "mo", "mtext"].contains(part.tag) {
                text += partText
            } else {
                return node
            }
        }
        if text.isEmpty { return node }
        return .mi(text, text.count == 1 ? [("mathvariant", "normal")] : [])
    }

    /// `\xrightarrow[below]{above}`: an arrow that stretches to its labels.
    private func parseExtensibleArrow(_ name: String, source: String) -> Atom {
        var below: MathNode?
        if nextToken() == .character("[") {
            advance()
            let (nodes, end) = withDisplay(false) { parseList(.optionalArgument) }
            if end == .closeBracket { advance() } else { warn("missing ] after \(source)[") }
            below = .row(nodes)
        }
        let above = withDisplay(false) { parseArgument(for: source) }.node
        let arrows = ["xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐", "xmapsto": "↦"]
        let arrow = MathNode.mo(arrows[name] ?? "→", [("stretchy", "true")])
        func padded(_ label: MathNode) -> MathNode { .element("mrow", [.mspace("0.3em"), label, .mspace("0.3em")]) }
        let node: MathNode = below.map { .element("munderover", [arrow, padded($0), padded(above)]) }
            ?? .element("mover", [arrow, padded(above)])
        return Atom(node: node, kind: .rel)
    }

    /// `\not=` → ≠: the precomposed character where Unicode has one, else a combining slash.
    private func parseNegation(source: String) -> Atom {
        let atom = parseArgument(for: source)
        guard let text = atom.node.text else {
            warn("\\not applies to a single symbol")
            return atom
        }
        let negated = MathSymbols.negations[text] ?? text + "\u{0338}"
        return Atom(node: .token(atom.node.tag, negated), kind: atom.kind == .ord ? .rel : atom.kind)
    }
}
