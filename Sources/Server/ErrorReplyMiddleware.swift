import Core
import Hummingbird

/// Answers an error thrown by any route as the API does, so that the middleware outside it (the request id, nosniff)
/// marks the reply: API and coded errors with their own status and message in the request's language, Hummingbird's
/// own errors as it writes them, anything else as storage unavailable, logged.
struct ErrorReplyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch {
            if !(error is any CodedError) { context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))") }
            return APIError.describing(error).response(language: request.language)
        }
    }
}
