import Foundation
import GRDB
import Ledger

extension SQLiteStorage: UserStore {
    public func users() async throws -> [User] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role FROM user ORDER BY name").compactMap(Self.user)
        }
    }

    public func hasUsers() async throws -> Bool {
        try await database.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user)") ?? false }
    }

    public func addUser(_ user: User, passwordHash: String, createdAt: Date) async throws {
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user WHERE name = ?)", arguments: [user.name]) == false else {
                throw LedgerError.userExists(name: user.name)
            }
            try db.run(
                "INSERT INTO user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                [user.name, user.role.rawValue, passwordHash, createdAt.timeIntervalSince1970]
            )
        }
    }

    public func removeUser(named name: String) async throws -> Bool {
        try await database.write { db in
            try db.run("DELETE FROM user WHERE name = ?", [name])
            return db.changesCount > 0
        }
    }

    public func setPasswordHash(_ hash: String, user name: String) async throws -> Bool {
        try await database.write { db in
            try db.run("UPDATE user SET password_hash = ? WHERE name = ?", [hash, name])
            guard db.changesCount > 0 else { return false }
            try db.run("DELETE FROM session WHERE user = ?", [name])
            return true
        }
    }

    public func credentials(user name: String) async throws -> (user: User, passwordHash: String)? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT name, role, password_hash FROM user WHERE name = ?", arguments: [name]).flatMap { row in
                Self.user(row).map { ($0, row["password_hash"] as String) }
            }
        }
    }

    public func addSession(digest: String, user name: String, createdAt: Date, expiresAt: Date) async throws {
        try await database.write { db in
            try db.run("DELETE FROM session WHERE expires_at < ?", [createdAt.timeIntervalSince1970])
            try db.run(
                "INSERT INTO session (digest, user, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [digest, name, createdAt.timeIntervalSince1970, expiresAt.timeIntervalSince1970]
            )
        }
    }

    public func user(sessionDigest digest: String, now: Date) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT user.name, user.role FROM session JOIN user ON user.name = session.user WHERE digest = ? AND expires_at > ?",
                arguments: [digest, now.timeIntervalSince1970]
            ).flatMap(Self.user)
        }
    }

    public func removeSession(digest: String) async throws {
        try await database.write { db in try db.run("DELETE FROM session WHERE digest = ?", [digest]) }
    }

    public func addToken(digest: String, user name: String, createdAt: Date) async throws {
        try await database.write { db in
            try db.run("INSERT INTO api_token (digest, user, created_at) VALUES (?, ?, ?)", [digest, name, createdAt.timeIntervalSince1970])
        }
    }

    public func removeTokens(user name: String) async throws -> Int {
        try await database.write { db in
            try db.run("DELETE FROM api_token WHERE user = ?", [name])
            return db.changesCount
        }
    }

    public func user(tokenDigest digest: String) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT user.name, user.role FROM api_token JOIN user ON user.name = api_token.user WHERE digest = ?",
                arguments: [digest]
            ).flatMap(Self.user)
        }
    }

    private static func user(_ row: Row) -> User? {
        Role(rawValue: row["role"]).map { User(name: row["name"], role: $0) }
    }
}
