import Foundation
@testable import Lessons

/// A small curriculum written to a temporary folder, for loader and renderer tests.
struct CurriculumFixture {
    let root: URL

    init(modules: String = CurriculumFixture.modules, lessons: [String: String], code: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-curriculum-\(UUID().uuidString)")
        try write("modules.yml", modules)
        for (path, text) in lessons { try write("lessons/\(path)", text) }
        for (path, text) in code { try write("code/\(path)", text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func load(figures: FigureRegistry = CurriculumFixture.figures) throws(CurriculumError) -> Curriculum {
        try CurriculumLoader.load(from: root, figures: figures)
    }

    /// The problems loading reports (empty when it loads).
    func problems() -> [CurriculumProblem] {
        do {
            _ = try load()
            return []
        } catch {
            return error.problems
        }
    }

    static let modules = """
        - id: alpha
          title: Alpha
          summary: The first module.
        - id: beta
          title: Beta
          summary: The second module.
        """

    /// One figure function, `dots`, with an int parameter `count` in 1...10.
    static let figures = FigureRegistry([
        FigureFunction(name: "dots", summary: "Dots.", parameters: [FigureParameter("count", .int, default: "3", help: "How many dots.")]) { arguments in
            let count = try arguments.int("count", in: 1...10)
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>\(count) dots</title></svg>"
        },
        FigureFunction(name: "broken", summary: "Always fails.") { _ in throw FigureError("no data") },
    ])

    static func lesson(
        id: String = "alpha/first", order: Int = 1, status: String = "ready", extra: String = "", quiz: String? = nil, body: String = "Hello."
    ) -> String {
        let module = String(id.split(separator: "/")[0])
        return """
            ---
            id: \(id)
            title: Title of \(id)
            module: \(module)
            order: \(order)
            summary: Summary of \(id).
            prerequisites: []
            minutes: 10
            status: \(status)
            \(extra)quiz:
            \(quiz ?? CurriculumFixture.quiz)
            ---
            \(body)
            """
    }

    static let quiz = """
          - question: Which?
            choices:
              - text: This one
                correct: true
                explanation: Because.
              - text: That one
                explanation: No.
        """
}
