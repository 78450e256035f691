import Foundation
import Hummingbird
import Lessons

/// The JSON API under `/api/` (documented in `Public/openapi.yaml`).
struct APIController {
    let hub: Hub

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("lessons") { _, _ -> Response in
            let done = try await hub.completedLessonIDs()
            return JSONBody.response(hub.curriculum.lessons.map { LessonSummary($0, completedAt: done[$0.id]) })
        }
        group.get("lessons/:module/:lesson") { _, context -> Response in
            let rendered = try rendered(context)
            let done = try await hub.completedLessonIDs()
            return JSONBody.response(LessonDetail(rendered, completedAt: done[rendered.lesson.id], curriculum: hub.curriculum))
        }
        group.get("search") { request, _ -> Response in
            let query = request.uri.queryParameters.get("q") ?? ""
            guard query.count <= 200 else { throw HTTPError(.badRequest, message: "the query is longer than 200 characters") }
            return JSONBody.response(SearchResponse(query: query, hits: try hub.searchLessons(query)))
        }
        group.get("progress") { _, _ -> Response in
            let completed = try await hub.repository.completedLessons()
            var attempts: [QuizAttempt] = []
            for lesson in hub.curriculum.lessons where !lesson.quiz.isEmpty {
                attempts += try await hub.repository.quizAttempts(lessonID: lesson.id)
            }
            return JSONBody.response(ProgressResponse(completed: completed, quizAttempts: attempts))
        }
        group.put("progress/:module/:lesson") { request, context -> Response in
            let lesson = try rendered(context).lesson
            let body = try await JSONBody.decode(ProgressUpdate.self, from: request, context: context)
            guard lesson.status == .ready else { throw HTTPError(.conflict, message: "'\(lesson.id)' is coming soon and cannot be marked done") }
            let progress = try await hub.repository.setLesson(lesson.id, done: body.done, at: Date())
            return JSONBody.response(ProgressState(lessonID: lesson.id, done: progress != nil, completedAt: progress?.completedAt))
        }
        group.post("quiz/:module/:lesson") { request, context -> Response in
            let rendered = try rendered(context)
            guard !rendered.quiz.isEmpty else { throw HTTPError(.notFound, message: "'\(rendered.lesson.id)' has no quiz") }
            let body = try await JSONBody.decode(QuizSubmission.self, from: request, context: context)
            let result: QuizResult
            do {
                result = try QuizResult.grade(body.answers, against: rendered)
            } catch let error as QuizInputError {
                throw HTTPError(.badRequest, message: error.description)
            }
            try await hub.recordQuiz(result, answers: body.answers, lessonID: rendered.lesson.id)
            return JSONBody.response(result)
        }
        group.get("**") { _, _ -> Response in throw HTTPError(.notFound, message: "no such API route") }
    }

    private func rendered(_ context: HubRequestContext) throws -> RenderedLesson {
        let id = "\(try context.parameters.require("module"))/\(try context.parameters.require("lesson"))"
        guard let rendered = hub.rendered(id) else { throw HTTPError(.notFound, message: "no lesson '\(id)'") }
        return rendered
    }
}
