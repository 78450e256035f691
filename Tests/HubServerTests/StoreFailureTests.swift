import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import HubServer

/// A repository whose every call fails with one store error, as a locked, full or corrupt
/// database would.
struct FailingRepository: HubRepository {
    let error: HubStoreError

    func completedLessons() async throws(HubStoreError) -> [LessonProgress] { throw error }
    func setLesson(_ lessonID: String, done: Bool, at date: Date) async throws(HubStoreError) -> LessonProgress? { throw error }
    func recordQuizAttempt(_ attempt: QuizAttempt) async throws(HubStoreError) -> QuizAttempt { throw error }
    func quizAttempts(lessonID: String) async throws(HubStoreError) -> [QuizAttempt] { throw error }
    func saveDemoConfiguration(_ configuration: DemoConfiguration) async throws(HubStoreError) -> DemoConfiguration { throw error }
    func demoConfigurations(demo: String) async throws(HubStoreError) -> [DemoConfiguration] { throw error }
    func deleteDemoConfiguration(id: Int64) async throws(HubStoreError) { throw error }
    func recordExperimentRun(_ run: ExperimentRun) async throws(HubStoreError) -> ExperimentRun { throw error }
    func experimentRuns(demo: String, limit: Int, includeWeights: Bool) async throws(HubStoreError) -> [ExperimentRun] { throw error }
    func experimentRun(id: Int64) async throws(HubStoreError) -> ExperimentRun? { throw error }
}

/// Collects log messages so a test can check that a failure was logged.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    static let messages = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        Self.messages.withLock { $0.append("\(level): \(message)") }
    }
}

@Suite("Store failures")
struct StoreFailureTests {
    static let cases: [(HubStoreError, Int, String)] = [
        (.locked("database is locked: /data/hub.sqlite"), 503, "busy"),
        (.full("database or disk is full: /data/hub.sqlite"), 507, "full"),
        (.corrupt("/data/hub.sqlite is not a database; it was left untouched"), 503, "damaged"),
    ]

    @Test("a locked, full or corrupt database gives a clear error page, a JSON error and a log line", arguments: 0..<3)
    func clearErrors(index: Int) async throws {
        let (error, status, word) = Self.cases[index]
        let hub = Hub(content: try TestHub.content.get(), repository: FailingRepository(error: error))
        let logger = Logger(label: "test-\(index)") { _ in RecordingLogHandler() }
        let app = Application(router: buildRouter(hub: hub), logger: logger)
        let lesson = try TestHub.readyLesson()
        try await app.test(.router) { client in
            try await client.execute(uri: lesson.path, method: .get) { response in
                #expect(Int(response.status.code) == status)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains(word))
                #expect(response.text.contains("/data/hub.sqlite"))
            }
            try await client.execute(uri: "/api/progress/\(lesson.id)", method: .put, body: ByteBuffer(string: #"{"done":true}"#)) { response in
                #expect(Int(response.status.code) == status)
                #expect(response.text.contains(#""status":\#(status)"#))
            }
        }
        #expect(RecordingLogHandler.messages.withLock { $0 }.contains { $0.hasPrefix("error: learner database:") && $0.contains("/data/hub.sqlite") })
    }

    @Test("a corrupt database file stops start-up with a clear error and is left untouched")
    func corruptFileAtStartUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlhub-corrupt-\(UUID().uuidString)")
        let path = try SQLiteHubRepository.databasePath(dataFolder: folder, profile: "default")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: path)
        let configuration = HubConfiguration(dataFolder: folder, port: 0)
        #expect {
            _ = try Hub.open(configuration, logger: Logger(label: "test"))
        } throws: { error in
            guard case .corrupt(let message) = error as? HubStoreError else { return false }
            return message.contains(path.lastPathComponent)
        }
        #expect(try Data(contentsOf: path) == garbage)
    }

    @Test("the bundled curriculum renders without a single warning")
    func bundledCurriculumRendersCleanly() throws {
        let warnings = try TestHub.content.get().warnings
        #expect(warnings.isEmpty, "\(warnings.map(\.description).joined(separator: "\n"))")
    }
}
