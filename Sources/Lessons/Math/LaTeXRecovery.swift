/// Recovery from malformed input: closing tokens that belong to an enclosing construct or to
/// none, and nesting beyond the depth cap. The rule is that a list stops at any closing token
/// some enclosing construct can take (closing the constructs in between, with a warning each),
/// and shows or drops, with a warning, the ones nothing can take.
extension LaTeXParser {
    /// Whether the current list should stop at `terminator` and leave it to an enclosing
    /// construct. An unclosed construct is thereby closed implicitly (its parser warns).
    func accepts(_ terminator: Terminator, in context: ListContext) -> Bool {
        switch terminator {
        case .endOfInput, .closeBracket: return true
        case .closeBrace: return openBraces > 0
        case .alignment, .end: return openEnvironments > 0
        case .rowBreak: return openEnvironments > 0 || context == .top
        case .right, .middle: return openLefts > 0
        case .mathShift: return context == .inlineMath
        }
    }

    /// A closing token that nothing open can take: shown or dropped, with a warning.
    func handleStray(_ terminator: Terminator, into nodes: inout [MathNode]) {
        guard let token = advance() else { return }
        switch terminator {
        case .closeBrace:
            warn("unmatched }")
            nodes.append(.error("}"))
        case .alignment:
            warn("& outside a table environment")
            nodes.append(.error("&"))
        case .rowBreak:
            skipRowOptions()
            warn("\(token.source) outside a table environment is ignored")
        case .right, .middle:
            warn("\(token.source) without \\left")
            let delimiter = parseDelimiter(after: token.source)
            if !delimiter.isEmpty { nodes.append(.mo(delimiter, [("stretchy", "false")])) }
        case .end:
            let name = readEnvironmentName() ?? ""
            warn("\\end{\(name)} without \\begin{\(name)}")
            nodes.append(.error("\\end{\(name)}"))
        case .mathShift:
            warn("$ inside math is ignored")
        case .endOfInput, .closeBracket:
            break
        }
    }

    /// Past the depth cap, the rest of the group is shown as source rather than parsed.
    func skipTooDeep(_ context: ListContext) -> (nodes: [MathNode], end: Terminator) {
        warn("nesting deeper than \(Self.maxDepth) levels; the innermost part is shown as source")
        var source = "", level = 0
        scan: while let token = peek() {
            switch token.token {
            case .beginGroup: level += 1
            case .endGroup where level == 0: break scan
            case .endGroup: level -= 1
            case .character("]") where level == 0 && context == .optionalArgument: break scan
            case .mathShift where level == 0 && context == .inlineMath: break scan
            default: break
            }
            source += token.source
            advance()
        }
        let end: Terminator
        switch peek()?.token {
        case nil: end = .endOfInput
        case .endGroup?: end = .closeBrace
        case .mathShift?: end = .mathShift
        default: end = .closeBracket
        }
        return (source.isEmpty ? [] : [.error(source)], end)
    }
}
