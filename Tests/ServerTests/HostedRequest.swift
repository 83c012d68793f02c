import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import Synchronization

@testable import Server

/// A request whose `Host` the test chooses, which the test clients fix to `localhost`: through the router it goes to
/// the application's responder itself, and over HTTP a client of its own sends it on a new connection.
struct HostedRequest: Sendable {
    var authority: String
    var path: String
    var method: HTTPRequest.Method = .get
    var headers: HTTPFields = [:]

    /// The status and body the application answers with.
    /// - Parameter port: the live server's port; nil to go through the router.
    func send(
        to app: Application<HeadResponder<RouterResponder<AppRequestContext>>>,
        port: Int?
    ) async throws -> (status: HTTPResponse.Status, text: String) {
        if let port {
            return try await TestClient.withClient(host: "localhost", port: port) { connection in
                let response = try await connection.execute(TestClient.Request(path, method: method, authority: authority, headers: headers))
                return (response.status, String(buffer: response.body ?? ByteBuffer()))
            }
        }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: authority, path: path, headerFields: headers),
            body: RequestBody(buffer: ByteBuffer())
        )
        var logger = Logger(label: "test")
        logger[metadataKey: "hb.request.id"] = "hosted"
        let context = AppRequestContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response = try await app.responder.respond(to: request, context: context)
        let collector = Collector()
        try await response.body.write(collector)
        return (response.status, collector.text)
    }
}

/// Keeps what a response body writes, for a response taken from the router.
private struct Collector: ResponseBodyWriter {
    private let buffer = Box()

    var text: String { buffer.bytes.withLock { String(buffer: $0) } }

    func write(_ buffer: ByteBuffer) async throws {
        self.buffer.bytes.withLock { $0.writeImmutableBuffer(buffer) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}

    private final class Box: Sendable {
        let bytes = Mutex(ByteBuffer())
    }
}
