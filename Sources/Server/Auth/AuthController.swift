import Core
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import Ledger

/// `POST /api/login`, `POST /api/logout` and `GET /api/me`: sessions for the web page.
struct AuthController: Sendable {
    /// How long a session lasts.
    static let sessionLifetime: TimeInterval = 7 * 86_400

    let gatekeeper: Gatekeeper
    let throttle: LoginThrottle
    let ledger: Ledger
    /// The client behind a trusted proxy, so that failures are counted per person, not per proxy.
    let clientAddress: ClientAddress

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/login") { request, context in
            let address = clientAddress.resolve(connection: context.remoteAddress?.ipAddress, headers: request.headers)
            return try await login(request, context, address: address)
        }
        router.post("/api/logout") { request, context in
            try await logout(request, context)
        }
        router.get("/api/me") { request, context -> Response in
            let caller = try await gatekeeper.reader(request, context)
            var object: JSONObject = ["user": caller.user.map(\.json) ?? .null]
            object["current_account"] = .string(try await ledger.currentAccountName())
            if caller.user == nil { object["setup"] = "papertrade user add NAME --role admin" }
            return .json(.object(object))
        }
    }

    private func login(_ request: Request, _ context: AppRequestContext, address: String?) async throws -> Response {
        // A page elsewhere may not sign a browser in to an account of its choosing.
        if request.headers[.origin] != nil { try gatekeeper.checkSameOrigin(request) }
        let body = try await JSONRequestBody(request, limit: 4096)
        // A name with a NUL or a bidi control is no one's: refused before any lookup, so it can neither sign in as a
        // shorter name nor count its failures apart from it.
        let name = try body.requiredName("username")
        let password = try body.requiredString("password")
        let keys = ["user:" + name] + (address.map { [LoginThrottle.addressPrefix + $0] } ?? [])
        if let wait = await throttle.retryAfter(keys) {
            var response = APIError.tooManyAttempts(retryAfter: wait).response(language: request.language)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        // Counted as a failure before the slow check, so that attempts sent at once are throttled too.
        await throttle.recordFailure(keys)
        let credentials = try await gatekeeper.users.credentials(user: name)
        guard try await Passwords.verify(password, hash: credentials?.passwordHash), let user = credentials?.user else {
            throw APIError.badCredentials
        }
        await throttle.recordSuccess(keys)
        let session = Secret.generate(.session)
        let now = Date()
        try await gatekeeper.users.addSession(
            digest: Secret.digest(session),
            user: user.name,
            createdAt: now,
            expiresAt: now.addingTimeInterval(Self.sessionLifetime)
        )
        var response = Response.json(["user": user.json])
        response.setCookie(sessionCookie(session, maxAge: Int(Self.sessionLifetime), request: request, context: context))
        return response
    }

    private func logout(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let caller = try? await gatekeeper.identify(request, context), case .session(let digest) = caller.credential {
            try gatekeeper.checkOrigin(request, caller: caller)
            try await gatekeeper.users.removeSession(digest: digest)
        }
        var response = Response.json(["status": "ok"])
        response.setCookie(sessionCookie("", maxAge: 0, request: request, context: context))
        return response
    }

    /// The session cookie: named for this server's port, HttpOnly, SameSite=Strict, for the whole site, Secure when the
    /// page was served over HTTPS.
    private func sessionCookie(_ value: String, maxAge: Int, request: Request, context: AppRequestContext) -> Cookie {
        let secure = request.headers[.forwardedProto] == "https" || request.headers[.origin]?.hasPrefix("https://") == true
        return Cookie(
            name: gatekeeper.sessionCookie(request, context),
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: secure,
            httpOnly: true,
            sameSite: .strict
        )
    }

}

extension User {
    var json: JSON { ["name": .string(name), "role": .string(role.rawValue)] }
}

extension HTTPField.Name {
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
