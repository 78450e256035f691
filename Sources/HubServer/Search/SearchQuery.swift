/// A learner's search text turned into a safe FTS5 query.
///
/// The text is arbitrary: it may hold quotes, `*`, `NEAR(`, `AND`/`OR`/`NOT`, column filters
/// (`title:`), `^`, `-`, or megabytes of anything. Only runs of letters and digits survive, as
/// terms; every term is double-quoted (so `AND` or `NEAR` is just a word), the terms are ANDed,
/// and the last one is matched as a prefix so results appear while the learner types.
public struct SearchQuery: Sendable, Equatable {
    /// Unicode scalars of the text considered; the rest is ignored.
    public static let maxTextLength = 200
    /// Terms kept; later ones are ignored.
    public static let maxTerms = 10
    /// Unicode scalars kept of one term.
    public static let maxTermLength = 64

    /// The terms, in the order typed, without duplicates (compared case-insensitively).
    public let terms: [String]

    public init(_ text: String) {
        var terms: [String] = []
        var seen: Set<String> = []
        var current = String.UnicodeScalarView()
        var currentLength = 0
        func flush() {
            defer { current = String.UnicodeScalarView(); currentLength = 0 }
            guard !current.isEmpty, terms.count < Self.maxTerms else { return }
            let term = String(current)
            if seen.insert(term.lowercased()).inserted { terms.append(term) }
        }
        // Scalars, not Characters: one Character can hold any number of combining marks.
        for scalar in text.unicodeScalars.prefix(Self.maxTextLength) {
            if Self.isTermScalar(scalar) {
                if currentLength < Self.maxTermLength {
                    current.append(scalar)
                    currentLength += 1
                }
            } else {
                flush()
            }
        }
        flush()
        self.terms = terms
    }

    /// Letters, digits and combining marks make up terms, as for FTS5's unicode61 tokenizer;
    /// everything else (spaces, punctuation, symbols, emoji, controls, private use) separates.
    static func isTermScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether there is nothing to search for (empty or punctuation-only text).
    public var isEmpty: Bool { terms.isEmpty }

    /// The FTS5 MATCH expression, e.g. `"neural" AND "net"*`, or `nil` when there are no terms.
    public var matchExpression: String? {
        guard !terms.isEmpty else { return nil }
        return terms.enumerated().map { index, term in
            // Terms hold only letters and digits, but double any quote anyway: FTS5 strings
            // escape `"` as `""`.
            let quoted = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return index == terms.count - 1 ? quoted + "*" : quoted
        }.joined(separator: " AND ")
    }
}
