import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the client's address for the delivery log and the port the
/// request came in on, which names the session cookie.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The server's port on this connection; nil where there is no socket (the router tests).
    public let localPort: Int?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.localPort = source.channel.localAddress?.port
    }
}
