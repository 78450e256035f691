import Foundation
import Testing
import TestSupport
@testable import HubServer

private let lessons = [
    SearchDocument(
        id: "deep/neural-networks", title: "Neural networks",
        summary: "Layers of weighted sums and nonlinearities.",
        body: "A network stacks layers. Each layer multiplies by weights and applies an activation."),
    SearchDocument(
        id: "basics/gradient-descent", title: "Gradient descent",
        summary: "Walking downhill on the loss.",
        body: "Neural training uses gradient descent; neural nets, neural everything: the neural loss goes down."),
    SearchDocument(
        id: "web/escaping", title: "Escaping output",
        summary: "Why pages escape text.",
        body: "Never trust input like <script>alert('x')</script> & friends; escape it before showing it."),
    SearchDocument(
        id: "stats/naive-bayes", title: "Naïve Bayes",
        summary: "Counting words, multiplying probabilities.",
        body: "Trained on labelled examples, the classifier is naive about dependence."),
]

private func index() throws -> SearchIndex { try SearchIndex(documents: lessons) }

@Suite struct SearchIndexTests {
    @Test func aTitleMatchRanksAboveABodyOnlyMatch() throws {
        // "neural" is in one title once, and four times in another lesson's body only.
        let hits = try index().search("neural")
        #expect(hits.map(\.id) == ["deep/neural-networks", "basics/gradient-descent"])
        #expect(hits[0].rank > hits[1].rank)
        #expect(hits[0].title == "Neural networks")
    }

    @Test func aSummaryMatchRanksAboveABodyOnlyMatch() throws {
        let index = try SearchIndex(documents: [
            SearchDocument(id: "body", title: "One", summary: "Nothing here.", body: "loss loss loss and more loss"),
            SearchDocument(id: "summary", title: "Two", summary: "About the loss.", body: "Nothing else."),
        ])
        #expect(try index.search("loss").map(\.id) == ["summary", "body"])
    }

    @Test func snippetsMarkMatchesAndEscapeEverythingElse() throws {
        let hits = try index().search("escape")
        let hit = try #require(hits.first { $0.id == "web/escaping" })
        #expect(hit.snippetHTML.contains("<mark>escape</mark>"))
        #expect(!hit.snippetHTML.contains("<script>"))
        #expect(hit.snippetHTML.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends"))
        // Only <mark> tags are real tags.
        let tags = hit.snippetHTML.split(separator: "<").dropFirst().map { $0.prefix(while: { $0 != ">" }) }
        #expect(tags.allSatisfy { $0 == "mark" || $0 == "/mark" }, "\(hit.snippetHTML)")

        let script = try index().search("script")
        #expect(script.first?.snippetHTML.contains("&lt;<mark>script</mark>&gt;") == true)
    }

    @Test func aTitleOnlyMatchShowsTheSummary() throws {
        let hits = try index().search("bayes")
        #expect(hits.first?.snippetHTML == "Counting words, multiplying probabilities.")
    }

    @Test func matchingStemsFoldsCaseAndDiacriticsAndPrefixesTheLastTerm() throws {
        let index = try index()
        #expect(try index.search("TRAINS").map(\.id).contains("basics/gradient-descent"))
        #expect(try index.search("naive").first?.id == "stats/naive-bayes")
        #expect(try index.search("naïve bayes").first?.id == "stats/naive-bayes")
        #expect(try index.search("neur").map(\.id) == ["deep/neural-networks", "basics/gradient-descent"])
        #expect(try index.search("gradient desc").map(\.id) == ["basics/gradient-descent"])
        // Terms are ANDed; only the last is a prefix.
        #expect(try index.search("neural activation").map(\.id) == ["deep/neural-networks"])
        #expect(try index.search("neur activation").isEmpty)
    }

    @Test func limitsAreHonoured() throws {
        let index = try index()
        #expect(try index.search("neural", limit: 1).count == 1)
        #expect(try index.search("neural", limit: 0).isEmpty)
        #expect(try index.search("neural", limit: -3).isEmpty)
        #expect(try index.search("neural", limit: 1_000_000).count == 2)
    }

    @Test func emptyAndPunctuationQueriesFindNothing() throws {
        let index = try index()
        for query in ["", "   ", "\"", "*", "-", "()", "\"\"*", ":", "^", "+-*/", "🙂🙂", "\u{E000}\u{E001}"] {
            #expect(try index.search(query).isEmpty, "\(query.debugDescription)")
        }
    }

    @Test func hostileQueriesNeverThrow() throws {
        let index = try index()
        let hostile = [
            "\"", "\"neural", "neural\"", "*", "neural*", "*neural", "NEAR(", "NEAR(neural", "NEAR(neural layers, 2)",
            "AND OR", "AND", "OR NOT", "NOT neural", "neural AND", "neural OR layers", "-", "-neural", "neural -layers",
            "title:neural", "{title summary}: neural", "^neural", "neural + layers", "(neural", "neural)",
            "'; DROP TABLE lesson_search; --", "\u{0}", "neural\u{0}layers", "日本語のテキスト", "Ελληνικά", "مرحبا",
            "e\u{301}", "\u{301}", "ﬁ", "½", "²", "Ⅻ", "🧠 neural", "\u{E000}neural\u{E001}", "\u{FEFF}",
            String(repeating: "a", count: 10_000), String(repeating: "neural ", count: 2_000),
            String(repeating: "\" * NEAR( ", count: 1_000), String(repeating: "é", count: 10_000),
            "z" + String(repeating: "\u{301}", count: 100_000), "\u{301}neural",
        ]
        for query in hostile {
            #expect(throws: Never.self, "\(query.prefix(40).debugDescription)") { try index.search(query) }
        }
        // Operators are plain words: NEAR is a term that no lesson contains.
        #expect(try index.search("NEAR(neural layers, 2)").isEmpty)
        #expect(try index.search("neural) AND (layers").map(\.id) == ["deep/neural-networks"])
        #expect(try index.search("\"neural\" -layers*").map(\.id) == ["deep/neural-networks"])
        #expect(try index.search("AND OR").isEmpty)
    }

    @Test func randomTextNeverThrows() throws {
        let index = try index()
        var random = SeededGenerator(seed: 42)
        let alphabet = Array("aeiouneral \"*()-+^:{},.'NEAROTDéüß日🙂\u{301}\u{0}\u{E000}\t\n".unicodeScalars)
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 40) {
                if random.next() % 4 == 0, let any = Unicode.Scalar(UInt32(random.next() % 0x3_0000)) {
                    scalars.append(any)
                } else {
                    scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
                }
            }
            let query = String(scalars)
            #expect(throws: Never.self, "\(query.debugDescription)") { try index.search(query) }
        }
    }

    @Test func markerCharactersInDocumentsCannotForgeMarks() throws {
        let index = try SearchIndex(documents: [
            SearchDocument(id: "x", title: "Markers", summary: "", body: "\u{E000}<b>\u{E001} tricky words here"),
        ])
        let hit = try #require(try index.search("tricky").first)
        #expect(hit.snippetHTML == "&lt;b&gt; <mark>tricky</mark> words here")
    }

    @Test func documentsNeedUniqueNonEmptyIDs() {
        let doc = SearchDocument(id: "a", title: "t", summary: "s", body: "b")
        var blank = doc; blank.id = ""
        #expect(throws: HubStoreError.self) { try SearchIndex(documents: [doc, doc]) }
        #expect(throws: HubStoreError.self) { try SearchIndex(documents: [blank]) }
        #expect(throws: Never.self) { try SearchIndex(documents: []).search("anything") }
    }

    @Test func queriesBecomeQuotedTerms() {
        #expect(SearchQuery("neural networks").matchExpression == #""neural" AND "networks"*"#)
        #expect(SearchQuery("  \"NEAR(x, y)\" AND -z* ").terms == ["NEAR", "x", "y", "AND", "z"])
        #expect(SearchQuery("don't").terms == ["don", "t"])
        #expect(SearchQuery("Neural neural NEURAL").terms == ["Neural"])
        #expect(SearchQuery("*-\"").matchExpression == nil)
        #expect(SearchQuery("").isEmpty)
        #expect(SearchQuery((1...50).map { "w\($0)" }.joined(separator: " ")).terms.count == SearchQuery.maxTerms)
        #expect(SearchQuery(String(repeating: "a", count: 10_000)).terms == [String(repeating: "a", count: SearchQuery.maxTermLength)])
        #expect(SearchQuery("z" + String(repeating: "\u{301}", count: 100_000)).terms.first?.unicodeScalars.count == SearchQuery.maxTermLength)
        #expect(SearchQuery("café au lait").terms == ["café", "au", "lait"])
        // Only the first 200 characters count.
        #expect(SearchQuery(String(repeating: " ", count: 200) + "late").isEmpty)
    }
}

