import Foundation
import Lessons

/// Full-text search over lesson titles, summaries and bodies, ranked, with snippets.
enum SearchPage {
    static func page(query: String, hits: [SearchHit], curriculum: Curriculum) -> String {
        let results: String
        if query.trimmingCharacters(in: .whitespaces).isEmpty {
            results = "<p>Type a word or two: a topic (<a href=\"/search?q=backpropagation\">backpropagation</a>), a function (<a href=\"/search?q=softmax\">softmax</a>), a data set (<a href=\"/search?q=iris\">iris</a>).</p>"
        } else if hits.isEmpty {
            results = "<p class=\"search-count\" role=\"status\">No lesson matches “\(query.htmlEscaped)”.</p>"
        } else {
            let items = hits.map { hit in
                let lesson = curriculum.lesson(hit.id)
                let module = lesson.flatMap { curriculum.module($0.module) }?.title ?? ""
                return """
                <li class="search-hit"><a href="/lessons/\(hit.id)">\(hit.title.htmlEscaped)</a>\
                <span class="meta"> · \(module.htmlEscaped)\(lesson?.status == .comingSoon ? " · coming soon" : "")</span>\
                <p>\(hit.snippetHTML)</p></li>
                """
            }
            results = """
            <p class="search-count" role="status">\(hits.count) lesson\(hits.count == 1 ? "" : "s") match “\(query.htmlEscaped)”.</p>
            <ol class="search-results">\(items.joined(separator: "\n"))</ol>
            """
        }
        return PageLayout.page(
            title: query.isEmpty ? "Search" : "Search: \(query)", current: .search,
            main: """
            <h1>Search</h1>
            <form class="search-page-form" action="/search" method="get" role="search">
            <label for="search-query">Search the lessons</label>
            <div class="search-row"><input id="search-query" name="q" type="search" value="\(query.htmlEscaped)" maxlength="200"><button class="button" type="submit">Search</button></div>
            </form>
            \(results)
            """
        )
    }
}
