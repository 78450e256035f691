import Foundation
import Hummingbird
import HummingbirdTesting
import Lessons
@testable import HubServer

/// The bundled curriculum, loaded and rendered once for all server tests; each test gets its
/// own in-memory learner database.
enum TestHub {
    static let content = Result { try HubContent(curriculum: try CurriculumLoader.load(from: HubConfiguration.bundledCurriculum)) }

    static func make() throws -> Hub {
        Hub(content: try content.get(), repository: try SQLiteHubRepository.inMemory())
    }

    static func application(_ hub: Hub) -> some ApplicationProtocol {
        Application(router: buildRouter(hub: hub))
    }

    /// The first lesson that is ready (has a quiz) and the first that is coming soon.
    static func readyLesson() throws -> Lesson {
        try #require(try content.get().curriculum.lessons.first { $0.status == .ready && !$0.quiz.isEmpty })
    }

    static func comingSoonLesson() throws -> Lesson {
        try #require(try content.get().curriculum.lessons.first { $0.status == .comingSoon })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

import Testing
