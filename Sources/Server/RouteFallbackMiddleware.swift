import Core
import HTTPTypes
import Hummingbird
import Synchronization

/// Answers what no route takes as HTTP means it: a known path asked with another method `405` with `Allow`, and
/// anything else the API's JSON `404` instead of an empty body. (`HEAD` is answered as `GET` before routing:
/// `HeadResponder`.)
struct RouteFallbackMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// The routes' paths and their methods, known once every route is added.
    final class Routes: Sendable {
        private let table = Mutex<[(segments: [Substring], methods: [HTTPRequest.Method])]>([])

        /// Records `routes` (from `Router.routes`), replacing what was known.
        func record(_ routes: [Router<AppRequestContext>.RouteDescription]) {
            var byPath: [String: [HTTPRequest.Method]] = [:]
            for route in routes {
                byPath["\(route.path)", default: []].append(route.method)
                // HEAD is answered wherever GET is (HeadResponder).
                if route.method == .get { byPath["\(route.path)", default: []].append(.head) }
            }
            table.withLock { $0 = byPath.map { (Self.segments($0.key), $0.value) } }
        }

        /// The methods some route takes at `path`, sorted; empty when none does.
        func methods(at path: String) -> [HTTPRequest.Method] {
            let requested = Self.segments(path)
            let methods = table.withLock { table in
                table.filter { route in
                    route.segments.count == requested.count
                        && zip(route.segments, requested).allSatisfy { pattern, segment in
                            pattern.hasPrefix(":") || pattern.hasPrefix("{") || pattern == segment
                        }
                }
                .flatMap(\.methods)
            }
            return Set(methods).sorted { $0.rawValue < $1.rawValue }
        }

        private static func segments(_ path: String) -> [Substring] {
            path.split(separator: "/")
        }
    }

    let routes: Routes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = routes.methods(at: request.uri.path)
            let language = Language(acceptLanguage: request.headers[.acceptLanguage])
            guard methods.isEmpty else {
                var response = APIError.methodNotAllowed(request.method, allowed: methods).response(language: language)
                response.headers[.allow] = methods.map(\.rawValue).joined(separator: ", ")
                return response
            }
            let endpoint = "\(request.method) \(request.uri.path)"
            let refusal = APIError(
                status: .notFound,
                code: "not_found",
                message: LocalizedMessage(english: "No endpoint \(endpoint)", chinese: "没有此接口: \(endpoint)")
            )
            return refusal.response(language: language)
        }
    }
}

extension APIError {
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            status: .methodNotAllowed,
            code: "method_not_allowed",
            message: LocalizedMessage(english: "\(method) is not allowed here; use \(list)", chinese: "此处不支持 \(method); 请使用 \(list)")
        )
    }
}

extension HTTPField.Name {
    static let allow = HTTPField.Name("Allow")!
}
