import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Keeps a connection from holding the server. Each client address has a bounded number of connections open; a
/// connection that sends nothing between requests is closed after the idle timeout; and a request must be read whole,
/// headers and body, within a deadline that starts at its first byte, so that a byte-a-minute trickle cannot keep a
/// socket either. Nothing is timed while a reply is being written (an event stream lasts as long as its page). One
/// per connection, on its event loop.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Why a request's body stopped: the deadline passed before it was read whole.
    struct RequestTimeout: Error {
        let seconds: Int64
    }

    /// How long a connection may wait for a request, and a request for its last byte.
    struct Timeouts {
        var idle: TimeAmount
        var request: TimeAmount
    }

    private let limiter: ConnectionLimiter
    private let timeouts: Timeouts
    private let metrics: ServerMetrics
    /// The address this connection counts against, once counted.
    private var counted: String?
    /// Whether a request's bytes have begun and its end has not been read.
    private var reading = false
    /// Requests whose head was read and whose reply has not ended.
    private var unanswered = 0
    private var deadline: Scheduled<Void>?
    private var idle: Scheduled<Void>?
    /// This handler's place in the pipeline, for the watcher's calls; nil once removed.
    private var context: ChannelHandlerContext?

    init(limiter: ConnectionLimiter, timeouts: Timeouts, metrics: ServerMetrics) {
        self.limiter = limiter
        self.timeouts = timeouts
        self.metrics = metrics
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // The first bytes of a request arrive before the HTTP decoder makes a head of them: a watcher at the front of
        // the pipeline starts the deadline then.
        try? context.pipeline.syncOperations.addHandler(RequestStartWatcher(owner: self), position: .first)
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        release()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestStarted()
            unanswered += 1
        case .body: break
        case .end:
            reading = false
            deadline?.cancel()
            deadline = nil
            // A reply sent before the body was read whole (a refusal) leaves the connection idle once the body ends.
            if unanswered == 0 { startIdle(context) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered -= 1
            if unanswered == 0, !reading { startIdle(context) }
        }
        context.write(data, promise: promise)
    }

    /// Counts the connection against its address, or closes it when the address has as many open as it may.
    private func admit(_ context: ChannelHandlerContext) {
        guard counted == nil, let address = context.channel.remoteAddress?.ipAddress else { return }
        guard limiter.open(address) else {
            metrics.connectionClosed("too_many_connections")
            context.close(promise: nil)
            return
        }
        counted = address
        startIdle(context)
    }

    private func release() {
        deadline?.cancel()
        idle?.cancel()
        (deadline, idle) = (nil, nil)
        if let address = counted { limiter.close(address) }
        counted = nil
    }

    /// Waits for the next request: a connection that sends nothing for the idle timeout is closed.
    private func startIdle(_ context: ChannelHandlerContext) {
        idle?.cancel()
        let metrics = metrics
        idle = context.eventLoop.assumeIsolated().scheduleTask(in: timeouts.idle) {
            metrics.connectionClosed("idle")
            context.close(promise: nil)
        }
    }

    /// Starts the deadline of a request unless one runs: at its first byte, or at its head for a request whose bytes
    /// came with the previous one's.
    fileprivate func requestStarted() {
        guard !reading, let context, context.channel.isActive else { return }
        reading = true
        idle?.cancel()
        idle = nil
        let seconds = timeouts.request.nanoseconds / 1_000_000_000
        let metrics = metrics
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeouts.request) {
            metrics.connectionClosed("request_timeout")
            // The handler reading the body learns why it stopped, and logs it as that.
            context.fireErrorCaught(RequestTimeout(seconds: seconds))
            context.close(promise: nil)
        }
    }
}

/// Tells its connection's guard when the bytes of a request begin, before they are decoded.
private final class RequestStartWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private weak var owner: ConnectionGuard?

    init(owner: ConnectionGuard) {
        self.owner = owner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        owner?.requestStarted()
        context.fireChannelRead(data)
    }
}
