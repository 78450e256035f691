import Foundation
import Hummingbird
@testable import Lessons
import Testing
@testable import HubServer

/// `LessonPage.page` serves lesson pages from `LessonPageCache`: the cached page must be exactly
/// the page `LessonPage.build` makes, for every lesson and both done states, and must never be
/// served for other inputs.
@Suite("Lesson page cache")
struct LessonPageCacheTests {
    @Test("a cached page is byte for byte the built page, for every lesson, done or not")
    func cachedEqualsBuilt() throws {
        let content = try TestHub.content.get()
        for lesson in content.curriculum.lessons {
            let rendered = try #require(content.rendered(lesson.id))
            for completedAt in [nil, Date(timeIntervalSince1970: 1_700_000_000)] as [Date?] {
                let built = LessonPage.build(rendered, curriculum: content.curriculum, completedAt: completedAt, quizResult: nil)
                // First call may fill the cache, the second is served from it.
                #expect(page(rendered, curriculum: content.curriculum, completedAt: completedAt) == built, "\(lesson.id)")
                #expect(page(rendered, curriculum: content.curriculum, completedAt: completedAt) == built, "\(lesson.id)")
            }
        }
    }

    @Test("done and not-done pages differ, and a quiz result is never served from the cache")
    func doneStateAndQuizResult() throws {
        let content = try TestHub.content.get()
        let lesson = try TestHub.readyLesson()
        let rendered = try #require(content.rendered(lesson.id))
        let notDone = page(rendered, curriculum: content.curriculum, completedAt: nil)
        let done = page(rendered, curriculum: content.curriculum, completedAt: Date())
        #expect(notDone.contains("Mark as done") && !notDone.contains("badge-done"))
        #expect(done.contains("✓ Done (mark as not done)") && done.contains("badge-done"))

        let result = try QuizResult.grade(Array(repeating: 0, count: rendered.quiz.count), against: rendered)
        let graded = page(rendered, curriculum: content.curriculum, completedAt: nil, quizResult: result)
        #expect(graded.contains("You got \(result.correct) of \(result.total) right."))
        #expect(graded == LessonPage.build(rendered, curriculum: content.curriculum, completedAt: nil, quizResult: result))
        #expect(page(rendered, curriculum: content.curriculum, completedAt: nil) == notDone)
    }

    @Test("a lesson with the same id from another curriculum gets its own page, not the cached one")
    func otherCurriculumSameID() throws {
        let content = try TestHub.content.get()
        let lesson = try TestHub.readyLesson()
        let rendered = try #require(content.rendered(lesson.id))
        let original = page(rendered, curriculum: content.curriculum, completedAt: nil)

        // The same lesson id with another body, as a second (test) curriculum could have it.
        let changed = RenderedLesson(
            lesson: rendered.lesson, bodyHTML: rendered.bodyHTML + "<p>changed</p>", tableOfContents: rendered.tableOfContents,
            quiz: rendered.quiz, warnings: rendered.warnings, plainText: rendered.plainText
        )
        let changedPage = page(changed, curriculum: content.curriculum, completedAt: nil)
        #expect(changedPage.contains("<p>changed</p>"))
        #expect(changedPage == LessonPage.build(changed, curriculum: content.curriculum, completedAt: nil, quizResult: nil))
        // And back: the original inputs get the original page again.
        #expect(page(rendered, curriculum: content.curriculum, completedAt: nil) == original)
    }

    @Test("a cached page is served from one shared buffer, not a copy per request")
    func sharedStorage() throws {
        let content = try TestHub.content.get()
        let rendered = try #require(content.rendered(try TestHub.readyLesson().id))
        let first = LessonPage.page(rendered, curriculum: content.curriculum, completedAt: nil)
        let second = LessonPage.page(rendered, curriculum: content.curriculum, completedAt: nil)
        let firstAddress = first.withUnsafeReadableBytes { $0.baseAddress }
        let secondAddress = second.withUnsafeReadableBytes { $0.baseAddress }
        #expect(firstAddress != nil && firstAddress == secondAddress)
    }

    /// `LessonPage.page` as text.
    private func page(_ rendered: RenderedLesson, curriculum: Curriculum, completedAt: Date?, quizResult: QuizResult? = nil) -> String {
        String(buffer: LessonPage.page(rendered, curriculum: curriculum, completedAt: completedAt, quizResult: quizResult))
    }
}
