import Foundation
import Hummingbird
import HummingbirdTesting
import Lessons
import Testing
@testable import HubServer

@Suite("HTML pages")
struct PageRouteTests {
    @Test("the home page lists every module with its progress")
    func home() async throws {
        let hub = try TestHub.make()
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                for module in hub.curriculum.modules {
                    #expect(response.text.contains("href=\"/modules/\(module.id)\""))
                }
                #expect(response.text.contains("<progress"))
            }
        }
    }

    @Test("a module page lists its lessons; an unknown module is a 404 page")
    func modulePage() async throws {
        let hub = try TestHub.make()
        let module = try #require(hub.curriculum.modules.first)
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "/modules/\(module.id)", method: .get) { response in
                #expect(response.status == .ok)
                for lesson in module.lessons { #expect(response.text.contains("href=\"\(lesson.path)\"")) }
            }
            try await client.execute(uri: "/modules/no-such-module", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Page not found"))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test("a ready lesson page has math, a figure, code, contents, quiz, done control and pager")
    func lessonPage() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: lesson.path, method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("<math"))
                #expect(page.contains("<svg"))
                #expect(page.contains("class=\"code-region\""))
                #expect(page.contains("class=\"toc\""))
                #expect(page.contains("class=\"quiz-form\""))
                #expect(page.contains("Mark as done"))
                #expect(page.contains("class=\"pager\""))
                #expect(page.contains("\(lesson.minutes) min"))
            }
        }
    }

    @Test("a coming-soon lesson says so; an unknown lesson is 404")
    func comingSoonAndUnknown() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.comingSoonLesson()
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: lesson.path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Coming soon"))
                #expect(!response.text.contains("Mark as done"))
            }
            for uri in ["/lessons/deep/no-such-lesson", "/lessons/deep", "/lessons/a/b/c", "/nothing-here"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
        }
    }

    @Test("mark as done works as a plain form and shows on the lesson, module and progress pages")
    func markDoneForm() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(
                uri: "\(lesson.path)/done", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "done=true")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == lesson.path)
            }
            try await client.execute(uri: lesson.path, method: .get) { response in
                #expect(response.text.contains("✓ Done (mark as not done)"))
            }
            try await client.execute(uri: "/progress", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("1 of"))
            }
            try await client.execute(uri: "\(lesson.path)/done", method: .post, body: ByteBuffer(string: "done=maybe")) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try await hub.repository.completedLessons().map(\.lessonID) == [lesson.id])
    }

    @Test("the quiz works as a plain form: graded, explained and recorded")
    func quizForm() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        let form = lesson.quiz.enumerated().map { "q\($0.offset)=\($0.element.correctIndex)" }.joined(separator: "&")
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "\(lesson.path)/quiz", method: .post, body: ByteBuffer(string: form)) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("You got \(lesson.quiz.count) of \(lesson.quiz.count) right."))
                #expect(response.text.contains("choice is-correct"))
            }
        }
        let attempts = try await hub.repository.quizAttempts(lessonID: lesson.id)
        #expect(attempts.count == 1)
        #expect(attempts.first?.correct == lesson.quiz.count)
    }

    @Test("search ranks lessons and marks the matches")
    func search() async throws {
        let hub = try TestHub.make()
        let lesson = try TestHub.readyLesson()
        let word = String(try #require(lesson.title.split(separator: " ").max { $0.count < $1.count }))
        try await TestHub.application(hub).test(.router) { client in
            try await client.execute(uri: "/search?q=\(word)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/lessons/\(lesson.id)\""))
                #expect(response.text.contains("<mark>"))
            }
            try await client.execute(uri: "/search?q=%22%3Cscript%3E", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script>"))
            }
            try await client.execute(uri: "/search", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("static files are served from the bundle only; traversal is 404")
    func staticFiles() async throws {
        let hub = try TestHub.make()
        try await TestHub.application(hub).test(.router) { client in
            for name in ["hub.css", "hub.js", "theme.js", "favicon.svg", "charts.css", "openapi.yaml"] {
                try await client.execute(uri: "/static/\(name)", method: .get) { response in
                    #expect(response.status == .ok, "\(name)")
                }
            }
            for uri in [
                "/static/../Package.swift", "/static/..%2F..%2FPackage.swift", "/static/%2e%2e/%2e%2e/etc/passwd",
                "/static/", "/static/Public", "/static/hub.css/../../Package.swift", "/static//etc/passwd",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!response.text.contains("swift-tools-version"))
                    #expect(!response.text.contains("root:"))
                }
            }
        }
    }
}
