/// A parsed atom: its MathML and what TeX would make of it when spacing and placing scripts.
struct Atom {
    var node: MathNode
    var kind: AtomKind
    var limits: Limits = .never

    static let nothing = Atom(node: .empty, kind: .ignored)
    static func ord(_ node: MathNode) -> Atom { Atom(node: node, kind: .ord) }
}

/// What a list of atoms is being parsed for; it decides which closing tokens end the list.
enum ListContext: Equatable {
    case top, group, left, optionalArgument, inlineMath
    /// A table cell. In the right-hand column of an `align` pair the cell behaves as if it
    /// began with `{}`, as amsmath arranges, so `&= x` and `&+ y` keep their spacing.
    case cell(startsAfterOrd: Bool)
}

/// The token that ended a list.
enum Terminator: Equatable {
    case endOfInput, closeBrace, alignment, rowBreak, right, middle, end, closeBracket, mathShift
}

/// A recursive-descent parser from tokens to MathML nodes.
///
/// It never fails: whatever it cannot interpret becomes an `<merror>` showing the source, plus
/// a warning, and parsing carries on. Closing tokens that do not match (a stray `}`, `\right`
/// without `\left`, `&` outside a table) are handled by whichever enclosing construct can take
/// them; if none can, they are shown as errors. Nesting is capped at `maxDepth` so hostile
/// input cannot exhaust the stack.
final class LaTeXParser {
    static let maxDepth = 64

    let tokens: [SourceToken]
    var index = 0
    private(set) var warnings: [String] = []
    private var warned: Set<String> = []

    /// Current nesting, against `maxDepth`.
    var depth = 0
    /// How many enclosing constructs could take each kind of closing token.
    var openBraces = 0, openEnvironments = 0, openLefts = 0
    /// TeX's display style, tracked so big operators know where their limits go.
    var display: Bool
    /// The font of `\mathbf{…}` and friends, applied to letters and digits as they are met.
    var font: MathFont?

    init(tokens: [SourceToken], display: Bool) {
        self.tokens = tokens
        self.display = display
    }

    func warn(_ message: String) {
        if warned.insert(message).inserted { warnings.append(message) }
    }

    // MARK: Token access

    func peek() -> SourceToken? { index < tokens.count ? tokens[index] : nil }

    @discardableResult
    func advance() -> SourceToken? {
        guard index < tokens.count else { return nil }
        index += 1
        return tokens[index - 1]
    }

    func skipWhitespace() {
        while index < tokens.count, tokens[index].token == .whitespace { index += 1 }
    }

    /// The next meaningful token, skipping spaces (which math mode ignores).
    func nextToken() -> LaTeXToken? {
        skipWhitespace()
        return peek()?.token
    }

    func withDisplay<T>(_ value: Bool, _ body: () -> T) -> T {
        let saved = display
        display = value
        defer { display = saved }
        return body()
    }

    func withFont<T>(_ value: MathFont?, _ body: () -> T) -> T {
        let saved = font
        font = value
        defer { font = saved }
        return body()
    }

    // MARK: Lists

    /// The whole formula. A top-level `\\` splits it into centred lines, as KaTeX does in
    /// display mode.
    func parseFormula() -> [MathNode] {
        var rows: [[MathNode]] = []
        while true {
            let (nodes, end) = parseList(.top)
            rows.append(nodes)
            guard end == .rowBreak else { break }
            advance()
            skipRowOptions()
        }
        if rows.count > 1, rows.last?.isEmpty == true { rows.removeLast() }
        if rows.count == 1 { return rows[0] }
        return [makeTable(rows.map { [$0] }, columns: [], layout: .lines(display: display))]
    }

    func parseList(_ context: ListContext) -> (nodes: [MathNode], end: Terminator) {
        if depth >= Self.maxDepth { return skipTooDeep(context) }
        depth += 1
        let savedDisplay = display, savedFont = font
        defer { depth -= 1; display = savedDisplay; font = savedFont }

        var nodes: [MathNode] = []
        let startsAfterOrd = context == .cell(startsAfterOrd: true)
        var previous: AtomKind? = startsAfterOrd ? .ord : nil
        // Style switches (`\displaystyle`, `\color`) restyle the rest of the list.
        var wrappers: [(attributes: [(String, String)], start: Int)] = []

        while true {
            skipWhitespace()
            guard let token = peek() else { return (wrap(nodes, wrappers), .endOfInput) }
            if let terminator = terminator(of: token.token, in: context) {
                if accepts(terminator, in: context) { return (wrap(nodes, wrappers), terminator) }
                handleStray(terminator, into: &nodes)
                continue
            }
            if case .command(let name) = token.token, let attributes = parseStyleSwitch(name) {
                if attributes.isEmpty { continue }
                if depth + wrappers.count < Self.maxDepth {
                    wrappers.append((attributes, nodes.count))
                } else {
                    warn("too many style switches in one group; \(token.source) ignored")
                }
                continue
            }

            var atom = parseScripts(parseAtom())
            if atom.kind == .ignored { continue }
            if atom.kind == .bin, atom.node.tag == "mo" {
                if startsAfterOrd && nodes.isEmpty {
                    atom.node = atom.node.setting("form", "infix")
                } else if previous.map({ [.bin, .rel, .open, .punct, .op, .function].contains($0) }) ?? true {
                    // A sign, not an operation: TeX spaces it as an ordinary symbol.
                    atom.node = atom.node.setting("form", "prefix")
                    atom.kind = .ord
                }
            }
            nodes.append(atom.node)
            if atom.kind == .function && functionHasArgument() {
                // FUNCTION APPLICATION: `sin x` is sin applied to x. TeX puts a thin space
                // before an undelimited argument (`\det A`) and none before `(`.
                let application = MathNode.mo("\u{2061}")
                nodes.append(argumentIsDelimited() ? application : application.setting("rspace", "0.1667em"))
            }
            if atom.kind != .space { previous = atom.kind }
        }
    }

    private func wrap(_ nodes: [MathNode], _ wrappers: [(attributes: [(String, String)], start: Int)]) -> [MathNode] {
        var nodes = nodes
        for wrapper in wrappers.reversed() {
            let styled = MathNode.element("mstyle", Array(nodes[wrapper.start...]), wrapper.attributes)
            nodes.replaceSubrange(wrapper.start..., with: [styled])
        }
        return nodes
    }

    func terminator(of token: LaTeXToken, in context: ListContext) -> Terminator? {
        switch token {
        case .endGroup: return .closeBrace
        case .alignment: return .alignment
        case .mathShift: return .mathShift
        case .command("\\"), .command("cr"), .command("newline"): return .rowBreak
        case .command("right"): return .right
        case .command("middle"): return .middle
        case .command("end"): return .end
        case .character("]") where context == .optionalArgument: return .closeBracket
        default: return nil
        }
    }

    // MARK: Atoms and arguments

    func parseAtom(singleCharacter: Bool = false) -> Atom {
        guard let token = peek() else { return .nothing }
        switch token.token {
        case .character(let character):
            advance()
            return characterAtom(character, singleCharacter: singleCharacter)
        case .beginGroup:
            return parseGroup()
        case .caret, .underscore:
            // A script with nothing before it (`^2` at the start) gets an empty base.
            return .ord(.empty)
        case .command(let name):
            advance()
            return parseCommand(name, source: token.source)
        default:
            advance()
            warn("unexpected \(token.source)")
            return .ord(.error(token.source))
        }
    }

    func parseGroup() -> Atom {
        advance()
        openBraces += 1
        let (nodes, end) = parseList(.group)
        openBraces -= 1
        if end == .closeBrace { advance() } else { warn("missing }") }
        return .ord(.row(nodes))
    }

    /// One macro argument: a `{group}` or a single token, as TeX reads `\frac12`.
    func parseArgument(for command: String) -> Atom {
        skipWhitespace()
        guard let token = peek() else {
            warn("missing argument for \(command)")
            return .ord(.empty)
        }
        switch token.token {
        case .beginGroup:
            return parseGroup()
        case .endGroup, .alignment, .mathShift, .caret, .underscore, .whitespace:
            warn("missing argument for \(command)")
            return .ord(.empty)
        default:
            if terminator(of: token.token, in: .group) != nil {
                warn("missing argument for \(command)")
                return .ord(.empty)
            }
            if depth >= Self.maxDepth {
                warn("nesting deeper than \(Self.maxDepth) levels; the innermost part is shown as source")
                advance()
                return .ord(.error(token.source))
            }
            depth += 1
            defer { depth -= 1 }
            let atom = parseAtom(singleCharacter: true)
            return atom.kind == .ignored ? .ord(.empty) : atom
        }
    }
}
