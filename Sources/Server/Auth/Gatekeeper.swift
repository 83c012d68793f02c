import Core
import Foundation
import HTTPTypes
import Hummingbird
import Ledger

/// Decides who may use the web API: users by session cookie or API token, and, while no user exists, anyone on a
/// loopback-only server. The webhook token is never accepted here.
struct Gatekeeper: Sendable {
    let users: any UserStore
    let isLoopbackOnly: Bool
    /// The configured port; 0 for one the system chose, which the connection then tells.
    let port: Int

    /// The session cookie's name: browsers send a host's cookies to every port of it, so the name carries the port
    /// the browser asked for (its `Host`), and two servers on one host never read each other's sessions, while
    /// replicas behind one proxy, asked at one address, share theirs. Without a port in `Host` (a proxy on 80 or
    /// 443) it is `papertrade_session`; without a `Host`, the server's own port names it.
    func sessionCookie(_ request: Request, _ context: AppRequestContext) -> String {
        if let authority = request.head.authority {
            guard let port = LocalHost.port(inAuthority: authority) else { return "papertrade_session" }
            return "papertrade_session_\(port)"
        }
        return "papertrade_session_\(port != 0 ? port : context.localPort ?? 0)"
    }

    /// The caller, if they may read; otherwise why not (401, or 403 on a server without users, for a request that
    /// is not straight from this machine or to a server that listens beyond loopback).
    func reader(_ request: Request, _ context: AppRequestContext) async throws -> Caller {
        if let caller = try await identify(request, context) { return caller }
        guard try await users.hasUsers() else {
            // Open to this machine only: not through a proxy, and not to a page that rebound a DNS name to it.
            guard isLoopbackOnly else { throw APIError.noUsers(.publicServer) }
            if let reason = Self.notLocal(request) { throw APIError.noUsers(reason) }
            return .anonymous
        }
        throw APIError.loginRequired
    }

    /// Why a request does not come straight from this machine (it was forwarded, or its `Host` names another host);
    /// nil when it does.
    static func notLocal(_ request: Request) -> APIError.NotLocal? {
        if request.headers[.xForwardedFor] != nil || request.headers[.forwarded] != nil { return .forwarded }
        guard let authority = request.head.authority, !LocalHost.isLocal(authority: authority) else { return nil }
        return .foreignHost(authority)
    }

    /// The caller, if they are an admin and the request comes from our own page or a script.
    func admin(_ request: Request, _ context: AppRequestContext) async throws -> Caller {
        guard let caller = try await identify(request, context) else { throw APIError.loginRequired }
        guard caller.user?.role == .admin else { throw APIError.adminRequired }
        try checkOrigin(request, caller: caller)
        return caller
    }

    /// The user a session cookie or bearer token names; nil when the request carries neither.
    /// A credential that is present but wrong or expired is an error, never anonymous.
    func identify(_ request: Request, _ context: AppRequestContext) async throws -> Caller? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.badAuthorization }
            let digest = Secret.digest(String(parts[1]))
            guard let user = try await users.user(tokenDigest: digest) else { throw APIError.badToken }
            return Caller(user: user, credential: .token(digest: digest))
        }
        guard let session = request.cookies[sessionCookie(request, context)]?.value else { return nil }
        let digest = Secret.digest(session)
        guard let user = try await users.user(sessionDigest: digest, now: Date()) else { throw APIError.sessionExpired }
        return Caller(user: user, credential: .session(digest: digest))
    }

    /// Whether the caller may still read as they did when they were identified: their session or token still exists
    /// (removing the user, a new password or a revoked token ends it), or, for anyone, no user exists yet.
    func stillAdmits(_ caller: Caller) async throws -> Bool {
        switch caller.credential {
        case .session(let digest): try await users.user(sessionDigest: digest, now: Date()) == caller.user
        case .token(let digest): try await users.user(tokenDigest: digest) == caller.user
        case .anonymous: try await !users.hasUsers()
        }
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
