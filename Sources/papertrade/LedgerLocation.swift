import ArgumentParser
import Foundation
import Ledger
import PostgresLedger
import SQLiteLedger

/// Everything a command keeps in its ledger's database: accounts and orders, users, and account tokens.
typealias LedgerStore = LedgerStorage & UserStore & AccountTokenStore

/// `--data DIR` or `--database-url URL`: the ledger a command works on, SQLite in a directory or a PostgreSQL
/// database that several servers share.
struct LedgerLocation: ParsableArguments {
    @Option(help: "Directory of the SQLite ledger (env PAPERTRADE_DATA). Default: ./data")
    var data: String?

    @Option(
        name: .customLong("database-url"),
        help:
            "A PostgreSQL ledger that several servers share, postgres://USER:PASSWORD@HOST:PORT/DB[?sslmode=require] (env DATABASE_URL; the environment keeps the password out of the process list). Without it, SQLite in --data."
    )
    var databaseURL: String?

    var directory: String { Environment.current.dataDirectory(data) }

    /// The PostgreSQL database named by the option, or by DATABASE_URL unless --data is given; nil for SQLite.
    func postgres() throws -> DatabaseURL? {
        guard databaseURL == nil || data == nil else {
            throw CommandFailure("give --data (SQLite) or --database-url (PostgreSQL), not both").exit()
        }
        guard let text = databaseURL ?? (data == nil ? Environment.current["DATABASE_URL"] : nil), !text.isEmpty else { return nil }
        do {
            return try DatabaseURL(text)
        } catch {
            throw CommandFailure("\(error)").exit()
        }
    }

    /// Where the ledger is, for messages: the directory, or the database URL without its password.
    func described() throws -> String {
        try postgres()?.description ?? directory
    }

    /// The PostgreSQL ledger at `url`, its tables made when missing; `migrating` false only reads, changing nothing.
    func connect(_ url: DatabaseURL, migrating: Bool = true) async throws -> PostgresStorage {
        do {
            return try await PostgresStorage.connect(url, migrating: migrating)
        } catch {
            throw CommandFailure("cannot use the database \(url): \(PostgresStorage.describe(error))").exit()
        }
    }

    /// The ledger's storage. A SQLite ledger is made only with `create`, so that a mistyped --data is an error; a
    /// PostgreSQL database must exist, and its tables are made when missing.
    func open(create: Bool = false) async throws -> any LedgerStore {
        if let url = try postgres() { return try await connect(url) }
        let file = (directory as NSString).appendingPathComponent(SQLiteStorage.fileName)
        guard create || FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure(DataDirectoryError.noLedger(directory: directory).message.english).exit()
        }
        return try SQLiteStorage(directory: directory)
    }
}
