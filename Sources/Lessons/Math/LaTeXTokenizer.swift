/// One lexical unit of TeX's math-mode syntax.
enum LaTeXToken: Equatable, Sendable {
    /// `\name` without the backslash: a control word (`frac`) or a control symbol
    /// (`,`, `{`, `\\`, `" "` for `\ `). An empty name is a lone backslash at the very end.
    case command(String)
    case character(Character)
    case beginGroup, endGroup
    case caret, underscore
    case alignment
    case mathShift
    /// A run of spaces and newlines: ignored in math, kept in `\text{…}`.
    case whitespace
}

/// A token with the text it came from, so anything the parser cannot handle can be shown
/// verbatim instead of being dropped.
struct SourceToken: Equatable, Sendable {
    let token: LaTeXToken
    let source: String
}

/// Splits LaTeX into tokens. There are no macros to expand and no catcode changes, so a single
/// pass over the characters is enough, and it cannot fail: every character becomes some token.
enum LaTeXTokenizer {
    static func tokenize(_ text: String) -> [SourceToken] {
        var tokens: [SourceToken] = []
        var index = text.startIndex

        while index < text.endIndex {
            let character = text[index]
            let start = index
            index = text.index(after: index)

            switch character {
            case "\\":
                guard index < text.endIndex else {
                    tokens.append(SourceToken(token: .command(""), source: "\\"))
                    continue
                }
                if isCommandLetter(text[index]) {
                    while index < text.endIndex, isCommandLetter(text[index]) {
                        index = text.index(after: index)
                    }
                    let name = String(text[text.index(after: start)..<index])
                    tokens.append(SourceToken(token: .command(name), source: String(text[start..<index])))
                    // TeX drops the spaces after a control word, even in text mode.
                    while index < text.endIndex, text[index].isWhitespace {
                        index = text.index(after: index)
                    }
                } else {
                    let symbol = text[index]
                    index = text.index(after: index)
                    let name = symbol.isWhitespace ? " " : String(symbol)
                    tokens.append(SourceToken(token: .command(name), source: "\\" + name))
                }
            case "%":
                // A comment runs to the end of the line, newline included, as in TeX.
                while index < text.endIndex, !text[index].isNewline {
                    index = text.index(after: index)
                }
                if index < text.endIndex { index = text.index(after: index) }
            case _ where character.isWhitespace:
                while index < text.endIndex, text[index].isWhitespace {
                    index = text.index(after: index)
                }
                if tokens.last?.token != .whitespace {
                    tokens.append(SourceToken(token: .whitespace, source: " "))
                }
            default:
                let token: LaTeXToken
                switch character {
                case "{": token = .beginGroup
                case "}": token = .endGroup
                case "^": token = .caret
                case "_": token = .underscore
                case "&": token = .alignment
                case "$": token = .mathShift
                default: token = .character(character)
                }
                tokens.append(SourceToken(token: token, source: String(character)))
            }
        }
        return tokens
    }

    /// Control words are ASCII letters only, as in TeX; `\é` is a control symbol.
    private static func isCommandLetter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }
}
