import Foundation
import Hummingbird
import HummingbirdWebSocket
import Lessons
import Logging
import NIOCore

/// Builds the hub's router over `hub`. Tests call this with an in-memory repository.
public func buildRouter(hub: Hub) -> Router<HubRequestContext> {
    let router = Router(context: HubRequestContext.self)
    router.add(middleware: ErrorResponseMiddleware())
    StaticController(assets: hub.assets).addRoutes(to: router)
    PageController(hub: hub).addRoutes(to: router)
    DemoController(hub: hub).addRoutes(to: router)
    DemoPageController(hub: hub).addRoutes(to: router)
    APIController(hub: hub).addRoutes(to: router.group("api"))
    return router
}

/// Builds the application `mlhub serve` runs: loads the curriculum, opens the profile's
/// database, and prints the address once the server listens.
public func buildApplication(
    _ configuration: HubConfiguration, logger: Logger, onRunning: @escaping @Sendable (String) -> Void = { message in FileHandle.standardOutput.write(Data((message + "\n").utf8)) }
) throws -> some ApplicationProtocol {
    HubRequestContext.bodyLimit = configuration.maxBodyBytes
    let hub = try Hub.open(configuration, logger: logger)
    let router = buildRouter(hub: hub)
    return Application(
        router: router,
        server: .hub(router: router),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "MLHub"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            onRunning("MLHub is running at http://\(host):\(port)/  (press Ctrl-C to stop)")
        },
        logger: logger
    )
}

/// Builds the application and serves until SIGINT or SIGTERM, then shuts down gracefully
/// (requests in flight finish first).
public func runHub(_ configuration: HubConfiguration, logger: Logger) async throws {
    let application = try buildApplication(configuration, logger: logger)
    try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
