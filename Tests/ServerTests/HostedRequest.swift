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
    var body = ""

    /// The status, headers and body the application answers with.
    /// - Parameter port: the live server's port; nil to go through the router.
    func send(
        to app: Application<HeadResponder<RouterResponder<AppRequestContext>>>,
        port: Int?
    ) async throws -> HostedResponse {
        if let port {
            return try await TestClient.withClient(host: "localhost", port: port) { connection in
                let request = TestClient.Request(path, method: method, authority: authority, headers: headers, body: ByteBuffer(string: body))
                let response = try await connection.execute(request)
                return HostedResponse(status: response.status, headers: response.headers, text: String(buffer: response.body ?? ByteBuffer()))
            }
        }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: authority, path: path, headerFields: headers),
            body: RequestBody(buffer: ByteBuffer(string: body))
        )
        var logger = Logger(label: "test")
        logger[metadataKey: "hb.request.id"] = "hosted"
        let context = AppRequestContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response = try await app.responder.respond(to: request, context: context)
        let collector = Collector()
        try await response.body.write(collector)
        return HostedResponse(status: response.status, headers: response.headers, text: collector.text)
    }
}

/// What the application answered a `HostedRequest`.
struct HostedResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
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
