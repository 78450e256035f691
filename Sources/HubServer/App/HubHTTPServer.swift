import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

extension HTTPServerBuilder {
    /// HTTP/1.1 with WebSocket upgrades, as `mlhub serve` runs it.
    ///
    /// hummingbird-websocket 2.8 reads a connection's first request with NIO's upgrade
    /// pipeline, whose error handling it turns off; a first request that is not valid HTTP
    /// (a stray byte, a bare LF, a folded header) then got no answer and its connection stayed
    /// open for good, so a client could use up the server's connections. Until the first
    /// request is read this builder answers such a request with 400 and closes, and closes a
    /// connection that sends nothing for 30 s. After it, Hummingbird's own handling (and its
    /// idle timeout) take over.
    public static func hub(router: Router<HubRequestContext>) -> HTTPServerBuilder {
        let webSocketResponder = router.buildResponder()
        return HTTPServerBuilder { responder in
            GuardedUpgradeChannel(inner: HTTP1WebSocketUpgradeChannel(
                responder: responder,
                webSocketResponder: webSocketResponder,
                configuration: .init(http1: .init(idleTimeout: .seconds(60)))
            ))
        }
    }
}

/// The upgrade channel with guards on the connection's first request (see ``HTTPServerBuilder/hub(router:)``).
struct GuardedUpgradeChannel: ServerChildChannel {
    let inner: HTTP1WebSocketUpgradeChannel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let writer = RawResponseWriter()
            let idle = IdleStateHandler(readTimeout: .seconds(30))
            try channel.pipeline.syncOperations.addHandler(writer, position: .first)
            try channel.pipeline.syncOperations.addHandler(idle, position: .after(writer))
            try channel.pipeline.syncOperations.addHandler(FirstRequestGuard(writer: writer, idle: idle), position: .last)
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Sits first in the pipeline, so that what it writes goes to the socket as raw bytes,
/// past the HTTP encoders.
final class RawResponseWriter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func badRequestAndClose() {
        guard let context else { return }
        // No body: the request could have been a HEAD, whose answer must not have one.
        let text = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: text))).whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

/// Sits last while the first request is read, where errors and idle events arrive: a parse
/// error gets the 400, silence a close. The first request part that reaches it has been
/// negotiated (the handlers Hummingbird adds then come after it), so it steps aside with the
/// other guards and Hummingbird handles errors from there on.
final class FirstRequestGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Never
    private let writer: RawResponseWriter
    private let idle: IdleStateHandler
    private var done = false

    init(writer: RawResponseWriter, idle: IdleStateHandler) {
        self.writer = writer
        self.idle = idle
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
        guard !done else { return }
        done = true
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        context.pipeline.removeHandler(idle, promise: nil)
        context.pipeline.removeHandler(writer, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        writer.badRequestAndClose()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
