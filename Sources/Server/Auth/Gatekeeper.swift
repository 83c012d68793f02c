import Core
import Foundation
import HTTPTypes
import Hummingbird
import Ledger

/// Decides who may use the web API: users by session cookie or API token, and, while no user exists, anyone on a
/// loopback-only server. The webhook token is never accepted here.
struct Gatekeeper: Sendable {
    static let sessionCookie = "papertrade_session"

    let users: any UserStore
    let isLoopbackOnly: Bool

    /// The caller, if they may read; otherwise why not (401, or 403 on a public server without users).
    func reader(_ request: Request) async throws -> Caller {
        if let caller = try await identify(request) { return caller }
        guard try await users.hasUsers() else {
            // Open to this machine only: not through a proxy, and not to a page that rebound a DNS name to it.
            guard isLoopbackOnly, Self.isLocal(request) else { throw APIError.noUsers }
            return .anonymous
        }
        throw APIError.loginRequired
    }

    /// Whether the request comes straight from this machine: no forwarding headers, and a local host name.
    static func isLocal(_ request: Request) -> Bool {
        guard request.headers[.xForwardedFor] == nil, request.headers[.forwarded] == nil else { return false }
        guard let authority = request.head.authority else { return true }
        let host = authority.hasPrefix("[") ? String(authority.dropFirst().prefix { $0 != "]" }) : String(authority.prefix { $0 != ":" })
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The caller, if they are an admin and the request comes from our own page or a script.
    func admin(_ request: Request) async throws -> Caller {
        guard let caller = try await identify(request) else { throw APIError.loginRequired }
        guard caller.user?.role == .admin else { throw APIError.adminRequired }
        try checkOrigin(request, caller: caller)
        return caller
    }

    /// The user a session cookie or bearer token names; nil when the request carries neither.
    /// A credential that is present but wrong or expired is an error, never anonymous.
    func identify(_ request: Request) async throws -> Caller? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.badAuthorization }
            guard let user = try await users.user(tokenDigest: Secret.digest(String(parts[1]))) else { throw APIError.badToken }
            return Caller(user: user, credential: .token)
        }
        guard let session = request.cookies[Self.sessionCookie]?.value else { return nil }
        let digest = Secret.digest(session)
        guard let user = try await users.user(sessionDigest: digest, now: Date()) else { throw APIError.sessionExpired }
        return Caller(user: user, credential: .session(digest: digest))
    }

    /// A state change carried by a session cookie must come from this server's own page. Tokens need no such
    /// check: no other site can make a browser send them.
    func checkOrigin(_ request: Request, caller: Caller) throws {
        if case .session = caller.credential { try checkSameOrigin(request) }
    }

    /// The request's `Origin` names this host, and the browser does not call it cross-site.
    func checkSameOrigin(_ request: Request) throws {
        if let site = request.headers[.secFetchSite], site != "same-origin" { throw APIError.crossSite }
        guard let origin = request.headers[.origin], let host = request.head.authority,
            origin == "http://" + host || origin == "https://" + host
        else { throw APIError.crossSite }
    }
}

extension HTTPField.Name {
    static let origin = HTTPField.Name("Origin")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let forwarded = HTTPField.Name("Forwarded")!
}
