/// Single characters and symbol commands: the leaves of the tree.
extension LaTeXParser {
    /// A literal character. Digits run together into one number (`3.14` is one `<mn>`);
    /// letters are one `<mi>` each, as TeX treats them as separate variables, except under a
    /// font command, where `\mathrm{ReLU}` is one word.
    func characterAtom(_ character: Character, singleCharacter: Bool) -> Atom {
        let startsNumber = character == "." && !singleCharacter && peekCharacter().map { $0.isASCII && $0.isNumber } == true
        if (character.isASCII && character.isNumber) || startsNumber {
            var text = String(character), hasPoint = startsNumber
            while !singleCharacter, let next = peekCharacter(), next.isASCII {
                if next.isNumber {
                    text.append(next)
                } else if next == ".", !hasPoint, case .character(let after)? = token(at: index + 1),
                          after.isASCII && after.isNumber {
                    text.append(next)
                    hasPoint = true
                } else {
                    break
                }
                advance()
            }
            return .ord(.mn(styled(text)))
        }
        if character.isLetter {
            var text = String(character)
            if font != nil && !singleCharacter {
                while true {
                    let start = index
                    skipWhitespace()
                    guard let next = peekCharacter(), next.isLetter else { index = start; break }
                    text.append(next)
                    advance()
                }
            }
            return .ord(identifier(text, uprightByDefault: false))
        }
        if character.isNumber { return .ord(.mn(String(character))) }

        let noSpace = [("lspace", "0em"), ("rspace", "0em")]
        switch character {
        case "+": return Atom(node: .mo("+"), kind: .bin)
        case "-": return Atom(node: .mo("\u{2212}"), kind: .bin)
        case "*": return Atom(node: .mo("∗"), kind: .bin)
        case "=", "<", ">", ":": return Atom(node: .mo(String(character)), kind: .rel)
        case "(", "[": return Atom(node: .mo(String(character), [("stretchy", "false")]), kind: .open)
        case ")", "]": return Atom(node: .mo(String(character), [("stretchy", "false")]), kind: .close)
        case "|": return .ord(.mo("|", [("stretchy", "false")]))
        case ",", ";": return Atom(node: .mo(String(character)), kind: .punct)
        case "!": return Atom(node: .mo("!"), kind: .close)
        case "'": return .ord(.mo("′", noSpace))
        case "~": return Atom(node: .mspace("0.3333em"), kind: .space)
        case "/", ".", "?", "@", "\"", "`": return .ord(.mo(String(character), noSpace))
        default: return .ord(.mo(String(character)))
        }
    }

    /// A symbol command from `MathSymbols.symbols`.
    func symbolAtom(_ symbol: MathSymbol) -> Atom {
        switch symbol.kind {
        case .variable: return .ord(identifier(symbol.text, uprightByDefault: false))
        case .upright: return .ord(identifier(symbol.text, uprightByDefault: true))
        case .ordinary: return .ord(.mi(symbol.text))
        case .ordinaryOperator: return .ord(.mo(symbol.text, ["|", "‖"].contains(symbol.text) ? [("stretchy", "false")] : []))
        case .binary: return Atom(node: .mo(symbol.text), kind: .bin)
        case .relation: return Atom(node: .mo(symbol.text), kind: .rel)
        case .open: return Atom(node: .mo(symbol.text, [("stretchy", "false")]), kind: .open)
        case .close: return Atom(node: .mo(symbol.text, [("stretchy", "false")]), kind: .close)
        case .punctuation: return Atom(node: .mo(symbol.text, [("lspace", "0em"), ("rspace", "0.1667em")]), kind: .punct)
        case .largeOperator(let limits): return Atom(node: .mo(symbol.text), kind: .op, limits: limits)
        }
    }

    /// An `<mi>` in the current font. MathML italicises single-letter `<mi>`s by itself, so
    /// only upright ones need `mathvariant="normal"` (the one value MathML Core keeps).
    func identifier(_ text: String, uprightByDefault: Bool) -> MathNode {
        let normal = [("mathvariant", "normal")]
        guard let font else { return .mi(text, uprightByDefault ? normal : []) }
        if font == .upright { return .mi(text, normal) }
        let mapped = styled(text)
        return .mi(mapped, mapped == text && uprightByDefault ? normal : [])
    }

    /// `text` in the current font's Unicode math alphabet, where it has one.
    func styled(_ text: String) -> String {
        guard let font, font != .upright else { return text }
        return String(text.map { MathAlphabet.styled($0, in: font) ?? $0 })
    }

    private func peekCharacter() -> Character? {
        if case .character(let character)? = peek()?.token { return character }
        return nil
    }

    private func token(at position: Int) -> LaTeXToken? {
        position < tokens.count ? tokens[position].token : nil
    }
}
