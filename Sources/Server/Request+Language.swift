import Core
import Hummingbird

extension Request {
    /// The language the client asks for with `Accept-Language`.
    var language: Language { Language(acceptLanguage: headers[.acceptLanguage]) }
}
