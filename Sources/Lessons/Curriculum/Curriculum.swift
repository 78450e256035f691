/// The whole curriculum: modules in catalogue order, each with its lessons in order.
public struct Curriculum: Sendable {
    public let modules: [CurriculumModule]
    /// Every lesson in catalogue order.
    public let lessons: [Lesson]
    /// The folder it was loaded from (lesson code files are read relative to it).
    public let root: String
    private let lessonIndex: [String: Int]
    private let moduleIndex: [String: Int]

    init(modules: [CurriculumModule], root: String) {
        self.modules = modules
        self.root = root
        lessons = modules.flatMap(\.lessons)
        lessonIndex = Dictionary(uniqueKeysWithValues: lessons.enumerated().map { ($1.id, $0) })
        moduleIndex = Dictionary(uniqueKeysWithValues: modules.enumerated().map { ($1.id, $0) })
    }

    public func lesson(_ id: String) -> Lesson? { lessonIndex[id].map { lessons[$0] } }
    public func module(_ id: String) -> CurriculumModule? { moduleIndex[id].map { modules[$0] } }

    /// The lesson before `id` in catalogue order, across module boundaries.
    public func previous(of id: String) -> Lesson? {
        guard let index = lessonIndex[id], index > 0 else { return nil }
        return lessons[index - 1]
    }

    /// The lesson after `id` in catalogue order, across module boundaries.
    public func next(of id: String) -> Lesson? {
        guard let index = lessonIndex[id], index + 1 < lessons.count else { return nil }
        return lessons[index + 1]
    }
}

/// One thing wrong with the curriculum, with where it is.
public struct CurriculumProblem: Sendable, Equatable, CustomStringConvertible {
    /// Path relative to the curriculum folder.
    public let file: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Every problem found while loading; the loader reports them all at once.
public struct CurriculumError: Error, Sendable, CustomStringConvertible {
    public let problems: [CurriculumProblem]
    public var description: String {
        "the curriculum has \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
