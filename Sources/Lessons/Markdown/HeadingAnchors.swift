import Foundation

/// Gives Ink's `<h2>` and `<h3>` headings ids and collects them for the table of contents.
enum HeadingAnchors {
    static func add(to html: String) -> (String, [RenderedLesson.Heading]) {
        var output = ""
        var headings: [RenderedLesson.Heading] = []
        var used: Set<String> = []
        var rest = html[...]
        while let open = rest.range(of: "<h") {
            let afterTag = rest[open.upperBound...]
            guard let level = afterTag.first.flatMap({ Int(String($0)) }), level == 2 || level == 3,
                  afterTag.dropFirst().first == ">",
                  let close = afterTag.range(of: "</h\(level)>") else {
                output += rest[..<open.upperBound]
                rest = afterTag
                continue
            }
            let inner = afterTag[afterTag.index(afterTag.startIndex, offsetBy: 2)..<close.lowerBound]
            let text = PlainText.stripTags(String(inner))
            var anchor = slug(text)
            var suffix = 2
            while used.contains(anchor) { anchor = "\(slug(text))-\(suffix)"; suffix += 1 }
            used.insert(anchor)
            headings.append(.init(level: level, anchor: anchor, text: text))
            output += rest[..<open.lowerBound]
            output += "<h\(level) id=\"\(anchor)\"><a class=\"anchor\" href=\"#\(anchor)\" aria-hidden=\"true\" tabindex=\"-1\">#</a>\(inner)</h\(level)>"
            rest = afterTag[close.upperBound...]
        }
        output += rest
        return (output, headings)
    }

    static func slug(_ text: String) -> String {
        var result = ""
        var lastWasDash = true
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                result += "-"
                lastWasDash = true
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "section" : result
    }
}

/// Text without Markdown or HTML, for search and snippets.
public enum PlainText {
    public static func stripTags(_ html: String) -> String {
        var output = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { output.append(character) }
        }
        return output
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Markdown with its punctuation marks removed and whitespace collapsed; a heading ends
    /// with a full stop so that a search snippet does not run it into the next sentence.
    static func from(markdown: String) -> String {
        let sentences = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("#") ? line + "." : line
        }.joined(separator: "\n")
        let dropped = sentences.map { "#*_`>|[]()$\\{}^".contains($0) ? " " : $0 }
        return String(dropped).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
