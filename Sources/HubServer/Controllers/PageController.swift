import Foundation
import Hummingbird
import Lessons

/// The HTML pages: `/`, `/modules/{module}`, `/lessons/{module}/{lesson}`, `/search?q=…`,
/// `/progress`, and the form posts that work without JavaScript (mark as done, quiz).
struct PageController {
    let hub: Hub

    func addRoutes(to router: Router<HubRequestContext>) {
        router.get("/") { _, _ -> Response in
            HTML.response(CatalogPages.home(curriculum: hub.curriculum, done: try await hub.completedLessonIDs()))
        }
        router.get("/modules/:module") { _, context -> Response in
            guard let module = hub.curriculum.module(try context.parameters.require("module")) else { throw HTTPError(.notFound) }
            return HTML.response(CatalogPages.module(module, curriculum: hub.curriculum, done: try await hub.completedLessonIDs()))
        }
        router.get("/lessons/:module/:lesson") { _, context -> Response in
            let rendered = try rendered(context)
            let done = try await hub.completedLessonIDs()
            return HTML.response(LessonPage.page(rendered, curriculum: hub.curriculum, completedAt: done[rendered.lesson.id]))
        }
        router.post("/lessons/:module/:lesson/done") { request, context -> Response in
            let rendered = try rendered(context)
            guard rendered.lesson.status == .ready else { throw HTTPError(.badRequest, message: "a coming-soon lesson cannot be marked done") }
            let form = try await FormBody.decode(request, context: context)
            guard let value = form["done"], value == "true" || value == "false" else {
                throw HTTPError(.badRequest, message: "the form needs done=true or done=false")
            }
            _ = try await hub.repository.setLesson(rendered.lesson.id, done: value == "true", at: Date())
            return Response(status: .seeOther, headers: [.location: rendered.lesson.path])
        }
        router.post("/lessons/:module/:lesson/quiz") { request, context -> Response in
            let rendered = try rendered(context)
            let form = try await FormBody.decode(request, context: context)
            let answers = rendered.quiz.indices.map { index in form["q\(index)"].flatMap { Int($0) } ?? -1 }
            let result: QuizResult
            do {
                result = try QuizResult.grade(answers, against: rendered)
            } catch let error as QuizInputError {
                throw HTTPError(.badRequest, message: error.description)
            }
            try await hub.recordQuiz(result, answers: answers, lessonID: rendered.lesson.id)
            let done = try await hub.completedLessonIDs()
            return HTML.response(LessonPage.page(rendered, curriculum: hub.curriculum, completedAt: done[rendered.lesson.id], quizResult: result))
        }
        router.get("/search") { request, _ -> Response in
            let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
            let hits = try hub.searchLessons(query)
            return HTML.response(SearchPage.page(query: query, hits: hits, curriculum: hub.curriculum))
        }
        router.get("/progress") { _, _ -> Response in
            let done = try await hub.completedLessonIDs()
            let scores = try await hub.bestQuizScores()
            return HTML.response(ProgressPage.page(curriculum: hub.curriculum, done: done, bestScores: scores))
        }
    }

    private func rendered(_ context: HubRequestContext) throws -> RenderedLesson {
        let id = "\(try context.parameters.require("module"))/\(try context.parameters.require("lesson"))"
        guard let rendered = hub.rendered(id) else { throw HTTPError(.notFound, message: "no lesson '\(id)'") }
        return rendered
    }
}

/// `application/x-www-form-urlencoded` bodies, as plain HTML forms send them.
enum FormBody {
    static func decode(_ request: Request, context: HubRequestContext) async throws -> [String: String] {
        let buffer = try await RequestBody.collect(request, context: context)
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
            throw HTTPError(.badRequest, message: "the form body is not UTF-8 text")
        }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String? {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let key = decoded(parts[0]), let value = parts.count > 1 ? decoded(parts[1]) : "" else {
                throw HTTPError(.badRequest, message: "the form body is not valid URL encoding")
            }
            fields[key] = value
        }
        return fields
    }
}

extension Hub {
    func recordQuiz(_ result: QuizResult, answers: [Int], lessonID: String) async throws {
        _ = try await repository.recordQuizAttempt(QuizAttempt(
            id: nil, lessonID: lessonID, answers: answers, correct: result.correct, total: result.total, submittedAt: Date()
        ))
    }

    func bestQuizScores() async throws -> [String: (correct: Int, total: Int)] {
        var scores: [String: (correct: Int, total: Int)] = [:]
        for lesson in curriculum.lessons where !lesson.quiz.isEmpty {
            if let best = try await repository.quizAttempts(lessonID: lesson.id).max(by: { $0.correct < $1.correct }) {
                scores[lesson.id] = (best.correct, best.total)
            }
        }
        return scores
    }
}
