import Foundation
import Testing
@testable import Lessons

@Suite("Curriculum loader")
struct CurriculumLoaderTests {
    @Test("a valid curriculum loads with modules and lessons in order")
    func loadsInOrder() throws {
        let fixture = try CurriculumFixture(lessons: [
            "alpha/second.md": CurriculumFixture.lesson(id: "alpha/second", order: 2),
            "alpha/first.md": CurriculumFixture.lesson(id: "alpha/first", order: 1),
            "beta/later.md": CurriculumFixture.lesson(id: "beta/later", status: "coming-soon"),
        ])
        let curriculum = try fixture.load()
        #expect(curriculum.modules.map(\.id) == ["alpha", "beta"])
        #expect(curriculum.lessons.map(\.id) == ["alpha/first", "alpha/second", "beta/later"])
        #expect(curriculum.next(of: "alpha/second")?.id == "beta/later")
        #expect(curriculum.previous(of: "alpha/first") == nil)
        #expect(curriculum.lesson("beta/later")?.status == .comingSoon)
        #expect(curriculum.lesson("alpha/first")?.quiz.first?.correctIndex == 0)
        #expect(curriculum.lesson("alpha/first")?.bodyLine == 19)
    }

    @Test("a quiz question without a correct answer is reported with its line")
    func quizWithoutAnswer() throws {
        let quiz = """
              - question: Which?
                choices:
                  - text: A
                    explanation: x
                  - text: B
                    explanation: y
            """
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(quiz: quiz)])
        let problems = fixture.problems()
        #expect(problems == [CurriculumProblem(file: "lessons/alpha/first.md", line: 11, message: "quiz question has no correct answer")])
    }

    @Test("unknown figure functions, bad figure parameters and undeclared figures are reported")
    func figures() throws {
        let extra = """
            figures:
              good:
                function: dots
                caption: Fine.
                params: { count: 4 }
              typo:
                function: dotz
                caption: Misspelt.
              bad:
                function: dots
                caption: Wrong parameter.
                params: { colour: red }

            """
        let body = "Intro.\n\n@figure good\n\n@figure missing\n"
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(extra: extra, body: body)])
        let messages = fixture.problems().map(\.description)
        #expect(messages.contains("lessons/alpha/first.md:16: figure 'typo' names unknown figure function 'dotz'"))
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:19: figure 'bad': unknown parameter 'colour'") })
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:") && $0.contains("unknown figure 'missing'") })
        #expect(messages.count == 3)
    }

    @Test("missing code regions and missing code files are reported")
    func codeRegions() throws {
        let code = """
            enum FirstLesson {
                static func run() {
                    // region: greet
                    print("hi")
                    // endregion
                }
            }
            """
        let body = "@code greet\n\n@code farewell\n"
        let fixture = try CurriculumFixture(
            lessons: [
                "alpha/first.md": CurriculumFixture.lesson(extra: "code: Alpha/First.swift\n", body: body),
                "alpha/second.md": CurriculumFixture.lesson(id: "alpha/second", order: 2, extra: "code: Alpha/Missing.swift\n"),
            ],
            code: ["Alpha/First.swift": code]
        )
        let messages = fixture.problems().map(\.description)
        #expect(messages.contains("lessons/alpha/first.md:22: missing code region 'farewell' in code/Alpha/First.swift"))
        #expect(messages.contains("lessons/alpha/second.md:10: code file code/Alpha/Missing.swift does not exist"))
        #expect(messages.count == 2)
    }

    @Test("broken links, unknown prerequisites, wrong ids and unknown fields are reported")
    func crossReferences() throws {
        let lesson = CurriculumFixture.lesson(
            extra: "colour: blue\n",
            body: "See [the second](/lessons/alpha/second) and [nothing](/lessons/beta/ghost).\n"
        ).replacingOccurrences(of: "prerequisites: []", with: "prerequisites: [beta/none]")
        let fixture = try CurriculumFixture(lessons: [
            "alpha/first.md": lesson,
            "alpha/second.md": CurriculumFixture.lesson(id: "alpha/other", order: 2),
            "gamma/stray.md": CurriculumFixture.lesson(id: "gamma/stray"),
        ])
        let messages = fixture.problems().map(\.description)
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:10: unknown field 'colour'") })
        #expect(messages.contains("lessons/alpha/first.md:20: broken link to lesson 'beta/ghost'"))
        #expect(messages.contains("lessons/alpha/first.md:20: broken link to lesson 'alpha/second'"))
        #expect(messages.contains("lessons/alpha/first.md:7: prerequisite 'beta/none' is not a lesson"))
        #expect(messages.contains("lessons/alpha/second.md:2: id 'alpha/other' does not match the file's place (expected 'alpha/second')"))
        #expect(messages.contains("lessons/gamma: folder is not a module listed in modules.yml"))
    }

    @Test("bad YAML, missing front matter and unclosed blocks are reported, all at once")
    func malformedFiles() throws {
        let fixture = try CurriculumFixture(lessons: [
            "alpha/first.md": "---\nid: [unclosed\n---\nBody\n",
            "alpha/second.md": "No front matter here.\n",
            "alpha/third.md": CurriculumFixture.lesson(id: "alpha/third", order: 3, body: "Text\n\n```swift\nlet x = 1\n"),
            "beta/fourth.md": CurriculumFixture.lesson(id: "beta/fourth", body: "$$\n\\frac{1}{2}\n"),
        ])
        let problems = fixture.problems()
        #expect(problems.contains { $0.file == "lessons/alpha/first.md" && $0.message.hasPrefix("front matter is not valid YAML") })
        #expect(problems.contains { $0.file == "lessons/alpha/second.md" && $0.line == 1 && $0.message.contains("front matter") })
        #expect(problems.contains(CurriculumProblem(file: "lessons/alpha/third.md", line: 21, message: "code block opened here is never closed")))
        #expect(problems.contains(CurriculumProblem(file: "lessons/beta/fourth.md", line: 19, message: "display math opened with $$ here is never closed")))
        #expect(problems.count == 4)
    }

    @Test("a missing modules.yml and an unknown directive are reported")
    func missingModulesAndDirectives() throws {
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(body: "@video intro\n")])
        #expect(fixture.problems().map(\.description) == ["lessons/alpha/first.md:19: unknown directive '@video' (known: @figure, @code, @demo)"])
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("modules.yml"))
        #expect(fixture.problems().first?.file == "modules.yml")
    }

    @Test("the bundled curriculum loads without problems and covers the syllabus")
    func bundledCurriculum() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Curriculum")
        let curriculum = try CurriculumLoader.load(from: root)
        // The syllabus has 40 lessons in 13 modules; every one has a page.
        #expect(curriculum.lessons.count == 40)
        #expect(curriculum.modules.count == 13)
        for id in ["setup/swift-ml-stack", "math/linear-algebra", "deep/neural-networks"] {
            let lesson = try #require(curriculum.lesson(id))
            #expect(lesson.status == .ready)
            #expect(!lesson.quiz.isEmpty)
            #expect(!lesson.figures.isEmpty)
        }
    }
}

@Suite("Demo embeds and links")
struct DemoEmbedTests {
    static let figure = """
        figures:
          still:
            function: dots
            caption: A still.

        """

    @Test("@demo embeds a live demo with its fallback figure and a link that works without JavaScript")
    func embed() throws {
        let fixture = try CurriculumFixture(lessons: [
            "alpha/first.md": CurriculumFixture.lesson(extra: Self.figure, body: "Try [the XOR preset](/demos/nn-simulator?preset=linear-xor).\n\n@demo nn-simulator?dataset=xor still\n"),
        ])
        let curriculum = try fixture.load()
        let rendered = LessonRenderer(curriculum: curriculum, figures: CurriculumFixture.figures).render(try #require(curriculum.lesson("alpha/first")))
        #expect(rendered.bodyHTML.contains(#"data-demo-src="/demos/nn-simulator?dataset=xor&amp;embed=1""#))
        #expect(rendered.bodyHTML.contains(#"<a class="button" href="/demos/nn-simulator?dataset=xor">"#))
        #expect(rendered.bodyHTML.contains("<title>3 dots</title>"))
        #expect(rendered.warnings.isEmpty)
    }

    @Test("unknown demos, presets, bad settings and missing fallbacks are reported with their lines")
    func problems() throws {
        let body = """
            [a](/demos/no-such-demo) and [b](/demos/nn-simulator?preset=nope) and [c](/demos/nn-simulator?hidden=99).

            @demo optimizer-race missing-figure

            @demo nn-simulator
            """
        let fixture = try CurriculumFixture(lessons: ["alpha/first.md": CurriculumFixture.lesson(extra: Self.figure, body: body)])
        let messages = fixture.problems().map(\.description)
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:23: demo link '/demos/no-such-demo'") })
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:23: demo link '/demos/nn-simulator?preset=nope'") })
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:23: demo link '/demos/nn-simulator?hidden=99'") })
        #expect(messages.contains("lessons/alpha/first.md:25: unknown fallback figure 'missing-figure' for @demo (declare it under 'figures:')"))
        #expect(messages.contains { $0.hasPrefix("lessons/alpha/first.md:27: @demo needs a demo and a fallback figure") })
        #expect(messages.count == 5)
    }
}
