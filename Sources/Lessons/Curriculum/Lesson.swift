/// One lesson of the curriculum as loaded from `Curriculum/lessons/<module>/<lesson>.md`.
public struct Lesson: Sendable, Identifiable {
    public enum Status: String, Sendable, Codable {
        case ready
        case comingSoon = "coming-soon"
    }

    /// `module/lesson`, e.g. `deep/neural-networks`.
    public let id: String
    public let title: String
    public let module: String
    /// The slug after the module, e.g. `neural-networks`.
    public var slug: String { String(id.dropFirst(module.count + 1)) }
    public let order: Int
    public let summary: String
    public let prerequisites: [String]
    public let minutes: Int
    public let status: Status
    /// The lesson's Swift file, relative to `Curriculum/code`.
    public let codeFile: String?
    /// Figures by the id the body uses.
    public let figures: [String: FigureDeclaration]
    public let quiz: [QuizQuestion]
    /// The Markdown after the front matter.
    public let body: String
    /// The line of `body`'s first line in the file (for error messages).
    public let bodyLine: Int
    /// The file it came from, relative to the curriculum folder.
    public let file: String

    /// The page address.
    public var path: String { "/lessons/\(id)" }
}

/// A live figure a lesson declares in its front matter.
public struct FigureDeclaration: Sendable, Equatable {
    public let id: String
    public let function: String
    public let caption: String
    public let parameters: [String: String]
    public let line: Int
}

public struct QuizQuestion: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        public let text: String
        public let correct: Bool
        public let explanation: String
    }

    public let question: String
    public let choices: [Choice]
    public let line: Int

    /// Index of the correct choice (validated: exactly one).
    public var correctIndex: Int { choices.firstIndex(where: \.correct) ?? 0 }
}

/// A module of the curriculum with its lessons in order.
public struct CurriculumModule: Sendable, Identifiable {
    public let id: String
    public let title: String
    public let summary: String
    public internal(set) var lessons: [Lesson]

    public var path: String { "/modules/\(id)" }
}
