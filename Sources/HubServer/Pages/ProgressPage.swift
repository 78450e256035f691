import Foundation
import Lessons

/// What the learner has done: lessons marked done per module, and quiz scores.
enum ProgressPage {
    static func page(curriculum: Curriculum, done: [String: Date], bestScores: [String: (correct: Int, total: Int)]) -> String {
        let ready = curriculum.lessons.filter { $0.status == .ready }
        let sections = curriculum.modules.compactMap { module -> String? in
            let lessons = module.lessons.filter { $0.status == .ready }
            guard !lessons.isEmpty else { return nil }
            let rows = lessons.map { lesson in
                let when = done[lesson.id].map { "<time datetime=\"\(iso($0))\">\(day($0))</time>" } ?? "—"
                let score = bestScores[lesson.id].map { "\($0.correct) / \($0.total)" } ?? "—"
                return "<tr><th scope=\"row\"><a href=\"\(lesson.path)\">\(lesson.title.htmlEscaped)</a></th><td>\(done[lesson.id] == nil ? "Not yet" : "✓ Done")</td><td>\(when)</td><td>\(score)</td></tr>"
            }
            return """
            <section class="progress-module">
            <h2><a href="\(module.path)">\(module.title.htmlEscaped)</a></h2>
            \(PageLayout.progressBar(done: lessons.filter { done[$0.id] != nil }.count, total: lessons.count, label: "\(module.title) progress"))
            <div class="table-scroll"><table><thead><tr><th scope="col">Lesson</th><th scope="col">Status</th><th scope="col">Done on</th><th scope="col">Best quiz score</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table></div>
            </section>
            """
        }
        return PageLayout.page(
            title: "Progress", current: .progress,
            main: """
            <h1>Your progress</h1>
            \(PageLayout.progressBar(done: ready.filter { done[$0.id] != nil }.count, total: ready.count, label: "Overall progress"))
            \(sections.joined(separator: "\n"))
            """
        )
    }

    private static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
