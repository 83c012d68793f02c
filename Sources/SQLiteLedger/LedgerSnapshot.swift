import Core
import Foundation
import GRDB
import Ledger

/// Reads a ledger's committed state without writing anything: safe while a server runs on the same directory.
public enum LedgerSnapshot {
    /// The account as last committed in the ledger in `directory` (nil when it has no such account), with the last
    /// prices that value positions, as the server's own dry run uses them.
    /// - throws: `DataDirectoryError.noLedger` when the directory holds no ledger, or the database's error.
    public static func account(named name: String, directory: String) throws -> (account: Account?, marks: [String: Decimal]) {
        try read(directory) { db in (try SQLiteRows.account(named: name, in: db), try SQLiteRows.lastPrices(db)) }
    }

    /// The account the ledger's signals trade when they name none, if one was chosen.
    public static func currentAccount(directory: String) throws -> String? {
        try read(directory) { db in
            // A ledger from before the web app has no settings yet.
            guard try db.tableExists("setting") else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'current_account'")
        }
    }

    /// Replays every account's order log from its opening cash and compares it with the account as stored.
    public static func audit(directory: String, moneyTick: Decimal = ExecutionModel().moneyTick) throws -> LedgerAudit.Report {
        try read(directory) { db in
            var report = LedgerAudit.Report()
            for name in try String.fetchAll(db, sql: "SELECT name FROM account ORDER BY name") {
                guard let stored = try SQLiteRows.account(named: name, in: db) else { continue }
                let opening = try Row.fetchOne(
                    db,
                    sql: "SELECT cash FROM equity_point WHERE account = ? AND order_id IS NULL ORDER BY id LIMIT 1",
                    arguments: [name]
                ).map { try SQLiteRows.decimal($0, "cash") }
                let orders = try Row.fetchAll(db, sql: "SELECT * FROM orders WHERE account = ? ORDER BY id", arguments: [name]).map(SQLiteRows.order)
                report.check(stored, openingCash: opening, orders: orders, moneyTick: moneyTick)
            }
            return report
        }
    }

    /// Whether any account of the ledger in `directory` has a webhook token; false when there is no ledger yet.
    public static func hasAccountTokens(directory: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(SQLiteStorage.fileName)) else { return false }
        return try read(directory) { db in
            try db.tableExists("account_token") && (try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account_token)") ?? false)
        }
    }

    private static func read<T>(_ directory: String, _ body: (Database) throws -> T) throws -> T {
        let path = (directory as NSString).appendingPathComponent(SQLiteStorage.fileName)
        guard FileManager.default.fileExists(atPath: path) else { throw DataDirectoryError.noLedger(directory: directory) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration).read(body)
    }
}
