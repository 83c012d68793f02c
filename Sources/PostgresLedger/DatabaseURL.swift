import Foundation

/// Where a PostgreSQL ledger lives: `postgres://USER:PASSWORD@HOST:PORT/DB?sslmode=require`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// Whether the connection must be encrypted (`sslmode=require`, `verify-ca` or `verify-full`); `prefer` tries TLS
    /// first, `disable` (the default) never does.
    public var tls: TLSMode

    public enum TLSMode: String, Sendable {
        case disable, prefer, require
        /// `verify-full` checks the certificate and the host name; `require` in libpq does not, this does.
        case verifyFull = "verify-full"
    }

    /// Reads a URL; the error says what is wrong with it, never showing the password.
    public init(_ text: String) throws(DatabaseURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else { throw DatabaseURLError("must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE") }
        guard let host = components.host, !host.isEmpty else { throw DatabaseURLError("names no host") }
        guard let user = components.user, !user.isEmpty else { throw DatabaseURLError("names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw DatabaseURLError("names no database after the host (…/DATABASE)") }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        self.tls = .disable
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"), ("sslmode", "allow"): tls = .disable
            case ("sslmode", "prefer"): tls = .prefer
            case ("sslmode", "require"): tls = .require
            case ("sslmode", "verify-ca"), ("sslmode", "verify-full"): tls = .verifyFull
            case ("sslmode", let mode): throw DatabaseURLError("has sslmode '\(mode)'; use disable, prefer, require or verify-full")
            case (let name, _): throw DatabaseURLError("has the parameter '\(name)', which papertrade does not know; only sslmode")
            }
        }
    }

    /// The URL without its password, to show or log.
    public var description: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }
}

/// Why a database URL cannot be used.
public struct DatabaseURLError: Error, CustomStringConvertible {
    public var description: String

    init(_ problem: String) { description = "the database URL \(problem)" }
}
