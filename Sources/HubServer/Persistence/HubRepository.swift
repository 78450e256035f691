import Foundation

// MARK: - Records

/// A lesson the learner marked as done. `lessonID` looks like `"deep/neural-networks"`.
public struct LessonProgress: Codable, Sendable, Equatable {
    public var lessonID: String
    public var completedAt: Date

    public init(lessonID: String, completedAt: Date) {
        self.lessonID = lessonID
        self.completedAt = completedAt
    }
}

/// One submission of a lesson's quiz.
public struct QuizAttempt: Codable, Sendable, Equatable {
    /// `nil` until recorded; `recordQuizAttempt` returns the attempt with its id.
    public var id: Int64?
    public var lessonID: String
    /// The chosen choice index for each question, in question order; `-1` if unanswered.
    /// Must have exactly `total` elements.
    public var answers: [Int]
    public var correct: Int
    public var total: Int
    public var submittedAt: Date

    public init(id: Int64? = nil, lessonID: String, answers: [Int], correct: Int, total: Int, submittedAt: Date) {
        self.id = id
        self.lessonID = lessonID
        self.answers = answers
        self.correct = correct
        self.total = total
        self.submittedAt = submittedAt
    }
}

/// A named set of demo settings the learner saved, e.g. a network layout for the playground.
public struct DemoConfiguration: Codable, Sendable, Equatable {
    /// `nil` for a new configuration. Saving with an id updates that configuration.
    public var id: Int64?
    public var demo: String
    public var name: String
    /// JSON text, at most `HubStoreLimits.maxJSONBytes` bytes.
    public var configuration: String
    public var savedAt: Date

    public init(id: Int64? = nil, demo: String, name: String, configuration: String, savedAt: Date) {
        self.id = id
        self.demo = demo
        self.name = name
        self.configuration = configuration
        self.savedAt = savedAt
    }
}

/// A finished training run of a demo: its settings, its metrics and optionally its weights.
public struct ExperimentRun: Codable, Sendable, Equatable {
    /// `nil` until recorded; `recordExperimentRun` returns the run with its id.
    public var id: Int64?
    public var demo: String
    /// JSON text, at most `HubStoreLimits.maxJSONBytes` bytes.
    public var configuration: String
    /// JSON metrics, at most `HubStoreLimits.maxJSONBytes` bytes.
    public var summary: String
    /// Serialized weights, at most `HubStoreLimits.maxWeightsBytes` bytes.
    public var weights: Data?
    public var finishedAt: Date

    public init(id: Int64? = nil, demo: String, configuration: String, summary: String, weights: Data? = nil, finishedAt: Date) {
        self.id = id
        self.demo = demo
        self.configuration = configuration
        self.summary = summary
        self.weights = weights
        self.finishedAt = finishedAt
    }
}

// MARK: - Limits

/// The input limits the store enforces before touching the database (violations → `.invalid`).
public enum HubStoreLimits {
    /// Lesson ids and demo names, in Unicode scalars.
    public static let maxIDLength = 200
    /// Saved configuration names, in Unicode scalars.
    public static let maxNameLength = 200
    /// Configuration and summary JSON text, in UTF-8 bytes (256 KiB).
    public static let maxJSONBytes = 256 * 1024
    /// Experiment weights (8 MiB).
    public static let maxWeightsBytes = 8 * 1024 * 1024
    /// Questions in one quiz attempt.
    public static let maxQuizQuestions = 1_000
    /// Largest `limit` accepted by `experimentRuns(demo:limit:)`.
    public static let maxRunsPerRequest = 1_000
    /// Profile names: letters, digits, `-`, `_`, this many at most.
    public static let maxProfileNameLength = 40
}

// MARK: - Repository

/// The learner's own data: finished lessons, quiz attempts, saved demo settings and
/// experiment runs.
///
/// Dates are stored with millisecond precision: the values returned by the writing methods are
/// the stored ones, so they compare equal to what the reading methods return later.
public protocol HubRepository: Sendable {
    /// The lessons marked done, oldest completion first (ties by lesson id).
    func completedLessons() async throws(HubStoreError) -> [LessonProgress]

    /// Marks a lesson done or not done. Idempotent: marking a done lesson done again keeps
    /// its first completion date and returns it; `done: false` removes the mark and returns `nil`.
    func setLesson(_ lessonID: String, done: Bool, at date: Date) async throws(HubStoreError) -> LessonProgress?

    /// Records a new attempt (its `id` must be `nil`) and returns it with its id.
    func recordQuizAttempt(_ attempt: QuizAttempt) async throws(HubStoreError) -> QuizAttempt

    /// The attempts at one lesson's quiz, newest first.
    func quizAttempts(lessonID: String) async throws(HubStoreError) -> [QuizAttempt]

    /// Saves a configuration. Without an id, a configuration of the same demo with the same
    /// name is replaced (keeping its id), otherwise a new one is created. With an id, that
    /// configuration is updated (`.invalid` if it no longer exists or the new name is taken).
    func saveDemoConfiguration(_ configuration: DemoConfiguration) async throws(HubStoreError) -> DemoConfiguration

    /// One demo's saved configurations, most recently saved first.
    func demoConfigurations(demo: String) async throws(HubStoreError) -> [DemoConfiguration]

    /// Deletes a saved configuration; deleting one that does not exist is not an error.
    func deleteDemoConfiguration(id: Int64) async throws(HubStoreError)

    /// Records a finished run (its `id` must be `nil`) and returns it with its id.
    func recordExperimentRun(_ run: ExperimentRun) async throws(HubStoreError) -> ExperimentRun

    /// One demo's runs, most recently finished first, at most `limit` (1…1000) of them.
    /// With `includeWeights: false` every run's `weights` is `nil`, which keeps listings small;
    /// fetch one run with `experimentRun(id:)` to get its weights.
    func experimentRuns(demo: String, limit: Int, includeWeights: Bool) async throws(HubStoreError) -> [ExperimentRun]

    /// One run, with its weights, or `nil` if there is none with that id.
    func experimentRun(id: Int64) async throws(HubStoreError) -> ExperimentRun?
}

extension HubRepository {
    /// One demo's runs, most recently finished first, without their weights
    /// (see `experimentRuns(demo:limit:includeWeights:)`).
    public func experimentRuns(demo: String, limit: Int) async throws(HubStoreError) -> [ExperimentRun] {
        try await experimentRuns(demo: demo, limit: limit, includeWeights: false)
    }
}

// MARK: - Validation

/// Input checks shared by repository implementations. Each throws `.invalid` with a message
/// naming the field.
enum HubInputValidation {
    static func identifier(_ value: String, field: String, maxLength: Int = HubStoreLimits.maxIDLength) throws(HubStoreError) {
        if value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw .invalid("\(field) must not be empty")
        }
        let length = value.unicodeScalars.count
        if length > maxLength {
            throw .invalid("\(field) is \(length) characters long; the limit is \(maxLength)")
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalid("\(field) must not contain control characters")
        }
    }

    static func json(_ value: String, field: String) throws(HubStoreError) {
        let bytes = value.utf8.count
        if bytes > HubStoreLimits.maxJSONBytes {
            throw .invalid("\(field) is \(bytes) bytes of JSON; the limit is \(HubStoreLimits.maxJSONBytes) bytes")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])) != nil else {
            throw .invalid("\(field) is not valid JSON")
        }
    }

    static func weights(_ value: Data?) throws(HubStoreError) {
        if let value, value.count > HubStoreLimits.maxWeightsBytes {
            throw .invalid("the weights are \(value.count) bytes; the limit is \(HubStoreLimits.maxWeightsBytes) bytes (8 MiB)")
        }
    }

    static func newRecord(_ id: Int64?, kind: String) throws(HubStoreError) {
        if let id {
            throw .invalid("this \(kind) already has id \(id); a \(kind) is recorded once, with a nil id")
        }
    }

    static func quiz(_ attempt: QuizAttempt) throws(HubStoreError) {
        try identifier(attempt.lessonID, field: "the lesson id")
        guard (0...HubStoreLimits.maxQuizQuestions).contains(attempt.total) else {
            throw .invalid("a quiz has 0…\(HubStoreLimits.maxQuizQuestions) questions, not \(attempt.total)")
        }
        guard (0...attempt.total).contains(attempt.correct) else {
            throw .invalid("\(attempt.correct) correct answers out of \(attempt.total) questions is impossible")
        }
        guard attempt.answers.count == attempt.total else {
            throw .invalid("there are \(attempt.answers.count) answers for \(attempt.total) questions")
        }
        if let bad = attempt.answers.first(where: { $0 < -1 || $0 > 10_000 }) {
            throw .invalid("answer \(bad) is not a choice index (use -1 for unanswered)")
        }
    }

    static func limit(_ limit: Int) throws(HubStoreError) {
        guard (1...HubStoreLimits.maxRunsPerRequest).contains(limit) else {
            throw .invalid("the limit must be 1…\(HubStoreLimits.maxRunsPerRequest), not \(limit)")
        }
    }

    /// Milliseconds since 1970, the stored form of a date.
    static func milliseconds(_ date: Date, field: String) throws(HubStoreError) -> Int64 {
        let seconds = date.timeIntervalSince1970
        // Years 0…9999 or so: far inside Int64 milliseconds.
        guard seconds.isFinite, abs(seconds) < 253_402_300_800 else {
            throw .invalid("\(field) is not a usable date")
        }
        return Int64((seconds * 1000).rounded())
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
