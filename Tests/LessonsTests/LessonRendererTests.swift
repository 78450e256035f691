import Foundation
import Testing
@testable import Lessons

@Suite("Lesson renderer")
struct LessonRendererTests {
    private func render(body: String, extra: String = "", code: [String: String] = [:]) throws -> RenderedLesson {
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(extra: extra, body: body)], code: code)
        let curriculum = try fixture.load()
        return LessonRenderer(curriculum: curriculum, figures: CurriculumFixture.figures).render(try #require(curriculum.lesson("alpha/first")))
    }

    @Test("inline and display math become MathML that Ink does not mangle")
    func math() throws {
        let rendered = try render(body: "The loss $L = \\frac{1}{n}\\sum_i x_i^2$ is *small*.\n\n$$\n\\hat{y}_i = w_1 x_i\n$$\n\nIt costs \\$5, or $ 3.")
        #expect(rendered.bodyHTML.contains("<mfrac>"))
        #expect(rendered.bodyHTML.contains("<em>small</em>"))
        #expect(rendered.bodyHTML.contains("<div class=\"display-math\"><math display=\"block\""))
        #expect(rendered.bodyHTML.contains("costs $5, or $ 3."))
        #expect(!rendered.bodyHTML.contains("mlhubslot"))
        #expect(rendered.warnings.isEmpty)
    }

    @Test("math inside code spans and code blocks is left alone")
    func codeIsNotMath() throws {
        let rendered = try render(body: "Use `$x_1$` literally.\n\n```\nlet price = \"$x$\"\n```\n")
        #expect(rendered.bodyHTML.contains("<code>$x_1$</code>"))
        #expect(rendered.bodyHTML.contains("let price = &quot;$x$&quot;"))
        #expect(!rendered.bodyHTML.contains("<math"))
    }

    @Test("unknown LaTeX shows as visible source and becomes a warning with its line")
    func unknownLaTeX() throws {
        let rendered = try render(body: "Line one.\n\nHere $\\frobnicate{x}$ fails.")
        #expect(rendered.bodyHTML.contains("<merror>"))
        #expect(rendered.bodyHTML.contains("frobnicate"))
        #expect(rendered.warnings.count == 1)
        #expect(rendered.warnings.first?.line == 21)
    }

    @Test("headings get anchors and make the table of contents")
    func headings() throws {
        let rendered = try render(body: "## The idea\n\nText.\n\n### A detail\n\n## The idea\n")
        #expect(rendered.tableOfContents.map(\.anchor) == ["the-idea", "a-detail", "the-idea-2"])
        #expect(rendered.tableOfContents.map(\.level) == [2, 3, 2])
        #expect(rendered.bodyHTML.contains("<h2 id=\"the-idea\">"))
    }

    @Test("figures are computed, captioned and cached; a failing figure shows an error and warns")
    func figures() throws {
        let extra = """
            figures:
              four:
                function: dots
                caption: Four *dots*.
                params: { count: 4 }
              oops:
                function: broken
                caption: Never drawn.

            """
        let rendered = try render(body: "@figure four\n\n@figure oops\n", extra: extra)
        #expect(rendered.bodyHTML.contains("<figure class=\"live-figure\" id=\"figure-four\"><svg"))
        #expect(rendered.bodyHTML.contains("<title>4 dots</title>"))
        #expect(rendered.bodyHTML.contains("<figcaption>Four <em>dots</em>.</figcaption>"))
        #expect(rendered.bodyHTML.contains("could not be computed: no data"))
        #expect(rendered.warnings.map(\.message) == ["figure 'oops' failed: no data"])
    }

    @Test("code regions show the compiled file's exact region, highlighted")
    func codeRegions() throws {
        let code = """
            enum FirstLesson {
                static func run() -> Int {
                    // region: sum
                    let total = [1, 2, 3].reduce(0, +)
                    // endregion
                    return total
                }
            }
            """
        let rendered = try render(body: "@code sum\n", extra: "code: Alpha/First.swift\n", code: ["Alpha/First.swift": code])
        #expect(rendered.bodyHTML.contains("Curriculum/code/Alpha/First.swift"))
        #expect(rendered.bodyHTML.contains("<span class=\"tok-keyword\">let</span>"))
        #expect(!rendered.bodyHTML.contains("region: sum"))
        #expect(!rendered.bodyHTML.contains("return total"))
        #expect(rendered.plainText.contains("reduce"))
    }

    @Test("quiz text is rendered inline with math")
    func quiz() throws {
        let quiz = """
              - question: What is $x^2$ at $x = 3$?
                choices:
                  - text: "**9**"
                    correct: true
                    explanation: Three times three.
                  - text: "6"
                    explanation: That is $2x$.
            """
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(quiz: quiz)])
        let curriculum = try fixture.load()
        let rendered = LessonRenderer(curriculum: curriculum, figures: CurriculumFixture.figures).render(try #require(curriculum.lesson("alpha/first")))
        let question = try #require(rendered.quiz.first)
        #expect(question.html.hasPrefix("What is <math"))
        #expect(question.choices[0].html == "<strong>9</strong>")
        #expect(question.choices[1].explanationHTML.contains("<msup>") == false)
        #expect(question.choices[1].explanationHTML.contains("<math"))
        #expect(question.correctIndex == 0)
    }
}

@Suite("Ink workarounds")
struct InkWorkaroundTests {
    @Test("a wrapped line starting with a code span stays in its paragraph")
    func codeSpanAtLineStart() throws {
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(body: "Every op is taped;\n`backward()` walks the tape.\n")])
        let curriculum = try fixture.load()
        let rendered = LessonRenderer(curriculum: curriculum, figures: CurriculumFixture.figures).render(try #require(curriculum.lesson("alpha/first")))
        #expect(rendered.bodyHTML.contains("<p>Every op is taped; <code>backward()</code> walks the tape.</p>"))
    }
}
