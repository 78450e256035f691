import Foundation
import Lessons

/// A lesson: its prose, figures and code, table of contents, prerequisites, time, the
/// "mark as done" control, the quiz, and links to the previous and next lessons.
enum LessonPage {
    static func page(
        _ rendered: RenderedLesson, curriculum: Curriculum, completedAt: Date?, quizResult: QuizResult? = nil
    ) -> String {
        let lesson = rendered.lesson
        let module = curriculum.module(lesson.module)
        let prerequisites = lesson.prerequisites.compactMap { curriculum.lesson($0) }
        let prerequisiteText = prerequisites.isEmpty ? "" : """
            <p class="prerequisites"><span>Before this:</span> \(prerequisites.map { "<a href=\"\($0.path)\">\($0.title.htmlEscaped)</a>" }.joined(separator: ", "))</p>
            """
        let toc = rendered.tableOfContents.isEmpty ? "" : """
            <nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">On this page</h2><ol>
            \(rendered.tableOfContents.map { "<li class=\"toc-level-\($0.level)\"><a href=\"#\($0.anchor)\">\($0.text.htmlEscaped)</a></li>" }.joined(separator: "\n"))
            \(rendered.quiz.isEmpty ? "" : "<li class=\"toc-level-2\"><a href=\"#quiz-title\">Check yourself</a></li>")
            </ol></nav>
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
