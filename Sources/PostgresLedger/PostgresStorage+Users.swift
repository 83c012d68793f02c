import Foundation
import Ledger
import PostgresNIO

extension PostgresStorage: UserStore {
    public func users() async throws -> [User] {
        try await rows("SELECT name, role FROM app_user ORDER BY name", Self.user).compactMap { $0 }
    }

    public func hasUsers() async throws -> Bool {
        try await rows("SELECT EXISTS (SELECT 1 FROM app_user)") { try $0.decode(Bool.self) }.first ?? false
    }

    public func addUser(_ user: User, passwordHash: String, createdAt: Date) async throws {
        let added = try await write(
            """
            INSERT INTO app_user (name, role, password_hash, created_at)
            VALUES (\(user.name), \(user.role.rawValue), \(passwordHash), \(createdAt.timeIntervalSince1970))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """
        )
        guard added > 0 else { throw LedgerError.userExists(name: user.name) }
    }

    public func removeUser(named name: String) async throws -> Bool {
        try await write("DELETE FROM app_user WHERE name = \(name) RETURNING name") > 0
    }

    public func setPasswordHash(_ hash: String, user name: String) async throws -> Bool {
        try await transaction { [self] connection in
            let changed = try await connection.query(
                "UPDATE app_user SET password_hash = \(hash) WHERE name = \(name) RETURNING name",
                logger: logger
            )
            .collect()
            guard !changed.isEmpty else { return false }
            try await connection.query("DELETE FROM session WHERE user_name = \(name)", logger: logger)
            return true
        }
    }

    public func credentials(user name: String) async throws -> (user: User, passwordHash: String)? {
        try await rows("SELECT name, role, password_hash FROM app_user WHERE name = \(name)") { row in
            try Self.user(row).map { ($0, try row.makeRandomAccess()[2].decode(String.self)) }
        }.first ?? nil
    }

    public func addSession(digest: String, user name: String, createdAt: Date, expiresAt: Date) async throws {
        try await transaction { [self] connection in
            try await connection.query("DELETE FROM session WHERE expires_at < \(createdAt.timeIntervalSince1970)", logger: logger)
            try await connection.query(
                """
                INSERT INTO session (digest, user_name, created_at, expires_at)
                VALUES (\(digest), \(name), \(createdAt.timeIntervalSince1970), \(expiresAt.timeIntervalSince1970))
                """,
                logger: logger
            )
        }
    }

    public func user(sessionDigest digest: String, now: Date) async throws -> User? {
        try await rows(
            """
            SELECT app_user.name, app_user.role FROM session JOIN app_user ON app_user.name = session.user_name
            WHERE digest = \(digest) AND expires_at > \(now.timeIntervalSince1970)
            """,
            Self.user
        ).first ?? nil
    }

    public func removeSession(digest: String) async throws {
        try await write("DELETE FROM session WHERE digest = \(digest)")
    }

    public func addToken(digest: String, user name: String, createdAt: Date) async throws {
        try await write("INSERT INTO api_token (digest, user_name, created_at) VALUES (\(digest), \(name), \(createdAt.timeIntervalSince1970))")
    }

    public func removeTokens(user name: String) async throws -> Int {
        try await write("DELETE FROM api_token WHERE user_name = \(name) RETURNING digest")
    }

    public func user(tokenDigest digest: String) async throws -> User? {
        try await rows(
            "SELECT app_user.name, app_user.role FROM api_token JOIN app_user ON app_user.name = api_token.user_name WHERE digest = \(digest)",
            Self.user
        ).first ?? nil
    }

    private static func user(_ row: PostgresRow) throws -> User? {
        let (name, role) = try row.decode((String, String).self)
        return Role(rawValue: role).map { User(name: name, role: $0) }
    }
}

extension PostgresStorage: AccountTokenStore {
    public func addAccountToken(digest: String, account: String, createdAt: Date) async throws {
        let added = try await write(
            """
            INSERT INTO account_token (digest, account, created_at)
            SELECT \(digest), name, \(createdAt.timeIntervalSince1970) FROM account WHERE name = \(account) RETURNING account
            """
        )
        guard added > 0 else { throw LedgerError.unknownAccount(name: account) }
    }

    public func account(tokenDigest digest: String) async throws -> String? {
        try await rows("SELECT account FROM account_token WHERE digest = \(digest)") { try $0.decode(String.self) }.first
    }

    public func hasAccountTokens() async throws -> Bool {
        try await rows("SELECT EXISTS (SELECT 1 FROM account_token)") { try $0.decode(Bool.self) }.first ?? false
    }

    public func removeAccountTokens(account: String) async throws -> Int {
        try await write("DELETE FROM account_token WHERE account = \(account) RETURNING digest")
    }
}
