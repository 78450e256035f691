/// A lesson turned into HTML fragments, ready for the page templates.
public struct RenderedLesson: Sendable {
    public struct Heading: Sendable, Equatable {
        public let level: Int
        public let anchor: String
        public let text: String
    }

    public struct Question: Sendable {
        public let html: String
        public let choices: [Choice]
        public let correctIndex: Int
    }

    public struct Choice: Sendable {
        public let html: String
        public let explanationHTML: String
    }

    public let lesson: Lesson
    /// The body as HTML (figures, math and code in place).
    public let bodyHTML: String
    /// Level-2 and level-3 headings, in order.
    public let tableOfContents: [Heading]
    public let quiz: [Question]
    /// Things a reader would see as wrong (unknown LaTeX, a figure that failed), with lines.
    public let warnings: [CurriculumProblem]
    /// The text without markup, for search.
    public let plainText: String
}
