import HTTPTypes
import Hummingbird

/// Answers `HEAD` wherever `GET` answers, as HTTP asks: the same status and headers, `Content-Length` included, and
/// no body (uptime checkers and load balancers send `HEAD`). Every other request goes to the router as it is.
public struct HeadResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == AppRequestContext {
    public typealias Context = AppRequestContext
    let base: Base

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await base.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await base.respond(to: Request(head: head, body: request.body), context: context)
        // A body that writes nothing but says how long the GET's is.
        response.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
        return response
    }
}
