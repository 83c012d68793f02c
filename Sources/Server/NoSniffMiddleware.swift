import HTTPTypes
import Hummingbird

/// Marks every reply `X-Content-Type-Options: nosniff`, so a browser never reads a JSON or text reply as a script or
/// a page whatever it holds.
struct NoSniffMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
