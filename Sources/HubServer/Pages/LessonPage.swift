import Foundation
import Hummingbird
import Lessons
import Synchronization

/// A lesson: its prose, figures and code, table of contents, prerequisites, time, the
/// "mark as done" control, the quiz, and links to the previous and next lessons.
enum LessonPage {
    /// The page's UTF-8 bytes. Without a quiz result they come from `LessonPageCache` (a lesson
    /// page is a few hundred KB, and building it is most of the cost of serving it); with one
    /// the page is built. A cached buffer is shared, not copied: the response writes the same
    /// storage to every connection.
    static func page(
        _ rendered: RenderedLesson, curriculum: Curriculum, completedAt: Date?, quizResult: QuizResult? = nil
    ) -> ByteBuffer {
        guard quizResult == nil else {
            return ByteBuffer(string: build(rendered, curriculum: curriculum, completedAt: completedAt, quizResult: quizResult))
        }
        // Only whether the lesson is done shows on the page, not when.
        return LessonPageCache.shared.page(rendered, curriculum: curriculum, done: completedAt != nil) {
            ByteBuffer(string: build(rendered, curriculum: curriculum, completedAt: completedAt, quizResult: nil))
        }
    }

    static func build(
        _ rendered: RenderedLesson, curriculum: Curriculum, completedAt: Date?, quizResult: QuizResult?
    ) -> String {
        let lesson = rendered.lesson
        let module = curriculum.module(lesson.module)
        let prerequisites = lesson.prerequisites.compactMap { curriculum.lesson($0) }
        let prerequisiteText = prerequisites.isEmpty ? "" : """
            <p class="prerequisites"><span>Before this:</span> \(prerequisites.map { "<a href=\"\($0.path)\">\($0.title.htmlEscaped)</a>" }.joined(separator: ", "))</p>
            """
        // A <details> so that on a phone the contents fold away (hub.js closes it there).
        let toc = rendered.tableOfContents.isEmpty ? "" : """
            <nav class="toc" aria-label="On this page"><details class="toc-details" open><summary>On this page</summary><ol>
            \(rendered.tableOfContents.map { "<li class=\"toc-level-\($0.level)\"><a href=\"#\($0.anchor)\">\($0.text.htmlEscaped)</a></li>" }.joined(separator: "\n"))
            \(rendered.quiz.isEmpty ? "" : "<li class=\"toc-level-2\"><a href=\"#quiz-title\">Check yourself</a></li>")
            </ol></details></nav>
            """
        let comingSoon = lesson.status == .comingSoon ? """
            <div class="notice" role="note"><strong>Coming soon.</strong> This lesson is planned; its prose, live figures, code and quiz are being written.</div>
            """ : ""
        let main = """
            <nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Modules</a> <span aria-hidden="true">›</span> \
            <a href="/modules/\(lesson.module)">\((module?.title ?? lesson.module).htmlEscaped)</a> <span aria-hidden="true">›</span> \
            <span aria-current="page">\(lesson.title.htmlEscaped)</span></nav>
            <div class="lesson-layout">
            <article class="lesson" data-lesson="\(lesson.id)">
            <header class="lesson-header">
            <h1>\(lesson.title.htmlEscaped)</h1>
            <p class="lead">\(lesson.summary.htmlEscaped)</p>
            <p class="meta"><span>\(PageLayout.minutes(lesson.minutes))</span>\(completedAt == nil ? "" : " · <span class=\"badge badge-done\">✓ Done</span>")</p>
            \(prerequisiteText)
            </header>
            \(comingSoon)
            <div class="lesson-body">
            \(rendered.bodyHTML)
            </div>
            \(QuizView.html(rendered, result: quizResult))
            \(lesson.status == .ready ? doneForm(lesson, completedAt: completedAt) : "")
            </article>
            <aside class="lesson-aside">\(toc)</aside>
            </div>
            \(pager(lesson, curriculum: curriculum))
            """
        return PageLayout.page(title: lesson.title, description: lesson.summary, main: main)
    }

    static func doneForm(_ lesson: Lesson, completedAt: Date?) -> String {
        let done = completedAt != nil
        return """
        <form class="done-form" method="post" action="\(lesson.path)/done" data-lesson="\(lesson.id)">
        <input type="hidden" name="done" value="\(done ? "false" : "true")">
        <button type="submit" class="button\(done ? " is-done" : "")" aria-pressed="\(done)">\(done ? "✓ Done (mark as not done)" : "Mark as done")</button>
        <span class="done-status" role="status"></span>
        </form>
        """
    }

    static func pager(_ lesson: Lesson, curriculum: Curriculum) -> String {
        let previous = curriculum.previous(of: lesson.id).map {
            "<a class=\"pager-prev\" rel=\"prev\" href=\"\($0.path)\"><span>Previous</span>\($0.title.htmlEscaped)</a>"
        } ?? "<span></span>"
        let next = curriculum.next(of: lesson.id).map {
            "<a class=\"pager-next\" rel=\"next\" href=\"\($0.path)\"><span>Next</span>\($0.title.htmlEscaped)</a>"
        } ?? "<span></span>"
        return "<nav class=\"pager\" aria-label=\"Lessons\">\(previous)\(next)</nav>"
    }
}

/// Finished lesson pages without a quiz result: one per lesson and done state.
///
/// Such a page is made only from the rendered lesson, a few curriculum facts (module title,
/// prerequisites, previous and next lesson) and whether the lesson is done. Each entry keeps
/// those inputs, and a cached page is returned only when they equal the request's, so a page
/// is never stale, whichever curriculum (tests build several) the lesson comes from. The
/// check is cheap: equal strings and arrays that share storage, as the hub's rendered
/// lessons do from one request to the next, compare without reading their contents.
final class LessonPageCache: Sendable {
    static let shared = LessonPageCache()

    private struct Key: Hashable {
        let lessonID: String
        let done: Bool
    }

    private struct Entry: Sendable {
        let inputs: Inputs
        let html: ByteBuffer
    }

    /// Everything the page is made from (besides `done`, part of the key).
    private struct Inputs: Sendable {
        let rendered: RenderedLesson
        let moduleTitle: String?
        let prerequisites: [Lesson]
        let previous: Lesson?
        let next: Lesson?

        init(_ rendered: RenderedLesson, curriculum: Curriculum) {
            self.rendered = rendered
            moduleTitle = curriculum.module(rendered.lesson.module)?.title
            prerequisites = rendered.lesson.prerequisites.compactMap { curriculum.lesson($0) }
            previous = curriculum.previous(of: rendered.lesson.id)
            next = curriculum.next(of: rendered.lesson.id)
        }

        func matches(_ other: Inputs) -> Bool {
            let a = rendered, b = other.rendered
            return Self.same(a.lesson, b.lesson) && a.bodyHTML == b.bodyHTML && a.tableOfContents == b.tableOfContents
                && a.quiz.count == b.quiz.count && zip(a.quiz, b.quiz).allSatisfy(Self.same)
                && moduleTitle == other.moduleTitle
                && prerequisites.count == other.prerequisites.count && zip(prerequisites, other.prerequisites).allSatisfy(Self.sameLink)
                && Self.sameLink(previous, other.previous) && Self.sameLink(next, other.next)
        }

        /// The lesson fields the page shows.
        private static func same(_ a: Lesson, _ b: Lesson) -> Bool {
            a.id == b.id && a.module == b.module && a.title == b.title && a.summary == b.summary
                && a.minutes == b.minutes && a.status == b.status && a.prerequisites == b.prerequisites
        }

        private static func same(_ a: RenderedLesson.Question, _ b: RenderedLesson.Question) -> Bool {
            a.html == b.html && a.correctIndex == b.correctIndex && a.choices.count == b.choices.count
                && zip(a.choices, b.choices).allSatisfy { $0.html == $1.html && $0.explanationHTML == $1.explanationHTML }
        }

        /// A link to a lesson shows its path (from its id) and title.
        private static func sameLink(_ a: Lesson?, _ b: Lesson?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case let (a?, b?): a.id == b.id && a.title == b.title
            default: false
            }
        }
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The cached page for these inputs, or `build()`'s, which is then cached.
    func page(_ rendered: RenderedLesson, curriculum: Curriculum, done: Bool, build: () -> ByteBuffer) -> ByteBuffer {
        let key = Key(lessonID: rendered.lesson.id, done: done)
        let inputs = Inputs(rendered, curriculum: curriculum)
        if let entry = entries.withLock({ $0[key] }), entry.inputs.matches(inputs) { return entry.html }
        let html = build()
        entries.withLock { $0[key] = Entry(inputs: inputs, html: html) }
        return html
    }
}

/// A graded quiz submission.
struct QuizResult: Sendable, Codable, Equatable {
    struct Answer: Sendable, Codable, Equatable {
        /// The chosen choice, or -1 when the question was left unanswered.
        var chosen: Int
        var correctIndex: Int
        var correct: Bool
        var explanationHTML: String
    }

    var correct: Int
    var total: Int
    var answers: [Answer]

    /// Grades `answers` (one chosen index per question, -1 for none) against `rendered`'s quiz.
    static func grade(_ answers: [Int], against rendered: RenderedLesson) throws(QuizInputError) -> QuizResult {
        guard answers.count == rendered.quiz.count else {
            throw QuizInputError("expected \(rendered.quiz.count) answers, got \(answers.count)")
        }
        var graded: [Answer] = []
        for (question, chosen) in zip(rendered.quiz, answers) {
            guard chosen == -1 || question.choices.indices.contains(chosen) else {
                throw QuizInputError("answer \(graded.count + 1) must be -1 or 0...\(question.choices.count - 1), got \(chosen)")
            }
            let explanation = chosen >= 0 ? question.choices[chosen].explanationHTML : ""
            graded.append(Answer(chosen: chosen, correctIndex: question.correctIndex, correct: chosen == question.correctIndex, explanationHTML: explanation))
        }
        return QuizResult(correct: graded.filter(\.correct).count, total: graded.count, answers: graded)
    }
}

struct QuizInputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
