import Hummingbird
import Logging

/// The hub's application as `mlhub serve` builds it, running in this process on a port the
/// kernel picks. Benchmarks and tests drive it over real sockets.
public struct RunningHub: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    /// Starts `hub` on 127.0.0.1 and returns once it listens.
    public static func start(_ hub: Hub, logger: Logger) async throws -> RunningHub {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let router = buildRouter(hub: hub)
        let application = Application(
            router: router,
            server: .hub(router: router),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "MLHub"),
            onServerRunning: { channel in
                announce.yield(channel.localAddress?.port ?? 0)
                announce.finish()
            },
            logger: logger
        )
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw RunningHubError(description: "the hub did not start listening")
        }
        return RunningHub(port: port, task: task)
    }

    /// Shuts the server down gracefully and waits until it has.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

public struct RunningHubError: Error, CustomStringConvertible {
    public let description: String
}
