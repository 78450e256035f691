import Tensors

/// A small labelled text corpus: sentences about machine learning, cooking, weather and travel,
/// written for MLHub. For lessons on tokenising, bags of words, text classification and
/// next-word prediction.
public struct TextCorpus: Sendable, Equatable {
    /// The sentences.
    public private(set) var documents: [String]
    /// The topic of each sentence, an index into ``topics``.
    public private(set) var labels: [Int]
    /// The topic names in label order.
    public private(set) var topics: [String]

    /// A corpus of your own: one label (an index into `topics`) per document.
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` when the counts differ or
    ///   a label is out of range.
    public init(documents: [String], labels: [Int], topics: [String]) throws(DatasetError) {
        guard labels.count == documents.count else {
            throw .invalidParameter(name: "labels", value: "\(labels.count) labels", expected: "one per document (\(documents.count))")
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= topics.count }) {
            throw .invalidParameter(name: "label", value: "\(bad)", expected: "an index into the \(topics.count) topics")
        }
        self.init(checkedDocuments: documents, labels: labels, topics: topics)
    }

    init(checkedDocuments documents: [String], labels: [Int], topics: [String]) {
        self.documents = documents
        self.labels = labels
        self.topics = topics
    }

    /// The number of sentences.
    public var count: Int { documents.count }

    /// Lower-case words: runs of letters, digits and apostrophes (`"Don't stop!"` →
    /// `["don't", "stop"]`).
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The tokens of every document.
    public var tokenizedDocuments: [[String]] { documents.map(Self.tokenize) }

    /// The distinct words that occur at least `minCount` times, most frequent first (ties
    /// alphabetically).
    public func vocabulary(minCount: Int = 1) -> [String] {
        var counts: [String: Int] = [:]
        for token in tokenizedDocuments.joined() { counts[token, default: 0] += 1 }
        return counts.filter { $0.value >= minCount }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    /// Word counts per document over `vocabulary` (words outside it are ignored): `float64`
    /// `[documents, vocabulary.count]`.
    public func bagOfWords(vocabulary: [String]) -> Tensor {
        let column = Dictionary(vocabulary.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = [Double](repeating: 0, count: documents.count * vocabulary.count)
        for (row, tokens) in tokenizedDocuments.enumerated() {
            for token in tokens {
                if let j = column[token] { counts[row * vocabulary.count + j] += 1 }
            }
        }
        return Tensor(counts, shape: [documents.count, vocabulary.count])
    }

    /// The corpus as a classification data set of word counts over the words that occur at
    /// least `minCount` times: features `[documents, words]` `float64`, target the topic `int64`.
    public func bagOfWordsDataset(minCount: Int = 2) -> Dataset {
        let words = vocabulary(minCount: minCount)
        return Dataset(features: bagOfWords(vocabulary: words), target: Tensor(labels, shape: [labels.count]),
                       featureNames: words, targetNames: topics, source: "MLHub text corpus, bag of words")
    }

    /// The same sentences in a seeded random order (labels follow their sentences).
    public func shuffled(seed: UInt64) -> TextCorpus {
        var g = RandomGenerator(seed: seed)
        let order = g.permutation(documents.count)
        return TextCorpus(checkedDocuments: order.map { documents[$0] }, labels: order.map { labels[$0] }, topics: topics)
    }
}

extension Dataset {
    /// The MLHub text corpus: 205 short sentences on four topics (machine learning, cooking,
    /// weather, travel), written for this project, in topic order. Use
    /// ``TextCorpus/shuffled(seed:)`` for a random order.
    public static func textCorpus() -> TextCorpus {
        let groups = CorpusSentences.all
        return TextCorpus(checkedDocuments: groups.flatMap { $0 },
                          labels: groups.enumerated().flatMap { topic, sentences in [Int](repeating: topic, count: sentences.count) },
                          topics: CorpusSentences.topics)
    }
}
