import Foundation
import GRDB
import Testing
@testable import HubServer

/// A fresh folder under the system temp folder, removed by `cleanUp()`.
private struct TempFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hub-repository-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` and returns the `HubStoreError` it threw, or `nil` if it did not throw.
/// Any other kind of error is a test failure.
private func storeError<T>(_ body: () async throws -> T) async -> HubStoreError? {
    do {
        _ = try await body()
        return nil
    } catch let error as HubStoreError {
        return error
    } catch {
        Issue.record("expected a HubStoreError, got \(error)")
        return nil
    }
}

private func isInvalid(_ error: HubStoreError?) -> Bool {
    if case .invalid = error { return true }
    return false
}

private let t0 = Date(timeIntervalSince1970: 1_700_000_000.123)

@Suite struct HubRepositoryTests {
    // MARK: Lessons

    @Test func lessonRoundTripIsIdempotentAndOrdered() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        #expect(try await repo.completedLessons() == [])

        let first = try await repo.setLesson("deep/neural-networks", done: true, at: t0)
        #expect(first == LessonProgress(lessonID: "deep/neural-networks", completedAt: t0))
        // Marking again keeps the first completion date and makes no second row.
        let again = try await repo.setLesson("deep/neural-networks", done: true, at: t0.addingTimeInterval(500))
        #expect(again == first)
        _ = try await repo.setLesson("basics/tensors", done: true, at: t0.addingTimeInterval(10))
        _ = try await repo.setLesson("basics/a-first", done: true, at: t0.addingTimeInterval(10))

        let done = try await repo.completedLessons()
        #expect(done.map(\.lessonID) == ["deep/neural-networks", "basics/a-first", "basics/tensors"])
        #expect(done[0].completedAt == t0)
        #expect(done[1].completedAt == t0.addingTimeInterval(10))
    }

    @Test func markingNotDoneRemovesTheLesson() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        _ = try await repo.setLesson("a/one", done: true, at: t0)
        _ = try await repo.setLesson("a/two", done: true, at: t0)
        #expect(try await repo.setLesson("a/one", done: false, at: t0) == nil)
        #expect(try await repo.completedLessons().map(\.lessonID) == ["a/two"])
        // Removing what is not there is fine too.
        #expect(try await repo.setLesson("a/one", done: false, at: t0) == nil)
        #expect(try await repo.completedLessons().map(\.lessonID) == ["a/two"])
        // And it can be marked again, with the new date.
        let redone = try await repo.setLesson("a/one", done: true, at: t0.addingTimeInterval(60))
        #expect(redone?.completedAt == t0.addingTimeInterval(60))
    }

    @Test func datesAreKeptToTheMillisecond() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        let odd = Date(timeIntervalSinceReferenceDate: 723_456_789.123_456_7)
        let stored = try await repo.setLesson("a/b", done: true, at: odd)
        #expect(stored.map { abs($0.completedAt.timeIntervalSince(odd)) < 0.001 } == true)
        #expect(try await repo.completedLessons().first == stored)
    }

    // MARK: Quizzes

    @Test func quizAttemptsRoundTripNewestFirst() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        let a = try await repo.recordQuizAttempt(QuizAttempt(
            lessonID: "deep/cnn", answers: [0, 2, -1], correct: 1, total: 3, submittedAt: t0))
        let b = try await repo.recordQuizAttempt(QuizAttempt(
            lessonID: "deep/cnn", answers: [1, 2, 3], correct: 3, total: 3, submittedAt: t0.addingTimeInterval(30)))
        let other = try await repo.recordQuizAttempt(QuizAttempt(
            lessonID: "basics/tensors", answers: [], correct: 0, total: 0, submittedAt: t0))
        #expect(a.id != nil && b.id != nil && other.id != nil)
        #expect(a.id != b.id)
        #expect(a.answers == [0, 2, -1])

        #expect(try await repo.quizAttempts(lessonID: "deep/cnn") == [b, a])
        #expect(try await repo.quizAttempts(lessonID: "basics/tensors") == [other])
        #expect(try await repo.quizAttempts(lessonID: "nothing/here") == [])
    }

    @Test func sameTimeAttemptsAreOrderedByInsertion() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        var ids: [Int64] = []
        for i in 0..<3 {
            let attempt = try await repo.recordQuizAttempt(QuizAttempt(
                lessonID: "x/y", answers: [i], correct: 0, total: 1, submittedAt: t0))
            ids.append(attempt.id!)
        }
        #expect(try await repo.quizAttempts(lessonID: "x/y").map(\.id) == ids.reversed())
    }

    // MARK: Demo configurations

    @Test func demoConfigurationsSaveReplaceUpdateAndDelete() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        let small = try await repo.saveDemoConfiguration(DemoConfiguration(
            demo: "playground", name: "small", configuration: #"{"layers":[2,4,1]}"#, savedAt: t0))
        let big = try await repo.saveDemoConfiguration(DemoConfiguration(
            demo: "playground", name: "big", configuration: #"{"layers":[2,64,64,1]}"#, savedAt: t0.addingTimeInterval(1)))
        let elsewhere = try await repo.saveDemoConfiguration(DemoConfiguration(
            demo: "kmeans", name: "small", configuration: #"{"k":3}"#, savedAt: t0))
        #expect(small.id != nil && big.id != nil && small.id != big.id && elsewhere.id != small.id)
        #expect(try await repo.demoConfigurations(demo: "playground") == [big, small])
        #expect(try await repo.demoConfigurations(demo: "kmeans") == [elsewhere])

        // Saving the same name again (no id) replaces that configuration, keeping its id.
        let smaller = try await repo.saveDemoConfiguration(DemoConfiguration(
            demo: "playground", name: "small", configuration: #"{"layers":[2,2,1]}"#, savedAt: t0.addingTimeInterval(2)))
        #expect(smaller.id == small.id)
        #expect(try await repo.demoConfigurations(demo: "playground") == [smaller, big])

        // Saving with an id updates it, rename included.
        var renamed = big
        renamed.name = "large"
        renamed.savedAt = t0.addingTimeInterval(3)
        let saved = try await repo.saveDemoConfiguration(renamed)
        #expect(saved == renamed)
        #expect(try await repo.demoConfigurations(demo: "playground").map(\.name) == ["large", "small"])

        // Renaming onto another configuration's name, or updating a deleted one, is refused.
        var clash = saved
        clash.name = "small"
        #expect(isInvalid(await storeError { try await repo.saveDemoConfiguration(clash) }))

        try await repo.deleteDemoConfiguration(id: saved.id!)
        try await repo.deleteDemoConfiguration(id: saved.id!)  // again: no error
        #expect(try await repo.demoConfigurations(demo: "playground") == [smaller])
        #expect(isInvalid(await storeError { try await repo.saveDemoConfiguration(saved) }))
    }

    // MARK: Experiment runs

    @Test func experimentRunsRoundTripWithAndWithoutWeights() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        let weights = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let one = try await repo.recordExperimentRun(ExperimentRun(
            demo: "playground", configuration: #"{"lr":0.1}"#, summary: #"{"loss":0.25}"#,
            weights: weights, finishedAt: t0))
        let two = try await repo.recordExperimentRun(ExperimentRun(
            demo: "playground", configuration: #"{"lr":0.01}"#, summary: #"{"loss":0.5}"#,
            weights: nil, finishedAt: t0.addingTimeInterval(5)))
        let three = try await repo.recordExperimentRun(ExperimentRun(
            demo: "playground", configuration: "{}", summary: "{}", weights: Data(), finishedAt: t0.addingTimeInterval(9)))
        _ = try await repo.recordExperimentRun(ExperimentRun(
            demo: "other", configuration: "{}", summary: "{}", finishedAt: t0))

        #expect(try await repo.experimentRun(id: one.id!) == one)
        #expect(try await repo.experimentRun(id: two.id!) == two)
        #expect(try await repo.experimentRun(id: three.id!)?.weights == Data())
        #expect(try await repo.experimentRun(id: 987_654) == nil)

        let withWeights = try await repo.experimentRuns(demo: "playground", limit: 10, includeWeights: true)
        #expect(withWeights == [three, two, one])
        let listed = try await repo.experimentRuns(demo: "playground", limit: 2)
        #expect(listed.map(\.id) == [three.id, two.id])
        #expect(listed.allSatisfy { $0.weights == nil })
        #expect(try await repo.experimentRuns(demo: "missing", limit: 5) == [])
    }

    @Test func weightsLiveInTheirOwnTableWithACascadingForeignKey() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        let run = try await repo.recordExperimentRun(ExperimentRun(
            demo: "d", configuration: "{}", summary: "{}", weights: Data([1, 2, 3]), finishedAt: t0))
        let remaining = try await repo.writer.write { db in
            try db.execute(sql: "DELETE FROM experiment_run WHERE id = ?", arguments: [run.id!])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM experiment_weights") ?? -1
        }
        #expect(remaining == 0)
    }

    // MARK: Invalid input

    @Test func invalidInputIsRejectedBeforeWriting() async throws {
        let repo = try SQLiteHubRepository.inMemory()
        let long = String(repeating: "x", count: 201)
        let hugeJSON = "[" + String(repeating: "1,", count: 140_000) + "1]"  // > 256 KiB
        let ok = QuizAttempt(lessonID: "a/b", answers: [0, 1], correct: 1, total: 2, submittedAt: t0)

        var failures: [HubStoreError?] = []
        failures.append(await storeError { try await repo.setLesson("", done: true, at: t0) })
        failures.append(await storeError { try await repo.setLesson("   ", done: true, at: t0) })
        failures.append(await storeError { try await repo.setLesson(long, done: true, at: t0) })
        failures.append(await storeError { try await repo.setLesson("a\u{0}b", done: true, at: t0) })
        failures.append(await storeError { try await repo.setLesson("a/b", done: true, at: Date(timeIntervalSince1970: .nan)) })
        failures.append(await storeError { try await repo.quizAttempts(lessonID: "") })

        var withID = ok; withID.id = 7
        var tooMany = ok; tooMany.correct = 3
        var negative = ok; negative.correct = -1
        var mismatch = ok; mismatch.answers = [0]
        var badChoice = ok; badChoice.answers = [0, -2]
        for attempt in [withID, tooMany, negative, mismatch, badChoice] {
            failures.append(await storeError { try await repo.recordQuizAttempt(attempt) })
        }

        let config = DemoConfiguration(demo: "d", name: "n", configuration: "{}", savedAt: t0)
        var noName = config; noName.name = ""
        var longName = config; longName.name = long
        var notJSON = config; notJSON.configuration = "{oops"
        var bigJSON = config; bigJSON.configuration = hugeJSON
        for c in [noName, longName, notJSON, bigJSON] {
            failures.append(await storeError { try await repo.saveDemoConfiguration(c) })
        }

        let run = ExperimentRun(demo: "d", configuration: "{}", summary: "{}", finishedAt: t0)
        var heavy = run; heavy.weights = Data(count: 8 * 1024 * 1024 + 1)
        var badSummary = run; badSummary.summary = ""
        var recorded = run; recorded.id = 1
        var noDemo = run; noDemo.demo = ""
        for r in [heavy, badSummary, recorded, noDemo] {
            failures.append(await storeError { try await repo.recordExperimentRun(r) })
        }
        failures.append(await storeError { try await repo.experimentRuns(demo: "d", limit: 0) })
        failures.append(await storeError { try await repo.experimentRuns(demo: "d", limit: 1_001) })

        #expect(failures.count == 21)
        for (index, failure) in failures.enumerated() {
            #expect(isInvalid(failure), "case \(index): \(String(describing: failure))")
        }
        // Nothing was written.
        #expect(try await repo.completedLessons() == [])
        #expect(try await repo.quizAttempts(lessonID: "a/b") == [])
        #expect(try await repo.demoConfigurations(demo: "d") == [])
        #expect(try await repo.experimentRuns(demo: "d", limit: 10) == [])

        // The limits themselves are accepted.
        let exactly = String(repeating: "y", count: 200)
        #expect(try await repo.setLesson(exactly, done: true, at: t0)?.lessonID == exactly)
        var heaviest = run; heaviest.weights = Data(count: 8 * 1024 * 1024)
        #expect(try await repo.recordExperimentRun(heaviest).id != nil)
    }

    @Test func profileNamesAreValidated() throws {
        let data = URL(fileURLWithPath: "/data/mlhub", isDirectory: true)
        #expect(try SQLiteHubRepository.databasePath(dataFolder: data, profile: "default").path
            == "/data/mlhub/profiles/default/hub.sqlite")
        for good in ["a", "Ada_Lovelace-2", String(repeating: "z", count: 40)] {
            #expect(try SQLiteHubRepository.databasePath(dataFolder: data, profile: good).lastPathComponent == "hub.sqlite")
        }
        for bad in ["", ".", "..", "a/b", "../etc", "a.b", " a", "é", "a b", String(repeating: "z", count: 41), "a\u{0}"] {
            #expect(throws: HubStoreError.self, "profile \(bad.debugDescription)") {
                try SQLiteHubRepository.databasePath(dataFolder: data, profile: bad)
            }
            do {
                _ = try SQLiteHubRepository.databasePath(dataFolder: data, profile: bad)
            } catch {
                #expect(isInvalid(error))
            }
        }
    }

    // MARK: Files

    @Test func acknowledgedRowsSurviveClosingAndReopening() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        // The parent folders do not exist yet: they are created.
        let path = try SQLiteHubRepository.databasePath(dataFolder: folder.url, profile: "learner").path

        let repo = try SQLiteHubRepository(path: path)
        let lesson = try await repo.setLesson("deep/rnn", done: true, at: t0)
        let attempt = try await repo.recordQuizAttempt(QuizAttempt(
            lessonID: "deep/rnn", answers: [1], correct: 1, total: 1, submittedAt: t0))
        let config = try await repo.saveDemoConfiguration(DemoConfiguration(
            demo: "rnn", name: "mine", configuration: "[1,2]", savedAt: t0))
        let run = try await repo.recordExperimentRun(ExperimentRun(
            demo: "rnn", configuration: "{}", summary: #"{"acc":0.9}"#, weights: Data([9, 8, 7]), finishedAt: t0))

        // What is on disk right now, as a crash would leave it (database and WAL, no close).
        try FileManager.default.copyItem(atPath: path, toPath: folder.file("crash.sqlite"))
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: folder.file("crash.sqlite-wal"))
        let crashed = try SQLiteHubRepository(path: folder.file("crash.sqlite"))
        #expect(try await crashed.completedLessons() == [lesson!])
        #expect(try await crashed.experimentRun(id: run.id!) == run)
        try crashed.close()

        try repo.close()
        let reopened = try SQLiteHubRepository(path: path)
        #expect(try await reopened.completedLessons() == [lesson!])
        #expect(try await reopened.quizAttempts(lessonID: "deep/rnn") == [attempt])
        #expect(try await reopened.demoConfigurations(demo: "rnn") == [config])
        #expect(try await reopened.experimentRun(id: run.id!) == run)
        try reopened.close()
    }

    @Test func fileDatabaseIsDurableWAL() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let repo = try SQLiteHubRepository(path: folder.file("hub.sqlite"))
        let pragmas = try await repo.writer.writeWithoutTransaction { db in
            [
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                try String.fetchOne(db, sql: "PRAGMA synchronous") ?? "",
                try String.fetchOne(db, sql: "PRAGMA foreign_keys") ?? "",
                try String.fetchOne(db, sql: "PRAGMA busy_timeout") ?? "",
            ]
        }
        #expect(pragmas == ["wal", "2", "1", "2000"])  // synchronous 2 = FULL
    }

    @Test func migrationsRunOnceAndReportTheSchemaVersion() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("hub.sqlite")
        #expect(SQLiteHubRepository.currentSchemaVersion == 2)
        #expect(try SQLiteHubRepository.inMemory().schemaVersion == 2)

        let repo = try SQLiteHubRepository(path: path)
        #expect(repo.schemaVersion == 2)
        _ = try await repo.setLesson("keep/me", done: true, at: t0)
        try repo.close()

        for _ in 0..<2 {
            let again = try SQLiteHubRepository(path: path)
            #expect(again.schemaVersion == 2)
            let applied = try await again.writer.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            }
            #expect(applied == ["v1-learner-progress", "v2-experiment-runs"])
            #expect(try await again.completedLessons().map(\.lessonID) == ["keep/me"])
            try again.close()
        }
    }

    @Test func aNewerSchemaIsRefusedAndKept() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("hub.sqlite")
        let repo = try SQLiteHubRepository(path: path)
        _ = try await repo.setLesson("keep/me", done: true, at: t0)
        try repo.close()

        // A future MLHub moved the schema on.
        let raw = try DatabaseQueue(path: path)
        try await raw.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 99") }
        try raw.close()

        var error: HubStoreError?
        do { _ = try SQLiteHubRepository(path: path) } catch let e { error = e }
        guard case .unavailable(let message) = error else {
            Issue.record("expected .unavailable, got \(String(describing: error))")
            return
        }
        #expect(message.contains("newer"))
        #expect(message.contains(path))

        let check = try DatabaseQueue(path: path)
        #expect(try await check.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lesson_progress") } == 1)
        #expect(try await check.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 99)
        try check.close()
    }

    @Test func anUnknownMigrationIsRefused() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("hub.sqlite")
        try SQLiteHubRepository(path: path).close()
        let raw = try DatabaseQueue(path: path)
        try await raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try raw.close()
        var error: HubStoreError?
        do { _ = try SQLiteHubRepository(path: path) } catch let e { error = e }
        if case .unavailable = error {} else { Issue.record("expected .unavailable, got \(String(describing: error))") }
    }

    @Test func aGarbageFileIsCorruptAndLeftByteIdentical() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("hub.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: ($0 &* 7919) ^ 0x5A) })
        try garbage.write(to: URL(fileURLWithPath: path))

        var error: HubStoreError?
        do { _ = try SQLiteHubRepository(path: path) } catch let e { error = e }
        guard case .corrupt(let message) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(message.contains(path))
        #expect(message.contains("untouched"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aDamagedDatabaseIsCorruptAndLeftByteIdentical() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("hub.sqlite")
        let repo = try SQLiteHubRepository(path: path)
        _ = try await repo.setLesson("a/b", done: true, at: t0)
        try repo.close()  // checkpoints the WAL into the file
        // Keep SQLite's header (100 bytes) but scribble over the rest of the schema page.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xEE }
        try bytes.write(to: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")

        var error: HubStoreError?
        do { _ = try SQLiteHubRepository(path: path) } catch let e { error = e }
        if case .corrupt = error {} else { Issue.record("expected .corrupt, got \(String(describing: error))") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func anUncreatableFolderIsUnavailable() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let blocker = folder.file("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        var error: HubStoreError?
        do { _ = try SQLiteHubRepository(path: blocker + "/profiles/p/hub.sqlite") } catch let e { error = e }
        if case .unavailable = error {} else { Issue.record("expected .unavailable, got \(String(describing: error))") }

        do { _ = try SQLiteHubRepository(path: folder.url.path) } catch let e { error = e }
        if case .unavailable = error {} else { Issue.record("a folder path: expected .unavailable, got \(String(describing: error))") }
    }

    @Test func aHeldExclusiveLockMakesWritesFailWithLocked() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("hub.sqlite")
        let repo = try SQLiteHubRepository(path: path, busyTimeout: 0.5)

        // Another connection (as another process would) takes the write lock and keeps it.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }

        let start = Date()
        let error = await storeError { try await repo.setLesson("a/b", done: true, at: t0) }
        let elapsed = Date().timeIntervalSince(start)
        guard case .locked(let message) = error else {
            Issue.record("expected .locked, got \(String(describing: error))")
            return
        }
        #expect(message.contains(path))
        // It waits out the busy timeout, then fails (the upper bound only says it does not hang:
        // a loaded machine running the whole suite can be many times slower).
        #expect(elapsed >= 0.4 && elapsed < 60, "waited \(elapsed) s")
        // Reads still work while the writer is blocked (WAL).
        #expect(try await repo.completedLessons() == [])

        try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        #expect(try await repo.setLesson("a/b", done: true, at: t0) != nil)
        try other.close()
        try repo.close()
    }

    @Test func closedRepositoryIsUnavailable() async throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let repo = try SQLiteHubRepository(path: folder.file("hub.sqlite"))
        try repo.close()
        let error = await storeError { try await repo.completedLessons() }
        if case .unavailable = error {} else { Issue.record("expected .unavailable, got \(String(describing: error))") }
    }

    @Test func databaseErrorsAreMappedByResultCode() {
        func map(_ code: ResultCode) -> HubStoreError {
            HubStoreError.from(DatabaseError(resultCode: code, message: "m"), file: "/x/hub.sqlite")
        }
        if case .locked = map(.SQLITE_BUSY) {} else { Issue.record("BUSY") }
        if case .locked = map(.SQLITE_LOCKED) {} else { Issue.record("LOCKED") }
        if case .locked = map(.SQLITE_BUSY_SNAPSHOT) {} else { Issue.record("BUSY_SNAPSHOT") }
        if case .full = map(.SQLITE_FULL) {} else { Issue.record("FULL") }
        if case .corrupt(let m) = map(.SQLITE_CORRUPT) { #expect(m.contains("/x/hub.sqlite") && m.contains("untouched")) } else { Issue.record("CORRUPT") }
        if case .corrupt = map(.SQLITE_NOTADB) {} else { Issue.record("NOTADB") }
        if case .unavailable = map(.SQLITE_READONLY) {} else { Issue.record("READONLY") }
        if case .unavailable = map(.SQLITE_CANTOPEN) {} else { Issue.record("CANTOPEN") }
        if case .unavailable = map(.SQLITE_IOERR_WRITE) {} else { Issue.record("IOERR_WRITE") }
        if case .invalid = map(.SQLITE_CONSTRAINT_UNIQUE) {} else { Issue.record("CONSTRAINT") }
        #expect(HubStoreError.from(HubStoreError.full("x"), file: nil) == .full("x"))
        #expect(HubStoreError.locked("busy").description == "database locked: busy")
        #expect(HubStoreError.invalid("why").message == "why")
    }
}
