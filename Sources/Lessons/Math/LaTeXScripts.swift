/// Sub- and superscripts, primes and limits.
extension LaTeXParser {
    /// Sub- and superscripts and primes after an atom. Big operators and functions with
    /// limits get them under and over in display style, beside them otherwise.
    func parseScripts(_ base: Atom) -> Atom {
        var atom = base
        var lower: MathNode?, upper: MathNode?, primes = 0
        var limitsOverride: Bool?

        loop: while let token = nextToken() {
            switch token {
            case .character("'"):
                advance()
                primes += 1
            case .command(let name) where name == "limits" || name == "nolimits":
                advance()
                if atom.kind == .op || atom.kind == .function {
                    limitsOverride = name == "limits"
                } else {
                    warn("\\\(name) is only allowed after an operator")
                }
            case .caret, .underscore:
                let isSuperscript = token == .caret
                if (isSuperscript ? upper : lower) != nil {
                    warn(isSuperscript ? "double superscript" : "double subscript")
                    atom = attach(atom, lower, upper, primes, limitsOverride)
                    (lower, upper, primes) = (nil, nil, 0)
                }
                advance()
                let script = withDisplay(false) { parseArgument(for: isSuperscript ? "^" : "_") }.node
                if isSuperscript { upper = script } else { lower = script }
            default:
                break loop
            }
        }
        return attach(atom, lower, upper, primes, limitsOverride)
    }

    private func attach(_ atom: Atom, _ sub: MathNode?, _ sup: MathNode?, _ primes: Int, _ limitsOverride: Bool?) -> Atom {
        var sup = sup
        if primes > 0 {
            let marks = ["′", "″", "‴", "⁗"]
            let prime = MathNode.mo(primes <= 4 ? marks[primes - 1] : String(repeating: "′", count: primes),
                                    [("lspace", "0em"), ("rspace", "0em")])
            sup = sup.map { .element("mrow", [prime, $0]) } ?? prime
        }
        guard sub != nil || sup != nil else { return atom }

        let limits = limitsOverride.map { $0 ? Limits.always : .never } ?? atom.limits
        var base = atom.node
        let tag: String
        if limits == .always || (limits == .display && display) {
            // Chromium would move "movable" limits beside a big operator outside display style.
            if !display && base.tag == "mo" { base = base.setting("movablelimits", "false") }
            tag = sub == nil ? "mover" : sup == nil ? "munder" : "munderover"
        } else {
            tag = sub == nil ? "msup" : sup == nil ? "msub" : "msubsup"
        }
        // Scripts on something invisible (`\label{x}^2`) still have to show.
        let kind = atom.kind == .ignored || atom.kind == .space ? .ord : atom.kind
        return Atom(node: .element(tag, [base] + [sub, sup].compactMap { $0 }), kind: kind)
    }

    /// Whether the next token opens a delimiter, so a function name needs no space before it.
    func argumentIsDelimited() -> Bool {
        switch nextToken() {
        case .character(let character)?: return "([|".contains(character)
        case .command(let name)?: return ["left", "{", "lbrace", "langle", "lvert", "lVert", "big", "Big", "bigl", "Bigl"].contains(name)
        default: return false
        }
    }

    /// Whether a function name is applied to something, so an invisible U+2061 belongs after
    /// it (screen readers say "sine of x"): not before a relation, a closing token, or nothing.
    func functionHasArgument() -> Bool {
        switch nextToken() {
        case .character(let character)?:
            return character.isLetter || character.isNumber || "([|".contains(character)
        case .beginGroup?:
            return true
        case .command(let name)?:
            if let kind = MathSymbols.symbols[name]?.kind {
                return ![.binary, .relation, .close, .punctuation].contains(kind)
            }
            return terminator(of: .command(name), in: .group) == nil
        default:
            return false
        }
    }
}
