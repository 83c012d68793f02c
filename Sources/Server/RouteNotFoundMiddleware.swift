import Core
import HTTPTypes
import Hummingbird

/// Answers a request that no route takes with the API's JSON error instead of an empty body.
struct RouteNotFoundMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let endpoint = "\(request.method) \(request.uri.path)"
            let refusal = APIError(
                status: .notFound,
                code: "not_found",
                message: LocalizedMessage(english: "No endpoint \(endpoint)", chinese: "没有此接口: \(endpoint)")
            )
            return refusal.response(language: Language(acceptLanguage: request.headers[.acceptLanguage]))
        }
    }
}
