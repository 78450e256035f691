import Foundation
import Lessons
import Logging

/// What every request reads and nobody writes: the curriculum rendered once at start-up, the
/// search index, and the static files.
public final class HubContent: Sendable {
    public let curriculum: Curriculum
    let search: SearchIndex
    let assets: StaticAssets
    private let rendered: [String: RenderedLesson]
    /// Problems a reader would see (unknown LaTeX, failed figures), found while rendering.
    public let warnings: [CurriculumProblem]

    /// Renders every lesson (computing its figures) and builds the search index.
    ///
    /// - Throws: `HubStoreError` when the search index cannot be built, `StaticAssetsError`
    ///   when the bundled static files are missing.
    public init(curriculum: Curriculum, figures: FigureRegistry = .standard) throws {
        self.curriculum = curriculum
        let renderer = LessonRenderer(curriculum: curriculum, figures: figures)
        var rendered: [String: RenderedLesson] = [:]
        for lesson in curriculum.lessons { rendered[lesson.id] = renderer.render(lesson) }
        self.rendered = rendered
        warnings = curriculum.lessons.flatMap { rendered[$0.id]?.warnings ?? [] }
        search = try SearchIndex(documents: curriculum.lessons.map { lesson in
            SearchDocument(id: lesson.id, title: lesson.title, summary: lesson.summary, body: rendered[lesson.id]?.plainText ?? "")
        })
        assets = try StaticAssets.load()
    }

    func rendered(_ lessonID: String) -> RenderedLesson? { rendered[lessonID] }
}

/// Everything the routes share: the content and the learner's repository.
public struct Hub: Sendable {
    public let content: HubContent
    public let repository: any HubRepository
    /// The live demo sessions.
    public let demos: DemoHost

    public init(content: HubContent, repository: any HubRepository, demos: DemoHost = DemoHost()) {
        self.content = content
        self.repository = repository
        self.demos = demos
    }

    var curriculum: Curriculum { content.curriculum }
    var search: SearchIndex { content.search }
    var assets: StaticAssets { content.assets }
    func rendered(_ lessonID: String) -> RenderedLesson? { content.rendered(lessonID) }

    /// Lessons matching `query`, best first, lessons one can read now before coming-soon ones
    /// (whose few lines would otherwise outrank a long lesson that uses the word throughout).
    func searchLessons(_ query: String) throws -> [SearchHit] {
        let hits = try search.search(query)
        let ready = hits.filter { curriculum.lesson($0.id)?.status == .ready }
        return ready + hits.filter { curriculum.lesson($0.id)?.status != .ready }
    }

    /// The lessons the learner has marked done, with when.
    func completedLessonIDs() async throws -> [String: Date] {
        var done: [String: Date] = [:]
        for progress in try await repository.completedLessons() { done[progress.lessonID] = progress.completedAt }
        return done
    }

    /// Loads the curriculum at `configuration.curriculumFolder` and opens the profile's
    /// database in `configuration.dataFolder`.
    public static func open(_ configuration: HubConfiguration, logger: Logger) throws -> Hub {
        let curriculum = try CurriculumLoader.load(from: configuration.curriculumFolder)
        let path = try SQLiteHubRepository.databasePath(dataFolder: configuration.dataFolder, profile: configuration.profile)
        let repository = try SQLiteHubRepository(path: path.path)
        let content = try HubContent(curriculum: curriculum)
        for warning in content.warnings { logger.warning("\(warning)") }
        logger.info("curriculum: \(curriculum.modules.count) modules, \(curriculum.lessons.count) lessons; learner database: \(path.path)")
        return Hub(content: content, repository: repository)
    }
}
