/// Something the renderer could not render faithfully. Lessons are written by hand, so the
/// renderer never fails: it shows what it could not understand and says so here, and the
/// lesson build decides whether a warning is fatal.
public struct MathWarning: Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    init(_ message: String) { self.message = message }
}

/// A formula as MathML Core markup, ready to be inserted into an HTML page as is.
public struct RenderedMath: Sendable, Equatable {
    /// One `<math>` element; always well-formed XML.
    public let mathML: String
    /// What was shown as source or dropped, in the order it was met; empty for clean input.
    public let warnings: [MathWarning]
}

/// LaTeX → MathML Core, done on the server so pages need no JavaScript math library:
/// Chromium renders MathML Core natively.
public enum MathMLRenderer {
    /// Renders `latex` (the text between the math delimiters, without them).
    ///
    /// `display: true` gives `<math display="block">` (big operators take their limits
    /// above and below), otherwise inline `<math>`. The source is kept in an
    /// `application/x-tex` annotation so readers can still copy it.
    public static func render(_ latex: String, display: Bool) -> RenderedMath {
        let (source, replacedCharacters) = xmlSafe(latex)
        let parser = LaTeXParser(tokens: LaTeXTokenizer.tokenize(source), display: display)
        let body = parser.parseFormula()
        var warnings = parser.warnings
        if replacedCharacters {
            warnings.insert("replaced control characters that XML does not allow with U+FFFD", at: 0)
        }

        var mathML = display ? "<math display=\"block\">" : "<math>"
        mathML += "<semantics>"
        MathMLWriter.write(MathNode.element("mrow", body), into: &mathML)
        mathML += "<annotation encoding=\"application/x-tex\">"
        mathML += source.htmlEscaped
        mathML += "</annotation></semantics></math>"
        return RenderedMath(mathML: mathML, warnings: warnings.map(MathWarning.init))
    }

    /// XML 1.0 forbids most C0 controls and U+FFFE/U+FFFF even as escaped text, so they are
    /// replaced before anything else sees the input; that keeps every output well-formed.
    static func xmlSafe(_ text: String) -> (String, Bool) {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
            default: return false
            }
        }
        guard !text.unicodeScalars.allSatisfy(allowed) else { return (text, false) }
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            cleaned.append(allowed(scalar) ? scalar : "\u{FFFD}")
        }
        return (String(cleaned), true)
    }
}
