import Foundation
import Hummingbird
import HummingbirdTesting
import Lessons
import Testing
import Yams
@testable import HubServer

@Suite("JSON API")
struct APIRouteTests {
    struct ErrorBody: Decodable {
        struct Detail: Decodable { let status: Int; let message: String }
        let error: Detail
    }

    private func error(_ response: TestResponse) -> ErrorBody.Detail? {
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        return try? JSONDecoder().decode(ErrorBody.self, from: Data(buffer: response.body)).error
    }

    @Test("GET /api/lessons lists every lesson in catalogue order")
    func lessons() async throws {
        let hub = try TestHub.make()
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "/api/lessons", method: .get) { response in
                #expect(response.status == .ok)
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(list?.compactMap { $0["id"] as? String } == hub.curriculum.lessons.map(\.id))
            }
        }
    }

    @Test("GET /api/lessons/{module}/{lesson} gives the rendered lesson; unknown is a JSON 404")
    func lesson() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "/api/lessons/\(lesson.id)", method: .get) { response in
                #expect(response.status == .ok)
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((object?["html"] as? String)?.contains("<math") == true)
                #expect((object?["quiz"] as? [Any])?.count == lesson.quiz.count)
                #expect(!String(buffer: response.body).contains("correctIndex"))
            }
            try await client.execute(uri: "/api/lessons/deep/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(error(response)?.message.contains("deep/nope") == true)
            }
            try await client.execute(uri: "/api/no-such-route", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(error(response)?.status == 404)
            }
        }
    }

    @Test("PUT /api/progress marks done and undone, idempotently; GET /api/progress reports it")
    func progress() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        try await TestHub.application(hub).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/progress/\(lesson.id)", method: .put, body: ByteBuffer(string: #"{"done":true}"#)) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains(#""done":true"#))
                }
            }
            try await client.execute(uri: "/api/progress", method: .get) { response in
                #expect(response.text.contains(#""lessonID":"\#(lesson.id)""#))
            }
            try await client.execute(uri: "/api/progress/\(lesson.id)", method: .put, body: ByteBuffer(string: #"{"done":false}"#)) { response in
                #expect(response.text.contains(#""done":false"#))
            }
        }
        #expect(try await hub.repository.completedLessons().isEmpty)
    }

    @Test("malformed JSON is 400 with the reason; an oversized body is 413; coming soon is 409")
    func badBodies() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        let soon = try TestHub.comingSoonLesson()
        try await TestHub.application(hub).test(.router) { client in
            let cases: [(String, String)] = [
                ("{", "not valid JSON"), (#"{"done":"yes"}"#, "expected Bool"), ("{}", "missing field 'done'"), ("", "not valid JSON"),
            ]
            for (body, reason) in cases {
                try await client.execute(uri: "/api/progress/\(lesson.id)", method: .put, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(error(response)?.message.contains(reason) == true, "\(body)")
                }
            }
            let huge = #"{"done":true,"pad":""# + String(repeating: "x", count: 200_000) + #""}"#
            try await client.execute(uri: "/api/progress/\(lesson.id)", method: .put, body: ByteBuffer(string: huge)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(error(response)?.status == 413)
            }
            try await client.execute(uri: "/api/progress/\(soon.id)", method: .put, body: ByteBuffer(string: #"{"done":true}"#)) { response in
                #expect(response.status == .conflict)
            }
        }
        #expect(try await hub.repository.completedLessons().isEmpty)
    }

    @Test("POST /api/quiz grades, explains and records; wrong answer counts are 400")
    func quiz() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        var answers = lesson.quiz.map(\.correctIndex)
        answers[0] = (answers[0] + 1) % lesson.quiz[0].choices.count
        let body = String(data: try JSONEncoder().encode(["answers": answers]), encoding: .utf8)!
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "/api/quiz/\(lesson.id)", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let result = try JSONDecoder().decode(QuizResult.self, from: Data(buffer: response.body))
                #expect(result.correct == lesson.quiz.count - 1)
                #expect(result.answers[0].correct == false)
                #expect(!result.answers[0].explanationHTML.isEmpty)
            }
            for bad in [#"{"answers":[]}"#, #"{"answers":[99]}"#, #"{"answers":"x"}"#] {
                try await client.execute(uri: "/api/quiz/\(lesson.id)", method: .post, body: ByteBuffer(string: bad)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
        #expect(try await hub.repository.quizAttempts(lessonID: lesson.id).count == 1)
    }

    @Test("every API route is documented in openapi.yaml")
    func openAPIDocumentsRoutes() throws {
        let url = openAPIURL()
        let spec = try String(contentsOf: url, encoding: .utf8)
        let paths = try #require(try Yams.compose(yaml: spec)?["paths"]?.mapping)
        let documented = Set(paths.compactMap { $0.key.string })
        for path in [
            "/api/lessons:", "/api/lessons/{module}/{lesson}:", "/api/search:", "/api/progress:",
            "/api/progress/{module}/{lesson}:", "/api/quiz/{module}/{lesson}:",
            "/api/demos:", "/api/demos/{demo}:", "/api/demos/{demo}/live:", "/api/demos/{demo}/runs:",
            "/api/demos/{demo}/runs/{run}/weights.safetensors:", "/api/demos/{demo}/runs/{run}/model.swift:",
            "/api/demos/{demo}/configurations:",
        ] {
            #expect(documented.contains(String(path.dropLast())), "\(path) is not documented")
        }
    }

    private func openAPIURL() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HubServer/Public/openapi.yaml")
    }
}
