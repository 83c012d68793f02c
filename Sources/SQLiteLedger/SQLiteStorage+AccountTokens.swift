import Foundation
import GRDB
import Ledger

extension SQLiteStorage: AccountTokenStore {
    public func addAccountToken(digest: String, account: String, createdAt: Date) async throws {
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [account]) == true else {
                throw LedgerError.unknownAccount(name: account)
            }
            try db.run(
                "INSERT INTO account_token (digest, account, created_at) VALUES (?, ?, ?)",
                [digest, account, createdAt.timeIntervalSince1970]
            )
        }
    }

    public func account(tokenDigest digest: String) async throws -> String? {
        try readNow { db in
            try String.fetchOne(try db.cachedStatement(sql: "SELECT account FROM account_token WHERE digest = ?"), arguments: [digest])
        }
    }

    public func hasAccountTokens() async throws -> Bool {
        try readNow { db in try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM account_token)")) ?? false }
    }

    public func removeAccountTokens(account: String) async throws -> Int {
        try await database.write { db in
            try db.run("DELETE FROM account_token WHERE account = ?", [account])
            return db.changesCount
        }
    }
}
