import Hummingbird
import HummingbirdWebSocket

/// The request context: Hummingbird's core storage plus the hub's body-size limit (requests
/// whose body is larger get 413 when a route reads it).
public struct HubRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<HubRequestContext>
    public var maxUploadSize: Int { HubRequestContext.bodyLimit }

    /// Set once at start-up from `HubConfiguration.maxBodyBytes`.
    nonisolated(unsafe) static var bodyLimit = 64 * 1024

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}
