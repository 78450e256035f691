import Foundation
import Lessons

/// The home page (every module with its progress) and a module's page (its lessons).
enum CatalogPages {
    static func home(curriculum: Curriculum, done: [String: Date]) -> String {
        let cards = curriculum.modules.enumerated().map { index, module in
            let ready = module.lessons.filter { $0.status == .ready }
            let doneCount = ready.filter { done[$0.id] != nil }.count
            let status = ready.isEmpty
                ? "<p class=\"module-status\">Coming soon · \(module.lessons.count) lesson\(module.lessons.count == 1 ? "" : "s") planned</p>"
                : PageLayout.progressBar(done: doneCount, total: ready.count, label: "\(module.title) progress")
            return """
            <li class="module-card\(ready.isEmpty ? " is-coming-soon" : "")">
            <h2><a href="\(module.path)"><span class="module-number">\(index)</span> \(module.title.htmlEscaped)</a></h2>
            <p>\(module.summary.htmlEscaped)</p>
            \(status)
            </li>
            """
        }
        let readyLessons = curriculum.lessons.filter { $0.status == .ready }
        let doneCount = readyLessons.filter { done[$0.id] != nil }.count
        return PageLayout.page(
            title: "MLHub", description: "Learn machine learning by running it.", current: .modules,
            main: """
            <section class="hero">
            <h1>Learn machine learning by running it</h1>
            <p class="lead">Every lesson explains one idea with prose and math, shows figures the MLHub engine computed from real data, and quotes Swift code that the test suite compiles and runs.</p>
            \(PageLayout.progressBar(done: doneCount, total: readyLessons.count, label: "Overall progress"))
            </section>
            <ol class="module-grid" aria-label="Modules">
            \(cards.joined(separator: "\n"))
            </ol>
            """
        )
    }

    static func module(_ module: CurriculumModule, curriculum: Curriculum, done: [String: Date]) -> String {
        let items = module.lessons.map { lesson in
            lessonItem(lesson, done: done[lesson.id] != nil)
        }
        let ready = module.lessons.filter { $0.status == .ready }
        return PageLayout.page(
            title: module.title, description: module.summary,
            main: """
            <nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Modules</a> <span aria-hidden="true">›</span> <span aria-current="page">\(module.title.htmlEscaped)</span></nav>
            <h1>\(module.title.htmlEscaped)</h1>
            <p class="lead">\(module.summary.htmlEscaped)</p>
            \(ready.isEmpty ? "" : PageLayout.progressBar(done: ready.filter { done[$0.id] != nil }.count, total: ready.count, label: "Module progress"))
            <ol class="lesson-list">
            \(items.joined(separator: "\n"))
            </ol>
            """
        )
    }

    static func lessonItem(_ lesson: Lesson, done: Bool) -> String {
        let badge: String
        switch (lesson.status, done) {
        case (.comingSoon, _): badge = "<span class=\"badge badge-soon\">Coming soon</span>"
        case (.ready, true): badge = "<span class=\"badge badge-done\">✓ Done</span>"
        case (.ready, false): badge = ""
        }
        return """
        <li class="lesson-item"><a href="\(lesson.path)">\(lesson.title.htmlEscaped)</a> \(badge)\
        <p>\(lesson.summary.htmlEscaped)</p><p class="meta">\(PageLayout.minutes(lesson.minutes))</p></li>
        """
    }
}
