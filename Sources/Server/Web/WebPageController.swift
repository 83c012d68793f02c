import HTTPTypes
import Hummingbird

/// The web page at `/`, its script and its styles, served from the binary with a policy that lets them load
/// nothing from anywhere else.
struct WebPageController: Sendable {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, _ in Self.asset(WebAssets.html, type: "text/html; charset=utf-8") }
        router.get("/index.html") { _, _ in Self.asset(WebAssets.html, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.asset(WebAssets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.asset(WebAssets.css, type: "text/css; charset=utf-8") }
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type,
                .cacheControl: "no-cache",
                .contentSecurityPolicy:
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'",
                .referrerPolicy: "same-origin",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
