import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import LoopbackSockets
import NIOCore
import Synchronization
@testable import HubServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hub's real application, serving in this process on 127.0.0.1, for the browser tests:
/// the router `mlhub serve` builds (`buildRouter(hub:)`, with the same server name), over the
/// bundled curriculum (rendered once per test process, `TestHub.content`) and the learner
/// database file of `dataFolder`'s default profile, as `Hub.open` finds it.
///
/// `start` binds port 0 (a free port) unless told otherwise and learns the port from the
/// `onServerRunning` channel. `stop` cancels the task running `runService`, waits for it, checks
/// that the port no longer accepts connections, closes the database and checks that no file
/// descriptor of it is left, so that a second instance can open the same file, on the same
/// port: a server restart.
final class LiveHub: Sendable {
    let port: Int
    let databaseFile: URL
    private let dataFolder: URL
    private let repository: SQLiteHubRepository
    private let task: Task<Void, any Error>
    private let stopping: StopFlag

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The address of `path` ("/lessons/…") on this server.
    func url(_ path: String) -> String { baseURL + path }

    private init(port: Int, dataFolder: URL, databaseFile: URL, repository: SQLiteHubRepository,
                 task: Task<Void, any Error>, stopping: StopFlag) {
        self.stopping = stopping
        self.port = port
        self.dataFolder = dataFolder
        self.databaseFile = databaseFile
        self.repository = repository
        self.task = task
    }

    /// Opens (creating if needed) `dataFolder`'s learner database and serves the hub on
    /// 127.0.0.1:`port` (0: any free port), returning once it accepts connections.
    static func start(dataFolder: URL, port: Int = 0, timeout: Duration = .seconds(20)) async throws -> LiveHub {
        let content = try TestHub.content.get()
        let databaseFile = try SQLiteHubRepository.databasePath(dataFolder: dataFolder, profile: "default")
        let repository = try SQLiteHubRepository(path: databaseFile.path)
        let stopping = StopFlag()
        var logger = Logger(label: "mlhub.browser-tests") { label in LiveHubLogHandler(label: label, stopping: stopping) }
        logger.logLevel = .warning

        let (ports, announce) = AsyncStream.makeStream(of: Int?.self)
        let router = buildRouter(hub: Hub(content: content, repository: repository))
        let application = Application(
            router: router,
            // As `mlhub serve`: the demo pages' WebSockets upgrade on the same port.
            server: .hub(router: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "MLHub"),
            onServerRunning: { channel in announce.yield(channel.localAddress?.port) },
            logger: logger
        )
        let task = Task {
            defer { announce.finish() }
            try await application.runService(gracefulShutdownSignals: [])
        }

        enum Outcome: Sendable { case listening(port: Int?), stopped, timedOut }
        let outcome: Outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask { await ports.first { _ in true }.map { .listening(port: $0) } ?? .stopped }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            let first = await group.next() ?? .stopped
            group.cancelAll()
            return first
        }
        guard case .listening(let announcedPort?) = outcome else {
            stopping.set()
            task.cancel()
            let result = await task.result
            try? repository.close()
            if case .failure(let error) = result, !(error is CancellationError) {
                throw HubTestError("the hub did not start on 127.0.0.1:\(port): \(error)")
            }
            switch outcome {
            case .listening: throw HubTestError("the hub's channel has no local address")
            case .stopped: throw HubTestError("the hub stopped before it listened on 127.0.0.1:\(port)")
            case .timedOut: throw HubTestError("the hub did not listen on 127.0.0.1:\(port) within \(timeout)")
            }
        }
        return LiveHub(port: announcedPort, dataFolder: dataFolder, databaseFile: databaseFile, repository: repository, task: task, stopping: stopping)
    }

    /// Stops the server (cancelling `runService`), waits until the port refuses connections,
    /// and closes the learner database. Throws if the server had failed or the port stays open.
    func stop() async throws {
        stopping.set()
        task.cancel()
        let outcome = await task.result
        if case .failure(let error) = outcome, !(error is CancellationError) {
            try? repository.close()
            throw HubTestError("the hub on port \(port) failed: \(error)")
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while Self.acceptsConnections(port: port) {
            guard ContinuousClock.now < deadline else {
                try? repository.close()
                throw HubTestError("port \(port) still accepts connections 5 s after the hub stopped")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try repository.close()
        let stillOpen = Self.openFiles(under: databaseFile.path)
        guard stillOpen.isEmpty else {
            throw HubTestError("the learner database is still open after the hub stopped: \(stillOpen.joined(separator: ", "))")
        }
    }

    /// The files this process has open whose path starts with `prefix` (the database file and
    /// its `-wal` and `-shm` companions), from `/proc/self/fd`; empty where there is no `/proc`.
    static func openFiles(under prefix: String) -> [String] {
        let folder = "/proc/self/fd"
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let prefix = URL(fileURLWithPath: prefix).resolvingSymlinksInPath().path
        return descriptors.compactMap { descriptor in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + descriptor) else { return nil }
            return target.hasPrefix(prefix) ? target : nil
        }
    }

    /// Stops this server and starts another on the same port over the same database file.
    func restart() async throws -> LiveHub {
        try await stop()
        return try await LiveHub.start(dataFolder: dataFolder, port: port)
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port`.
    static func acceptsConnections(port: Int) -> Bool {
        guard let fd = try? LoopbackSocket.connect(port: port) else { return false }
        close(fd)
        return true
    }
}

/// The hub's log in the tests: warnings and errors to standard error, except what Hummingbird
/// says about being cancelled ("Waiting on child channel: CancellationError()", "Server
/// shutdown error: Already closed") once `stop` has begun: that is how the tests stop it.
struct LiveHubLogHandler: LogHandler {
    private var stream: StreamLogHandler
    let stopping: StopFlag

    init(label: String, stopping: StopFlag) {
        stream = StreamLogHandler.standardError(label: label)
        self.stopping = stopping
    }

    func log(event: LogEvent) {
        if stopping.isSet && event.source == "HummingbirdCore" { return }
        stream.log(event: event)
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { stream.metadata }
        set { stream.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { stream[metadataKey: key] }
        set { stream[metadataKey: key] = newValue }
    }
}

final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

struct HubTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
