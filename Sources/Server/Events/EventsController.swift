import Core
import Foundation
import Hummingbird
import JSON
import NIOCore
import ServiceLifecycle

/// `GET /api/events`: server-sent events for the web page. Each event is `data: {"type": ...}` — `orders` with the
/// account and order ids, `delivery` after every webhook request, `accounts` when one is created, `current_account`
/// when it changes — and a comment every 15 seconds keeps proxies from closing the connection (and finds closed pages).
/// A stream ends within a second of its caller losing the right to read: a removed user, a new password, a revoked
/// token, or a first user on a server that was open.
struct EventsController: Sendable {
    let gatekeeper: Gatekeeper
    let events: EventHub
    /// How often a stream checks that its caller may still read.
    var recheckInterval: Duration = .seconds(1)

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/events") { request, context in
            try await subscribe(request, context)
        }
    }

    private func subscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let caller = try await gatekeeper.reader(request, context)
        guard await events.hasRoom else { throw APIError.tooManyListeners }
        // Everything that lives as long as the stream starts inside the body, which runs only once the reply's head
        // is out: a client gone before that leaves nothing behind.
        let body = ResponseBody { writer in
            guard let stream = await events.subscribe() else { return try await writer.finish(nil) }
            // Events and keep-alives merge into one stream of text, written in order until the client goes away.
            let (lines, feed) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(100))
            let forwarding = Task {
                for await event in stream { feed.yield("data: \(event.serialized)\n\n") }
                feed.finish()
            }
            let keepAlive = Task {
                while (try? await Task.sleep(for: .seconds(15))) != nil { feed.yield(": keep-alive\n\n") }
            }
            // A credential that no longer admits (or a store that cannot say) ends the stream.
            let revocation = Task {
                while (try? await Task.sleep(for: recheckInterval)) != nil {
                    if (try? await gatekeeper.stillAdmits(caller)) != true { return feed.finish() }
                }
            }
            defer {
                forwarding.cancel()
                keepAlive.cancel()
                revocation.cancel()
            }
            try await writer.write(ByteBuffer(string: ": papertrade events\n\n"))
            // A stopping server ends the stream: an open page must not hold up its shutdown.
            for await line in lines.cancelOnGracefulShutdown() { try await writer.write(ByteBuffer(string: line)) }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: body
        )
    }
}

extension APIError {
    static let tooManyListeners = APIError(
        status: .serviceUnavailable,
        code: "too_many_listeners",
        message: LocalizedMessage(english: "Too many pages are listening for events; close some", chinese: "监听事件的页面过多, 请关闭一些")
    )
}
