import Core
import Foundation
import GRDB
import Ledger

/// Reads a ledger's committed state without writing anything: safe while a server runs on the same directory.
public enum LedgerSnapshot {
    /// The account as last committed in the ledger in `directory` (nil when it has no such account), with the last
    /// prices that value positions, as the server's own dry run uses them.
    /// - throws: `LedgerError.noLedger` when the directory holds no ledger, or the database's error.
    public static func account(named name: String, directory: String) throws -> (account: Account?, marks: [String: Decimal]) {
        let path = (directory as NSString).appendingPathComponent(SQLiteStorage.fileName)
        guard FileManager.default.fileExists(atPath: path) else { throw LedgerError.noLedger(directory: directory) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let database = try DatabaseQueue(path: path, configuration: configuration)
        return try database.read { db in (try SQLiteRows.account(named: name, in: db), try SQLiteRows.lastPrices(db)) }
    }
}
