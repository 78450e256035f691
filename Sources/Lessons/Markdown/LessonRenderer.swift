import Foundation
import Ink

/// Renders lessons to HTML: Markdown through Ink, math to MathML, code highlighted, live
/// figures computed by their registered functions (each computed once, then cached).
public final class LessonRenderer: Sendable {
    public let curriculum: Curriculum
    private let figures: FigureRegistry
    private let cache = FigureCache()

    public init(curriculum: Curriculum, figures: FigureRegistry = .standard) {
        self.curriculum = curriculum
        self.figures = figures
    }

    /// Renders `lesson`. Never throws: what cannot be rendered shows as a visible error in the
    /// page and is listed in `warnings`.
    public func render(_ lesson: Lesson) -> RenderedLesson {
        var warnings: [CurriculumProblem] = []
        func warn(_ line: Int, _ message: String) {
            warnings.append(CurriculumProblem(file: lesson.file, line: line, message: message))
        }
        var placeholders = Placeholders()
        var markdown = ""
        let blocks = LessonBlock.parse(lesson.body, firstLine: lesson.bodyLine).blocks
        let regions = codeRegions(for: lesson)
        var plain: [String] = []

        for block in blocks {
            switch block {
            case .markdown(let text, let line):
                let protected = placeholders.protectInlineMath(in: text)
                protected.warnings.forEach { warn(line + $0.lineOffset, $0.message) }
                markdown += SoftWraps.join(protected.text) + "\n\n"
                plain.append(text)
            case .fencedCode(let language, let code, _):
                let body = language == "swift" ? SwiftHighlighter.html(code) : code.htmlEscaped
                let languageClass = language.isEmpty ? "" : " class=\"language-\(language.htmlEscaped)\""
                markdown += placeholders.add("<pre class=\"code\"><code\(languageClass)>\(body)</code></pre>") + "\n\n"
                plain.append(code)
            case .displayMath(let latex, let line):
                let rendered = MathMLRenderer.render(latex, display: true)
                rendered.warnings.forEach { warn(line, "math `\(latex)`: \($0.message)") }
                markdown += placeholders.add("<div class=\"display-math\">\(rendered.mathML)</div>") + "\n\n"
            case .figure(let id, let line):
                markdown += placeholders.add(figureHTML(id: id, lesson: lesson, line: line, warn: warn)) + "\n\n"
            case .demo(let embed, let line):
                markdown += placeholders.add(demoHTML(embed, lesson: lesson, line: line, warn: warn)) + "\n\n"
            case .code(let name, let line):
                if let region = regions?[name] {
                    let file = "Curriculum/code/\(lesson.codeFile ?? "")"
                    markdown += placeholders.add("""
                        <figure class="code-region"><figcaption><span>\(file.htmlEscaped)</span> <span class="region-name">\(name.htmlEscaped)</span></figcaption>\
                        <pre class="code"><code class="language-swift">\(SwiftHighlighter.html(region.text))</code></pre></figure>
                        """) + "\n\n"
                    plain.append(region.text)
                } else {
                    warn(line, "code region '\(name)' could not be read")
                    markdown += placeholders.add("<p class=\"render-error\">Code region \(name.htmlEscaped) is missing.</p>") + "\n\n"
                }
            }
        }

        // A wide table scrolls inside its own box instead of widening the page on a phone.
        let html = placeholders.restore(in: MarkdownParser().html(from: markdown))
            .replacingOccurrences(of: "<table>", with: "<div class=\"table-scroll\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
        let (bodyHTML, headings) = HeadingAnchors.add(to: html)
        let quiz = lesson.quiz.map { question in
            RenderedLesson.Question(
                html: inlineHTML(question.question, line: question.line, warn: warn),
                choices: question.choices.map {
                    RenderedLesson.Choice(
                        html: inlineHTML($0.text, line: question.line, warn: warn),
                        explanationHTML: inlineHTML($0.explanation, line: question.line, warn: warn)
                    )
                },
                correctIndex: question.correctIndex
            )
        }
        return RenderedLesson(
            lesson: lesson, bodyHTML: bodyHTML, tableOfContents: headings, quiz: quiz,
            warnings: warnings, plainText: PlainText.from(markdown: plain.joined(separator: "\n"))
        )
    }

    /// Markdown for one short piece (a quiz question or choice), without the paragraph around it.
    private func inlineHTML(_ text: String, line: Int, warn: (Int, String) -> Void) -> String {
        var placeholders = Placeholders()
        let protected = placeholders.protectInlineMath(in: text)
        protected.warnings.forEach { warn(line, $0.message) }
        var html = MarkdownParser().html(from: protected.text).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") && html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return placeholders.restore(in: html)
    }

    private func figureHTML(id: String, lesson: Lesson, line: Int, warn: (Int, String) -> Void) -> String {
        guard let declaration = lesson.figures[id], let function = figures[declaration.function] else {
            warn(line, "figure '\(id)' is not declared or its function is unknown")
            return "<p class=\"render-error\">Figure \(id.htmlEscaped) is missing.</p>"
        }
        let caption = "<figcaption>\(inlineHTML(declaration.caption, line: line, warn: warn))</figcaption>"
        do {
            let svg = try cache.svg(for: declaration, function: function)
            return "<figure class=\"live-figure\" id=\"figure-\(id.htmlEscaped)\">\(svg)\(caption)</figure>"
        } catch {
            warn(line, "figure '\(id)' failed: \(error)")
            return "<figure class=\"live-figure render-error\" id=\"figure-\(id.htmlEscaped)\"><p>This figure could not be computed: \(String(describing: error).htmlEscaped)</p>\(caption)</figure>"
        }
    }

    /// The live demo in the page: a static figure and a link that work without JavaScript,
    /// which `hub.js` swaps for the live demo in a frame.
    private func demoHTML(_ embed: DemoEmbed, lesson: Lesson, line: Int, warn: (Int, String) -> Void) -> String {
        let title = DemoAddress.title(of: embed.demoID)
        let separator = embed.query.isEmpty ? "?" : "&"
        return """
            <div class="demo-embed" data-demo-src="\((embed.path + separator + "embed=1").htmlEscaped)" data-demo-title="\(title.htmlEscaped)">\
            <p class="demo-embed-link"><a class="button" href="\(embed.path.htmlEscaped)">Open the \(title.htmlEscaped) →</a> \
            <span>It runs live on the server; with JavaScript on it appears right here.</span></p>\
            \(figureHTML(id: embed.fallbackFigure, lesson: lesson, line: line, warn: warn))</div>
            """
    }

    private func codeRegions(for lesson: Lesson) -> [String: CodeRegion]? {
        guard let file = lesson.codeFile else { return nil }
        let url = URL(fileURLWithPath: curriculum.root).appendingPathComponent("code").appendingPathComponent(file)
        guard let source = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return try? CodeRegions.extract(from: source)
    }
}

/// Computed figure SVGs by function and parameters; a figure is computed once per process.
final class FigureCache: @unchecked Sendable {
    private let lock = NSLock()
    private var svgs: [String: String] = [:]

    func svg(for declaration: FigureDeclaration, function: FigureFunction) throws -> String {
        let key = declaration.function + "?" + declaration.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        if let cached = lock.withLock({ svgs[key] }) { return cached }
        let arguments = try FigureArguments(declaration.parameters, parameters: function.parameters)
        var svg = try function.render(arguments)
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") {
            svg = String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        lock.withLock { svgs[key] = svg }
        return svg
    }
}
