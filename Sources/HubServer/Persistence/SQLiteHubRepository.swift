import Foundation
import GRDB

/// The learner data store in one SQLite file (per profile), through GRDB.
///
/// A file database is a `DatabasePool` in WAL mode with `synchronous=FULL`, so a write that
/// returned has been fsynced and survives a crash or power cut; readers never wait for writers.
/// Foreign keys are on and a busy connection is waited for (2 s by default) before `.locked`.
public final class SQLiteHubRepository: HubRepository {
    /// The schema version this build creates and understands.
    public static let currentSchemaVersion = HubMigrations.currentSchemaVersion

    /// The schema version of the opened database (`PRAGMA user_version`) after migrating.
    public let schemaVersion: Int
    /// The database file, or `nil` for an in-memory database.
    public let path: String?

    /// The GRDB connection(s); internal so tests can inspect pragmas and tables.
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Throws: `.unavailable` if the folder or file cannot be created or opened, or if the
    ///   file was written by a newer MLHub (it is never downgraded or wiped); `.corrupt` if
    ///   the file is not an SQLite database or is damaged (it is left as it is); `.locked` if
    ///   another process holds it past `busyTimeout` while migrating.
    public convenience init(path: String, busyTimeout: TimeInterval = 2) throws(HubStoreError) {
        guard !path.isEmpty else { throw .invalid("the database path is empty") }
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        try Self.prepareLocation(file)

        var configuration = Configuration()
        configuration.label = "MLHub learner data"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.journalMode = .wal

        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: file, configuration: configuration)
            // GRDB switches a WAL writer to synchronous=NORMAL after `prepareDatabase` ran,
            // which could lose the last commits on power loss. Only the writer connection
            // writes, so raising it here, once, makes every acknowledged write durable.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch {
            throw HubStoreError.from(error, file: file)
        }
        try self.init(writer: pool, path: file)
    }

    /// A fresh database in memory, for tests. Nothing is kept once it is released.
    public static func inMemory() throws(HubStoreError) -> SQLiteHubRepository {
        var configuration = Configuration()
        configuration.label = "MLHub learner data (memory)"
        configuration.foreignKeysEnabled = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration)
        } catch {
            throw HubStoreError.from(error, file: nil)
        }
        return try SQLiteHubRepository(writer: queue, path: nil)
    }

    private init(writer: any DatabaseWriter, path: String?) throws(HubStoreError) {
        self.writer = writer
        self.path = path
        let migrator = HubMigrations.migrator
        let what = path.map { "the database file \($0)" } ?? "the in-memory database"
        do {
            let (found, superseded) = try writer.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.hasBeenSuperseded(db))
            }
            if found > Self.currentSchemaVersion || superseded {
                throw HubStoreError.unavailable(
                    "\(what) has schema version \(found), newer than the \(Self.currentSchemaVersion) this MLHub knows; "
                    + "it was left untouched — update MLHub, or use another profile")
            }
            try migrator.migrate(writer)
            schemaVersion = try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        } catch {
            throw HubStoreError.from(error, file: path)
        }
    }

    /// Closes the connections. Later calls fail with `.unavailable`. Optional: releasing the
    /// repository closes them too.
    public func close() throws(HubStoreError) {
        do { try writer.close() } catch { throw HubStoreError.from(error, file: path) }
    }

    /// `<dataFolder>/profiles/<profile>/hub.sqlite`, after checking that `profile` is 1…40
    /// ASCII letters, digits, `-` or `_` (anything else, `.` and `/` included, is `.invalid`).
    public static func databasePath(dataFolder: URL, profile: String) throws(HubStoreError) -> URL {
        let allowed = profile.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return true
            default: return false
            }
        }
        guard allowed, (1...HubStoreLimits.maxProfileNameLength).contains(profile.unicodeScalars.count) else {
            throw .invalid("a profile name is 1–\(HubStoreLimits.maxProfileNameLength) letters, digits, '-' or '_'")
        }
        return dataFolder
            .appendingPathComponent("profiles", isDirectory: true)
            .appendingPathComponent(profile, isDirectory: true)
            .appendingPathComponent("hub.sqlite", isDirectory: false)
    }

    // MARK: Lessons

    public func completedLessons() async throws(HubStoreError) -> [LessonProgress] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT lesson_id, completed_at FROM lesson_progress
                ORDER BY completed_at, lesson_id
                """).map(Self.lessonProgress)
        }
    }

    public func setLesson(_ lessonID: String, done: Bool, at date: Date) async throws(HubStoreError) -> LessonProgress? {
        try HubInputValidation.identifier(lessonID, field: "the lesson id")
        let millis = try HubInputValidation.milliseconds(date, field: "the completion date")
        return try await write { db in
            guard done else {
                try db.execute(sql: "DELETE FROM lesson_progress WHERE lesson_id = ?", arguments: [lessonID])
                return nil
            }
            try db.execute(sql: """
                INSERT INTO lesson_progress (lesson_id, completed_at) VALUES (?, ?)
                ON CONFLICT (lesson_id) DO NOTHING
                """, arguments: [lessonID, millis])
            let row = try Row.fetchOne(db, sql: """
                SELECT lesson_id, completed_at FROM lesson_progress WHERE lesson_id = ?
                """, arguments: [lessonID])
            return try row.map(Self.lessonProgress)
        }
    }

    // MARK: Quizzes

    public func recordQuizAttempt(_ attempt: QuizAttempt) async throws(HubStoreError) -> QuizAttempt {
        try HubInputValidation.newRecord(attempt.id, kind: "quiz attempt")
        try HubInputValidation.quiz(attempt)
        let millis = try HubInputValidation.milliseconds(attempt.submittedAt, field: "the submission date")
        let answers = "[" + attempt.answers.map(String.init).joined(separator: ",") + "]"
        let id = try await write { db in
            try db.execute(sql: """
                INSERT INTO quiz_attempt (lesson_id, answers, correct, total, submitted_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [attempt.lessonID, answers, attempt.correct, attempt.total, millis])
            return db.lastInsertedRowID
        }
        var recorded = attempt
        recorded.id = id
        recorded.submittedAt = HubInputValidation.date(milliseconds: millis)
        return recorded
    }

    public func quizAttempts(lessonID: String) async throws(HubStoreError) -> [QuizAttempt] {
        try HubInputValidation.identifier(lessonID, field: "the lesson id")
        let file = path
        return try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, lesson_id, answers, correct, total, submitted_at FROM quiz_attempt
                WHERE lesson_id = ? ORDER BY submitted_at DESC, id DESC
                """, arguments: [lessonID]).map { row in
                let id: Int64 = try row.decode(forColumn: "id")
                let text: String = try row.decode(forColumn: "answers")
                guard let answers = try? JSONDecoder().decode([Int].self, from: Data(text.utf8)) else {
                    throw HubStoreError.corrupt(
                        "quiz attempt \(id) in \(file ?? "the in-memory database") has unreadable answers; it was left untouched")
                }
                return QuizAttempt(
                    id: id,
                    lessonID: try row.decode(forColumn: "lesson_id"),
                    answers: answers,
                    correct: try row.decode(forColumn: "correct"),
                    total: try row.decode(forColumn: "total"),
                    submittedAt: HubInputValidation.date(milliseconds: try row.decode(forColumn: "submitted_at")))
            }
        }
    }

    // MARK: Demo configurations

    public func saveDemoConfiguration(_ configuration: DemoConfiguration) async throws(HubStoreError) -> DemoConfiguration {
        try HubInputValidation.identifier(configuration.demo, field: "the demo name")
        try HubInputValidation.identifier(configuration.name, field: "the configuration name", maxLength: HubStoreLimits.maxNameLength)
        try HubInputValidation.json(configuration.configuration, field: "the configuration")
        let millis = try HubInputValidation.milliseconds(configuration.savedAt, field: "the save date")
        let c = configuration
        let id: Int64 = try await write { db in
            if let id = c.id {
                if try Bool.fetchOne(db, sql: """
                    SELECT 1 FROM demo_configuration WHERE demo = ? AND name = ? AND id <> ?
                    """, arguments: [c.demo, c.name, id]) == true {
                    throw HubStoreError.invalid("\(c.demo) already has a saved configuration named “\(c.name)”")
                }
                try db.execute(sql: """
                    UPDATE demo_configuration SET demo = ?, name = ?, configuration = ?, saved_at = ?
                    WHERE id = ?
                    """, arguments: [c.demo, c.name, c.configuration, millis, id])
                guard db.changesCount == 1 else {
                    throw HubStoreError.invalid("there is no saved configuration with id \(id) (it may have been deleted)")
                }
                return id
            }
            guard let id = try Int64.fetchOne(db, sql: """
                INSERT INTO demo_configuration (demo, name, configuration, saved_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (demo, name) DO UPDATE SET configuration = excluded.configuration, saved_at = excluded.saved_at
                RETURNING id
                """, arguments: [c.demo, c.name, c.configuration, millis])
            else {
                throw HubStoreError.unavailable("saving the configuration returned no id")
            }
            return id
        }
        var saved = configuration
        saved.id = id
        saved.savedAt = HubInputValidation.date(milliseconds: millis)
        return saved
    }

    public func demoConfigurations(demo: String) async throws(HubStoreError) -> [DemoConfiguration] {
        try HubInputValidation.identifier(demo, field: "the demo name")
        return try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, demo, name, configuration, saved_at FROM demo_configuration
                WHERE demo = ? ORDER BY saved_at DESC, id DESC
                """, arguments: [demo]).map { row in
                DemoConfiguration(
                    id: try row.decode(forColumn: "id"),
                    demo: try row.decode(forColumn: "demo"),
                    name: try row.decode(forColumn: "name"),
                    configuration: try row.decode(forColumn: "configuration"),
                    savedAt: HubInputValidation.date(milliseconds: try row.decode(forColumn: "saved_at")))
            }
        }
    }

    public func deleteDemoConfiguration(id: Int64) async throws(HubStoreError) {
        try await write { db in
            try db.execute(sql: "DELETE FROM demo_configuration WHERE id = ?", arguments: [id])
        }
    }

    // MARK: Experiment runs

    public func recordExperimentRun(_ run: ExperimentRun) async throws(HubStoreError) -> ExperimentRun {
        try HubInputValidation.newRecord(run.id, kind: "experiment run")
        try HubInputValidation.identifier(run.demo, field: "the demo name")
        try HubInputValidation.json(run.configuration, field: "the configuration")
        try HubInputValidation.json(run.summary, field: "the summary")
        try HubInputValidation.weights(run.weights)
        let millis = try HubInputValidation.milliseconds(run.finishedAt, field: "the finish date")
        let id = try await write { db in
            try db.execute(sql: """
                INSERT INTO experiment_run (demo, configuration, summary, finished_at) VALUES (?, ?, ?, ?)
                """, arguments: [run.demo, run.configuration, run.summary, millis])
            let id = db.lastInsertedRowID
            if let weights = run.weights {
                try db.execute(sql: "INSERT INTO experiment_weights (run_id, data) VALUES (?, ?)", arguments: [id, weights])
            }
            return id
        }
        var recorded = run
        recorded.id = id
        recorded.finishedAt = HubInputValidation.date(milliseconds: millis)
        return recorded
    }

    public func experimentRuns(demo: String, limit: Int, includeWeights: Bool) async throws(HubStoreError) -> [ExperimentRun] {
        try HubInputValidation.identifier(demo, field: "the demo name")
        try HubInputValidation.limit(limit)
        let weights = includeWeights
            ? "(SELECT data FROM experiment_weights WHERE run_id = r.id)"
            : "NULL"
        return try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.demo, r.configuration, r.summary, r.finished_at, \(weights) AS weights
                FROM experiment_run r WHERE r.demo = ? ORDER BY r.finished_at DESC, r.id DESC LIMIT ?
                """, arguments: [demo, limit]).map(Self.experimentRun)
        }
    }

    public func experimentRun(id: Int64) async throws(HubStoreError) -> ExperimentRun? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT r.id, r.demo, r.configuration, r.summary, r.finished_at, w.data AS weights
                FROM experiment_run r LEFT JOIN experiment_weights w ON w.run_id = r.id
                WHERE r.id = ?
                """, arguments: [id]).map(Self.experimentRun)
        }
    }

    // MARK: Plumbing

    private static func lessonProgress(_ row: Row) throws -> LessonProgress {
        LessonProgress(
            lessonID: try row.decode(forColumn: "lesson_id"),
            completedAt: HubInputValidation.date(milliseconds: try row.decode(forColumn: "completed_at")))
    }

    private static func experimentRun(_ row: Row) throws -> ExperimentRun {
        ExperimentRun(
            id: try row.decode(forColumn: "id"),
            demo: try row.decode(forColumn: "demo"),
            configuration: try row.decode(forColumn: "configuration"),
            summary: try row.decode(forColumn: "summary"),
            weights: try row.decode(forColumn: "weights"),
            finishedAt: HubInputValidation.date(milliseconds: try row.decode(forColumn: "finished_at")))
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(HubStoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw HubStoreError.from(error, file: path)
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(HubStoreError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw HubStoreError.from(error, file: path)
        }
    }

    /// Creates the parent folder and refuses, without touching it, a file that is not SQLite.
    private static func prepareLocation(_ file: String) throws(HubStoreError) {
        let manager = FileManager.default
        let folder = (file as NSString).deletingLastPathComponent
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot create the folder \(folder) for the learner database: \(error.localizedDescription)")
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: file, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw .unavailable("\(file) is a folder, not a database file")
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw .unavailable("the database file \(file) cannot be read; check its permissions")
        }
        defer { try? handle.close() }
        let header: Data
        do {
            header = try handle.read(upToCount: 16) ?? Data()
        } catch {
            throw .unavailable("the database file \(file) cannot be read: \(error.localizedDescription)")
        }
        // An empty file is a valid, empty database; anything else must start with SQLite's magic.
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
            throw .corrupt("the database file \(file) is not an SQLite database; it was left untouched — move it aside to start afresh")
        }
    }
}
