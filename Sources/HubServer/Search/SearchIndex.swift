import Foundation
import GRDB
import Lessons

/// One lesson as the search index sees it.
public struct SearchDocument: Sendable {
    /// The lesson id, e.g. `"deep/neural-networks"`.
    public var id: String
    public var title: String
    public var summary: String
    /// The lesson text as plain text (no markup).
    public var body: String

    public init(id: String, title: String, summary: String, body: String) {
        self.id = id
        self.title = title
        self.summary = summary
        self.body = body
    }
}

/// One search result.
public struct SearchHit: Sendable, Equatable, Codable {
    /// The lesson id.
    public var id: String
    /// The plain lesson title (escape it when writing HTML).
    public var title: String
    /// A short excerpt as safe HTML: matched words in `<mark>…</mark>`, everything else
    /// escaped. Taken from the body where it matches, otherwise from the summary.
    public var snippetHTML: String
    /// Relevance, larger is better (the negated FTS5 bm25 score).
    public var rank: Double
}

/// Full-text search over the lessons: an in-memory SQLite FTS5 index built once at start-up.
///
/// Words are matched after Porter stemming and Unicode case and diacritic folding
/// (`tokenize = 'porter unicode61 remove_diacritics 2'`), so "training" finds "trained".
/// Results are ranked by bm25 with a title match counting 10×, a summary match 4× and a body
/// match 1×. Searching is synchronous and takes well under a millisecond for a curriculum.
public final class SearchIndex: Sendable {
    /// Results returned at most, whatever `limit` asks.
    public static let maxResults = 100
    /// bm25 column weights: id (not indexed), title, summary, body.
    static let columnWeights = (title: 10.0, summary: 4.0, body: 1.0)

    /// Private-use characters that `snippet()` puts around matches. They are removed from the
    /// documents, so after HTML-escaping the snippet they can only stand for `<mark>`/`</mark>`.
    static let markOpen: Unicode.Scalar = "\u{E000}"
    static let markClose: Unicode.Scalar = "\u{E001}"

    private let queue: DatabaseQueue

    /// The number of documents indexed.
    public let count: Int

    /// Builds the index. Throws `.invalid` for an empty or repeated document id.
    public init(documents: [SearchDocument]) throws(HubStoreError) {
        var ids: Set<String> = []
        for document in documents {
            if document.id.isEmpty { throw .invalid("a search document has an empty id") }
            if !ids.insert(document.id).inserted {
                throw .invalid("the lesson id \(document.id) is indexed twice")
            }
        }
        do {
            var configuration = Configuration()
            configuration.label = "MLHub search index"
            queue = try DatabaseQueue(configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE VIRTUAL TABLE lesson_search USING fts5(
                        id UNINDEXED, title, summary, body,
                        tokenize = 'porter unicode61 remove_diacritics 2'
                    )
                    """)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO lesson_search (id, title, summary, body) VALUES (?, ?, ?, ?)
                    """)
                for document in documents {
                    try insert.execute(arguments: [
                        document.id,
                        Self.withoutMarkers(document.title),
                        Self.withoutMarkers(document.summary),
                        Self.withoutMarkers(document.body),
                    ])
                }
                try db.execute(sql: "INSERT INTO lesson_search (lesson_search) VALUES ('optimize')")
            }
        } catch {
            throw HubStoreError.from(error, file: nil)
        }
        count = documents.count
    }

    /// The lessons matching every word of `query` (the last one as a prefix), best first.
    ///
    /// Any text is accepted: see `SearchQuery` for how it is cleaned. Text with no letters or
    /// digits, or a `limit` below 1, gives `[]`; `limit` is capped at `maxResults`.
    public func search(_ query: String, limit: Int = 20) throws(HubStoreError) -> [SearchHit] {
        guard limit > 0, let match = SearchQuery(query).matchExpression else { return [] }
        let limit = min(limit, Self.maxResults)
        let open = String(Self.markOpen), close = String(Self.markClose)
        let weights = Self.columnWeights
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT id, title,
                           snippet(lesson_search, 2, ?, ?, '…', 24) AS summary_snippet,
                           snippet(lesson_search, 3, ?, ?, '…', 24) AS body_snippet,
                           bm25(lesson_search, 0.0, ?, ?, ?) AS score
                    FROM lesson_search
                    WHERE lesson_search MATCH ?
                    ORDER BY score, id
                    LIMIT ?
                    """, arguments: [
                        open, close, open, close,
                        weights.title, weights.summary, weights.body,
                        match, limit,
                    ]).map { row in
                    let summary: String = try row.decode(forColumn: "summary_snippet")
                    let body: String = try row.decode(forColumn: "body_snippet")
                    let score: Double = try row.decode(forColumn: "score")
                    return SearchHit(
                        id: try row.decode(forColumn: "id"),
                        title: try row.decode(forColumn: "title"),
                        snippetHTML: Self.html(Self.pick(summary: summary, body: body)),
                        rank: -score)
                }
            }
        } catch {
            throw HubStoreError.from(error, file: nil)
        }
    }

    /// The body excerpt when the body matches at least as often as the summary, else the
    /// summary excerpt (for a title-only match: the start of the summary).
    static func pick(summary: String, body: String) -> String {
        let inSummary = summary.unicodeScalars.count { $0 == markOpen }
        let inBody = body.unicodeScalars.count { $0 == markOpen }
        if inBody > 0 && inBody >= inSummary { return body }
        if inSummary > 0 { return summary }
        return summary.isEmpty ? body : summary
    }

    /// Escapes the excerpt, then turns the markers into `<mark>` tags. Works on Unicode
    /// scalars, so a marker next to a combining character is still found.
    static func html(_ snippet: String) -> String {
        var html = String.UnicodeScalarView()
        for scalar in snippet.htmlEscaped.unicodeScalars {
            switch scalar {
            case markOpen: html.append(contentsOf: "<mark>".unicodeScalars)
            case markClose: html.append(contentsOf: "</mark>".unicodeScalars)
            default: html.append(scalar)
            }
        }
        return String(html)
    }

    /// The text without marker characters, so that every marker in a snippet is FTS5's.
    static func withoutMarkers(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == markOpen || $0 == markClose }) else { return text }
        var cleaned = String.UnicodeScalarView()
        cleaned.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != markOpen && $0 != markClose })
        return String(cleaned)
    }
}
