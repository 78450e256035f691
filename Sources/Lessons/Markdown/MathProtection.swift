/// Replaces inline `$…$` math in Markdown text with placeholder words before Ink sees it.
/// Ink would otherwise drop backslashes and read `_` as emphasis inside the LaTeX.
/// Placeholders are lower-case letters and digits only, which Ink passes through untouched.
struct Placeholders {
    private(set) var replacements: [(token: String, html: String)] = []
    private let prefix = "mlhubslot"

    mutating func add(_ html: String) -> String {
        let token = "\(prefix)\(replacements.count)x"
        replacements.append((token, html))
        return token
    }

    /// Puts the HTML back: a placeholder alone in a paragraph replaces the whole paragraph.
    func restore(in html: String) -> String {
        var result = html
        for (token, replacement) in replacements.reversed() {
            result = result.replacingOccurrences(of: "<p>\(token)</p>", with: replacement)
            result = result.replacingOccurrences(of: token, with: replacement)
        }
        return result
    }

    /// Swaps inline math and escaped dollars in `markdown` for placeholders, leaving code spans
    /// alone. Returns the new text and the math renderer's warnings, each with the number of
    /// lines between the start of `markdown` and the formula.
    mutating func protectInlineMath(in markdown: String) -> (text: String, warnings: [(lineOffset: Int, message: String)]) {
        var output = ""
        var warnings: [(Int, String)] = []
        var lineOffset = 0
        let characters = Array(markdown)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                // A code span runs to the next run of the same number of backticks.
                let run = characters[index...].prefix { $0 == "`" }.count
                let fence = String(repeating: "`", count: run)
                let rest = String(characters[(index + run)...])
                if let close = rest.range(of: fence) {
                    let span = fence + rest[..<close.upperBound]
                    output += span
                    index += span.count
                    lineOffset += span.filter { $0 == "\n" }.count
                } else {
                    output += fence
                    index += run
                }
                continue
            }
            if character == "\\" && index + 1 < characters.count && characters[index + 1] == "$" {
                output += add("$")
                index += 2
                continue
            }
            if character == "$", let end = closingDollar(characters, from: index + 1) {
                let latex = String(characters[(index + 1)..<end])
                let rendered = MathMLRenderer.render(latex, display: false)
                warnings += rendered.warnings.map { (lineOffset, "math `\(latex)`: \($0.message)") }
                output += add(rendered.mathML)
                index = end + 1
                continue
            }
            if character == "\n" { lineOffset += 1 }
            output.append(character)
            index += 1
        }
        return (output, warnings)
    }

    /// The index of the `$` closing inline math opened just before `start`, on the same line;
    /// nil when there is none (then the `$` is literal, as in "costs $5").
    private func closingDollar(_ characters: [Character], from start: Int) -> Int? {
        guard start < characters.count, characters[start] != " ", characters[start] != "$" else { return nil }
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "\n": return nil
            case "\\": index += 2; continue
            case "$": return characters[index - 1] == " " ? nil : index
            default: index += 1
            }
        }
        return nil
    }
}

import Foundation

/// Ink 0.6 starts a new paragraph at a line that begins with a code span. A soft-wrapped line
/// starting with `` ` `` is joined to the line before it, as CommonMark would read it. Run it
/// after math protection, which reports lines by counting them.
enum SoftWraps {
    static func join(_ markdown: String) -> String {
        var lines: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("`"), !trimmed.hasPrefix("```"), let previous = lines.last,
               !previous.trimmingCharacters(in: .whitespaces).isEmpty, !previous.hasPrefix("|"), !previous.hasPrefix("#") {
                lines[lines.count - 1] = previous + " " + trimmed
                continue
            }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n")
    }
}
