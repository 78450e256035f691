import Foundation
import Lessons

/// The JSON shapes of the API (see `Public/openapi.yaml`).
struct LessonSummary: Encodable {
    let id, title, module, summary, status, url: String
    let order, minutes: Int
    let prerequisites: [String]
    let done: Bool
    let completedAt: Date?

    init(_ lesson: Lesson, completedAt: Date?) {
        id = lesson.id
        title = lesson.title
        module = lesson.module
        summary = lesson.summary
        status = lesson.status.rawValue
        url = lesson.path
        order = lesson.order
        minutes = lesson.minutes
        prerequisites = lesson.prerequisites
        done = completedAt != nil
        self.completedAt = completedAt
    }
}

struct LessonDetail: Encodable {
    struct Heading: Encodable { let level: Int; let anchor, text: String }
    struct Question: Encodable { let questionHTML: String; let choicesHTML: [String] }

    let lesson: LessonSummary
    let html: String
    let tableOfContents: [Heading]
    let quiz: [Question]
    let previous: String?
    let next: String?

    init(_ rendered: RenderedLesson, completedAt: Date?, curriculum: Curriculum) {
        lesson = LessonSummary(rendered.lesson, completedAt: completedAt)
        html = rendered.bodyHTML
        tableOfContents = rendered.tableOfContents.map { Heading(level: $0.level, anchor: $0.anchor, text: $0.text) }
        quiz = rendered.quiz.map { Question(questionHTML: $0.html, choicesHTML: $0.choices.map(\.html)) }
        previous = curriculum.previous(of: rendered.lesson.id)?.id
        next = curriculum.next(of: rendered.lesson.id)?.id
    }
}

struct SearchResponse: Encodable {
    let query: String
    let hits: [SearchHit]
}

struct ProgressResponse: Encodable {
    let completed: [LessonProgress]
    let quizAttempts: [QuizAttempt]
}

struct ProgressUpdate: Decodable {
    let done: Bool
}

struct ProgressState: Encodable {
    let lessonID: String
    let done: Bool
    let completedAt: Date?
}

struct QuizSubmission: Decodable {
    /// One chosen choice index per question; -1 leaves a question unanswered.
    let answers: [Int]
}
