import Core
import Foundation
import GRDB
import Ledger

/// The embedded storage: one SQLite database in a data directory, written by one server at a time.
public final class SQLiteStorage: LedgerStorage {
    /// The database file's name inside the data directory.
    public static let fileName = "papertrade.sqlite"

    public let database: DatabasePool
    /// A read-only connection of its own for the point reads a webhook may make (is there an account token, was
    /// this key used). They run on the caller's thread, without a transaction (one statement reads a consistent
    /// snapshot by itself), waiting only for another such read, never for the writer in WAL mode; a pool read's
    /// hop to a reader's queue and its transaction cost several times the read (measured: a keyed order 650 µs of
    /// CPU instead of 900).
    private let lookups: DatabaseQueue

    /// Opens (creating if needed) the database in `directory` and brings its schema up to date.
    public init(directory: String) throws {
        // Password hashes and delivery bodies live here: the directory is the owner's alone.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        database = try DatabasePool(path: path, configuration: configuration)
        // Every commit waits for its WAL frames to reach the disk: an acknowledged order survives a power cut. Set
        // here, on the writer once the pool is open: the pool turns WAL mode on with `synchronous = NORMAL` after
        // `prepareDatabase` has run, which would undo a setting made there.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        try Schema.migrator.migrate(database)
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = .timeout(10)
        lookups = try DatabaseQueue(path: path, configuration: readOnly)
    }

    public func prepare(defaultAccount: Account, createdAt: Date, idempotencyCutoff: Date, deliveryCutoff: Date) async throws -> LedgerState {
        try await database.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [defaultAccount.name]) == false {
                try LedgerWrite.account(defaultAccount, createdAt: createdAt).apply(db)
            }
            try LedgerWrite.pruneIdempotency(before: idempotencyCutoff).apply(db)
            try LedgerWrite.pruneDeliveries(before: deliveryCutoff).apply(db)
            return LedgerState(
                nextOrderID: (try Int64.fetchOne(
                    db,
                    sql: "SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM orders UNION ALL SELECT MAX(id) FROM working_order)"
                ) ?? 0) + 1,
                lastPrices: try SQLiteRows.lastPrices(db),
                lastPriceTimes: try SQLiteRows.lastPriceTimes(db),
                working: try SQLiteRows.workingOrders(in: db, where: "status = 'working'"),
                currentAccount: try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'current_account'")
            )
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await database.read { db in try SQLiteRows.account(named: name, in: db) }
    }

    /// One statement's read on the calling thread, through `lookups`.
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        try lookups.inDatabase(body)
    }

    public func commit(_ writes: [LedgerWrite]) async throws {
        try await database.write { db in
            try LedgerWrite.apply(writes, to: db)
        }
    }

    public nonisolated(nonsending) func idempotencyRecord(account: String, key: String) async throws -> IdempotencyRecord? {
        try readNow { db in
            // The primary key (account, key) finds both rows; the account's own comes first.
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT * FROM idempotency WHERE key = ? AND account IN (?, '') ORDER BY account = '' LIMIT 1"),
                arguments: [key, account]
            )
            .map(SQLiteRows.idempotencyRecord)
        }
    }

    public func orders(ids: [Int64]) async throws -> [Order] {
        guard !ids.isEmpty else { return [] }
        let orders = try await database.read { db in
            // Cached per count of ids: a replay's statement is compiled (and authorized) once, not on every retry.
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT * FROM orders WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"),
                arguments: StatementArguments(ids)
            )
            .map(SQLiteRows.order)
        }
        let byID = Dictionary(uniqueKeysWithValues: orders.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    public func orders(account: String?, symbol: String?, status: OrderStatus?, limit: Int) async throws -> [Order] {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let status {
                conditions.append("status = ?")
                arguments += [status.rawValue]
            }
            if let account {
                conditions.append("account = ?")
                arguments += [account]
            }
            if let symbol {
                conditions.append("symbol = ?")
                arguments += [symbol]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [limit]
            return try Row.fetchAll(db, sql: "SELECT * FROM orders \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments).map(SQLiteRows.order)
        }
    }

    public func workingOrders(status: OrderStatus, account: String?, symbol: String?, limit: Int) async throws -> [WorkingOrder] {
        try await database.read { db in
            var conditions = ["status = ?"]
            var arguments: StatementArguments = [status.rawValue]
            if let account {
                conditions.append("account = ?")
                arguments += [account]
            }
            if let symbol {
                conditions.append("symbol = ?")
                arguments += [symbol]
            }
            return try SQLiteRows.workingOrders(in: db, where: conditions.joined(separator: " AND "), arguments, limit: limit)
        }
    }

    public func workingOrder(id: Int64) async throws -> WorkingOrder? {
        try await database.read { db in try SQLiteRows.workingOrders(in: db, where: "id = ?", [id]).first }
    }

    public func statements() async throws -> [AccountStatement] {
        try await database.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM account ORDER BY name")
            let prices = try SQLiteRows.lastPrices(db)
            return try names.compactMap { name in
                try SQLiteRows.account(named: name, in: db).map { AccountStatement(account: $0, lastPrices: prices) }
            }
        }
    }

    public func statement(account name: String) async throws -> AccountStatement? {
        try await database.read { db in
            try SQLiteRows.account(named: name, in: db).map { AccountStatement(account: $0, lastPrices: try SQLiteRows.lastPrices(db)) }
        }
    }

    public func equityHistory(account name: String, limit: Int) async throws -> [EquityPoint] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM (SELECT * FROM equity_point WHERE account = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
                arguments: [name, limit]
            ).map(SQLiteRows.equityPoint)
        }
    }

    public func deliveries(limit: Int) async throws -> [Delivery] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivery ORDER BY id DESC LIMIT ?", arguments: [limit]).map(SQLiteRows.delivery)
        }
    }
}

extension Ledger {
    /// Opens (creating if needed) the SQLite ledger in `directory`, adding `defaultAccount` when no account of that name exists.
    public static func open(
        directory: String,
        engine: Engine = Engine(),
        defaultAccount: Account,
        deliveryRetention: TimeInterval = 30 * 86_400,
        observer: (any LedgerObserver)? = nil,
        now: Date = Date()
    ) async throws -> Ledger {
        try await open(
            storage: try SQLiteStorage(directory: directory),
            engine: engine,
            defaultAccount: defaultAccount,
            deliveryRetention: deliveryRetention,
            observer: observer,
            now: now
        )
    }
}
