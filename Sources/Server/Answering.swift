import Core
import Hummingbird

extension Request {
    /// The language the client asks for with `Accept-Language`.
    var language: Language { Language(acceptLanguage: headers[.acceptLanguage]) }
}

/// Runs a route's work and answers any error as the API does: API and coded errors with their status and message in
/// the client's language, anything else as storage unavailable.
func answering(_ request: Request, _ work: () async throws -> Response) async -> Response {
    do {
        return try await work()
    } catch {
        return APIError.describing(error).response(language: request.language)
    }
}
