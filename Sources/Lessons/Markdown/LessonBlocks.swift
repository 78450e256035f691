/// A lesson body cut into the pieces that are not plain Markdown: fenced code, display math
/// and `@directive` lines. The loader validates these pieces and the renderer renders them, so
/// both read the body the same way.
enum LessonBlock: Equatable {
    /// Ordinary Markdown lines (inline math is still inside).
    case markdown(String, line: Int)
    case fencedCode(language: String, code: String, line: Int)
    case displayMath(String, line: Int)
    /// `@figure id`
    case figure(String, line: Int)
    /// `@code region`
    case code(String, line: Int)
    /// `@demo nn-simulator?preset=linear-xor fallback-figure-id`: the live demo, embedded, with
    /// a figure for readers without JavaScript.
    case demo(DemoEmbed, line: Int)

    /// Splits `body`, whose first line is line `firstLine` of its file. A line that cannot be
    /// read is left out and reported with its line, so one slip does not hide the rest.
    static func parse(_ body: String, firstLine: Int) -> (blocks: [LessonBlock], problems: [(line: Int, message: String)]) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var blocks: [LessonBlock] = []
        var problems: [(Int, String)] = []
        var markdown: [String] = []
        var markdownStart = firstLine
        var index = 0

        func flushMarkdown(next: Int) {
            if !markdown.isEmpty { blocks.append(.markdown(markdown.joined(separator: "\n"), line: markdownStart)) }
            markdown = []
            markdownStart = next
        }

        while index < lines.count {
            let line = lines[index]
            let lineNumber = firstLine + index
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let fence = Self.fence(of: line) {
                flushMarkdown(next: lineNumber)
                let language = String(trimmed.dropFirst(fence.count)).trimmingCharacters(in: .whitespaces)
                var code: [String] = []
                index += 1
                var closed = false
                while index < lines.count {
                    let inner = lines[index].trimmingCharacters(in: .whitespaces)
                    if inner.hasPrefix(fence), inner.allSatisfy({ $0 == fence.first }) { closed = true; break }
                    code.append(lines[index])
                    index += 1
                }
                if !closed { problems.append((lineNumber, "code block opened here is never closed")) }
                blocks.append(.fencedCode(language: language, code: code.joined(separator: "\n"), line: lineNumber))
                index += 1
                markdownStart = firstLine + index
                continue
            }
            if trimmed.hasPrefix("$$") {
                flushMarkdown(next: lineNumber)
                var latex = String(trimmed.dropFirst(2))
                var closed = false
                if latex.hasSuffix("$$") {
                    latex.removeLast(2)
                    closed = true
                } else {
                    while index + 1 < lines.count {
                        index += 1
                        let inner = lines[index].trimmingCharacters(in: .whitespaces)
                        if inner.hasSuffix("$$") {
                            latex += "\n" + inner.dropLast(2)
                            closed = true
                            break
                        }
                        latex += "\n" + lines[index]
                    }
                }
                if !closed { problems.append((lineNumber, "display math opened with $$ here is never closed")) }
                blocks.append(.displayMath(latex.trimmingCharacters(in: .whitespacesAndNewlines), line: lineNumber))
                index += 1
                markdownStart = firstLine + index
                continue
            }
            if trimmed.hasPrefix("@"), let directive = Self.directive(trimmed) {
                flushMarkdown(next: lineNumber)
                switch (directive.name, directive.extra) {
                case ("figure", nil): blocks.append(.figure(directive.argument, line: lineNumber))
                case ("code", nil): blocks.append(.code(directive.argument, line: lineNumber))
                case ("demo", let fallback?): blocks.append(.demo(DemoEmbed(address: directive.argument, fallbackFigure: fallback), line: lineNumber))
                case ("demo", nil): problems.append((lineNumber, "@demo needs a demo and a fallback figure: @demo nn-simulator?preset=… figure-id"))
                case ("figure", _), ("code", _): problems.append((lineNumber, "@\(directive.name) takes one argument"))
                default: problems.append((lineNumber, "unknown directive '@\(directive.name)' (known: @figure, @code, @demo)"))
                }
                index += 1
                markdownStart = firstLine + index
                continue
            }
            markdown.append(line)
            index += 1
        }
        flushMarkdown(next: firstLine + index)
        return (blocks, problems)
    }

    /// The fence (``` or ~~~, three or more) that opens a code block on this line, if any.
    private static func fence(of line: String) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let mark = rest.first, mark == "`" || mark == "~" else { return nil }
        let run = rest.prefix { $0 == mark }
        return run.count >= 3 ? String(run) : nil
    }

    /// `@name argument [extra]` on a line of its own.
    private static func directive(_ line: String) -> (name: String, argument: String, extra: String?)? {
        let parts = line.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 || parts.count == 3, parts[0].allSatisfy({ $0.isLetter }) else { return nil }
        return (String(parts[0]), String(parts[1]), parts.count == 3 ? String(parts[2]) : nil)
    }
}

import Foundation
