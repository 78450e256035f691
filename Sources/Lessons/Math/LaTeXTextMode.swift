/// `\text{…}` and friends: words inside a formula, with `$…$` switching back to math.
extension LaTeXParser {
    /// The argument of a text command as `<mtext>` runs (and math, for `$…$`). `styles` are
    /// CSS declarations, combined when text commands nest (`\textbf{\textit{…}}`).
    func parseText(for command: String, styles: [String]) -> [MathNode] {
        skipWhitespace()
        guard let token = peek() else {
            warn("missing argument for \(command)")
            return []
        }
        if depth >= Self.maxDepth {
            warn("nesting deeper than \(Self.maxDepth) levels; the innermost part is shown as source")
            return [.error(readBracedRaw(for: command))]
        }
        depth += 1
        defer { depth -= 1 }

        var run = TextRun(styles: styles)
        switch token.token {
        case .beginGroup:
            advance()
            openBraces += 1
            parseTextGroup(into: &run, command: command)
            openBraces -= 1
        case .endGroup, .alignment, .mathShift:
            warn("missing argument for \(command)")
        default:
            if terminator(of: token.token, in: .group) != nil {
                warn("missing argument for \(command)")
            } else {
                advance()
                appendText(token, to: &run)
            }
        }
        return run.finish()
    }

    private func parseTextGroup(into run: inout TextRun, command: String) {
        var level = 0
        while let token = peek() {
            advance()
            switch token.token {
            case .beginGroup:
                level += 1
            case .endGroup:
                if level == 0 { return }
                level -= 1
            default:
                appendText(token, to: &run)
            }
        }
        warn("missing } after \(command)")
    }

    private func appendText(_ token: SourceToken, to run: inout TextRun) {
        switch token.token {
        case .character("~"):
            run.text += "\u{A0}"
        case .character(let character):
            run.text.append(character)
        case .whitespace:
            run.text += " "
        case .mathShift:
            run.flush()
            let (nodes, end) = withDisplay(false) { withFont(nil) { parseList(.inlineMath) } }
            run.nodes += nodes
            if end == .mathShift { advance() } else { warn("missing closing $ in text") }
        case .command(let name):
            if let text = Self.textSymbols[name] {
                run.text += text
            } else if let styles = Self.textStyles[name] {
                run.flush()
                run.nodes += parseText(for: token.source, styles: run.styles + styles)
            } else {
                warn("unknown command \(token.source)")
                run.flush()
                run.nodes.append(.error(token.source))
            }
        default:
            run.text += token.source
        }
    }

    /// Control symbols and words that stand for a character in text mode.
    private static let textSymbols: [String: String] = [
        "%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", " ": " ",
        ",": "\u{2009}", ";": "\u{2004}", ":": "\u{2005}", "!": "", "quad": "\u{2003}",
        "qquad": "\u{2003}\u{2003}", "\\": " ", "textbackslash": "\\", "ldots": "…",
        "dots": "…", "textellipsis": "…", "textendash": "–", "textemdash": "—",
        "textasciitilde": "~", "textasciicircum": "^", "textbar": "|", "textless": "<",
        "textgreater": ">", "-": "",
    ]
}

/// Text collected for one `<mtext>`, flushed when math or a styled run interrupts it.
private struct TextRun {
    let styles: [String]
    var text = ""
    var nodes: [MathNode] = []

    init(styles: [String]) { self.styles = styles }

    /// Spaces collapse as in TeX; the outer ones become no-break spaces, because HTML
    /// layout would otherwise drop them at the edges of the `<mtext>` (`\text{if }`).
    mutating func flush() {
        guard !text.isEmpty else { return }
        var collapsed = ""
        for character in text where !(character == " " && collapsed.last == " ") {
            collapsed.append(character)
        }
        if collapsed.first == " " { collapsed = "\u{A0}" + collapsed.dropFirst() }
        if collapsed.last == " " { collapsed = String(collapsed.dropLast()) + "\u{A0}" }
        nodes.append(.mtext(collapsed, styles.isEmpty ? [] : [("style", styles.joined(separator: ";"))]))
        text = ""
    }

    mutating func finish() -> [MathNode] {
        flush()
        return nodes
    }
}
