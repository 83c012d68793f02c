import Core
import Foundation
import GRDB
import Ledger
import Testing

@testable import SQLiteLedger

@Suite struct SQLiteStorageTests {
    private func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("papertrade-ledger-\(UUID().uuidString)").path
    }

    private let signal = Signal(symbol: "AAPL", side: .buy, quantity: 1, price: 10)
    private let claim = IdempotencyClaim(key: "k", fingerprint: "f")

    private func execute(_ ledger: Ledger, at time: Date) async throws -> Ledger.Outcome {
        try await ledger.execute(signal, account: "default", source: "test", adapter: nil, time: time, idempotency: claim)
    }

    /// The writer syncs the WAL on every commit (FULL, 2), so an acknowledged order survives a power cut.
    @Test func everyCommitIsSyncedToDisk() async throws {
        let storage = try SQLiteStorage(directory: directory())
        let level = try await storage.database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(level == 2)
        let mode = try await storage.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// Pruning the delivery log and the keys looks up the old rows by their time, never reads the whole table.
    @Test func prunesFindOldRowsByIndex() async throws {
        let storage = try SQLiteStorage(directory: directory())
        for (table, column) in [("delivery", "time"), ("idempotency", "created_at")] {
            let plan = try await storage.database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN DELETE FROM \(table) WHERE \(column) < 1").map { $0["detail"] as String }
            }
            // `SEARCH delivery USING INDEX …` since SQLite 3.36, `SEARCH TABLE delivery USING INDEX …` before.
            #expect(plan.count == 1 && plan[0].hasPrefix("SEARCH ") && plan[0].contains(" USING ") && plan[0].hasSuffix("(\(column)<?)"), "\(plan)")
        }
    }

    /// An order's status is checked by three comparisons, not through a temporary table SQLite would build for every
    /// order inserted; a database upgraded from v8 keeps its orders, and both still refuse any other status.
    @Test func anOrdersStatusIsCheckedWithoutATemporaryTable() async throws {
        let upgradedPath = directory()
        try FileManager.default.createDirectory(atPath: upgradedPath, withIntermediateDirectories: true)
        do {
            let old = try DatabaseQueue(path: (upgradedPath as NSString).appendingPathComponent(SQLiteStorage.fileName))
            try Schema.migrator.migrate(old, upTo: "v8: deliveries by time")
            try await old.write { db in
                try db.execute(sql: "INSERT INTO account (name, cash, created_at) VALUES ('default', '990', 0)")
                try db.execute(sql: Self.insertOrder, arguments: [1, "10.01", "filled"])
            }
        }
        let insert = Self.insertOrder
        let storages = [try SQLiteStorage(directory: directory()), try SQLiteStorage(directory: upgradedPath)]
        for storage in storages {
            try await storage.database.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO account (name, cash, created_at) VALUES ('default', '990', 0)")
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + insert, arguments: [2, nil, "rejected"]).map { $0["opcode"] as String }
                #expect(opcodes.contains("Insert") && !opcodes.contains("OpenEphemeral"), "\(opcodes)")
                let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'") ?? ""
                #expect(table.contains(Schema.statusComparisons) && !table.contains(Schema.statusInList))
                for status in ["filled", "partially_filled"] { try db.execute(sql: insert, arguments: [nil, "10", status]) }
                try db.execute(sql: insert, arguments: [nil, nil, "rejected"])
                for status in ["cancelled", "Filled", ""] {
                    #expect(throws: DatabaseError.self, "status '\(status)'") { try db.execute(sql: insert, arguments: [nil, "10", status]) }
                }
                #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            }
        }
        #expect(try await storages[1].orders(ids: [1]).map(\.status) == [.filled])
    }

    private static let insertOrder = """
        INSERT INTO orders (id, account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
            commission, time, status, source) VALUES (?, 'default', 'AAPL', 'buy', '1', '1', '10', ?, '10', '0', '0', 0, ?, 'test')
        """

    /// Keys from before v2 (unscoped) and before v5 (reply bodies) replay what they answered, without executing again.
    @Test func keysRecordedByEarlierVersionsStillReplay() async throws {
        let path = directory()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let now = Date().timeIntervalSince1970
        do {
            let old = try DatabaseQueue(path: (path as NSString).appendingPathComponent(SQLiteStorage.fileName))
            try Schema.migrator.migrate(old, upTo: "v1")
            try await old.write { db in
                try db.execute(sql: "INSERT INTO account (name, cash, created_at) VALUES ('default', '990', 0)")
                try db.execute(
                    sql: """
                        INSERT INTO orders (id, account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
                            commission, time, status, source, adapter) VALUES (1, 'default', 'AAPL', 'buy', '1', '1', '10', '10.01', '10.01',
                            '0.01', '0.01', 0, 'filled', 'webhook', 'standard')
                        """
                )
                let replies = [
                    (
                        "k",
                        #"{"status":"ok","order":{"id":1},"simulation":{"slippage":0.01,"fill_rate":0.5,"total_cost":10.02},"adapter":"standard"}"#,
                        200
                    ),
                    ("garbled", "the old reply", 200),
                    ("a", #"{"status":"ok","order":{"id":7,"account":"策略A"}}"#, 200),
                    ("refused", #"{"error":"资金不足: 需要 5, 可用 1","code":"insufficient_funds","order":{"id":1}}"#, 422),
                ]
                for (key, body, status) in replies {
                    try db.execute(
                        sql: "INSERT INTO idempotency (key, fingerprint, status, body, created_at) VALUES (?, 'f', ?, ?, ?)",
                        arguments: [key, status, body, now]
                    )
                }
            }
        }
        let ledger = try await Ledger.open(directory: path, defaultAccount: Account(name: "default", cash: 1_000))
        guard case .replayed(let replayed) = try await execute(ledger, at: Date()) else {
            Issue.record("an order acknowledged before the upgrade was executed again")
            return
        }
        #expect(replayed.orders.map(\.id) == [1] && replayed.refusal == nil && replayed.adapter == "standard")
        #expect(replayed.orders.first?.fillRate == Decimal(string: "0.5"), "the fill rate the reply showed")
        // A reply that cannot be read answers that it cannot, and trades nothing.
        let garbled = try await ledger.execute(
            signal,
            account: "default",
            source: "test",
            adapter: nil,
            idempotency: IdempotencyClaim(key: "garbled", fingerprint: "f")
        )
        #expect(garbled == .replayed(Execution(orders: [], refusal: garbled.execution.refusal)))
        #expect(garbled.execution.refusal?.code == "storage_unavailable" && garbled.execution.refusal?.kind == .unavailable)
        #expect(try await ledger.account(named: "default")?.cash == 990)
        let refused = try await ledger.execute(
            signal,
            account: "default",
            source: "test",
            adapter: nil,
            idempotency: IdempotencyClaim(key: "refused", fingerprint: "f")
        )
        #expect(
            refused.execution.refusal
                == Refusal(
                    code: "insufficient_funds",
                    kind: .tradeRefused,
                    message: LocalizedMessage(english: "资金不足: 需要 5, 可用 1", chinese: "资金不足: 需要 5, 可用 1")
                )
        )
        // A key whose stored reply names its account keeps that scope: on another account it is a new signal.
        let other = try await ledger.execute(
            signal,
            account: "default",
            source: "test",
            adapter: nil,
            idempotency: IdempotencyClaim(key: "a", fingerprint: "f")
        )
        guard case .executed = other else {
            Issue.record("a key of account 策略A replayed on the default account")
            return
        }
    }

    @Test func idempotencyKeysAreKeptAtLeast24HoursThenForgotten() async throws {
        let path = directory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await Ledger.open(directory: path, defaultAccount: Account(name: "default", cash: 1_000), now: start)
        guard case .executed(let order) = try await execute(first, at: start) else {
            Issue.record("not executed")
            return
        }
        #expect(order.orders.map(\.id) == [1])

        let dayLater = try await Ledger.open(directory: path, defaultAccount: Account(name: "default", cash: 1_000), now: start + 47 * 3600)
        guard case .replayed(let replayed) = try await execute(dayLater, at: start + 47 * 3600) else {
            Issue.record("not replayed")
            return
        }
        #expect(replayed == order)

        let muchLater = try await Ledger.open(directory: path, defaultAccount: Account(name: "default", cash: 1_000), now: start + 49 * 3600)
        guard case .executed(let again) = try await execute(muchLater, at: start + 49 * 3600) else {
            Issue.record("replayed an expired key")
            return
        }
        #expect(again.orders.map(\.id) == [2])
    }

    @Test func deliveriesOlderThanTheRetentionAreRemovedOrdersStay() async throws {
        let path = directory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ledger = try await Ledger.open(
            directory: path,
            defaultAccount: Account(name: "default", cash: 1_000),
            deliveryRetention: 86_400,
            now: start
        )
        _ = try await execute(ledger, at: start)
        await ledger.record(
            Delivery(
                time: start,
                remoteAddress: nil,
                path: "/api/webhook",
                adapter: nil,
                status: 200,
                outcome: "ok",
                orderID: 1,
                latencyMicroseconds: 5,
                body: "{}"
            )
        )
        await ledger.flush()
        let sameDay = try await Ledger.open(
            directory: path,
            defaultAccount: Account(name: "default", cash: 1_000),
            deliveryRetention: 86_400,
            now: start + 3600
        )
        #expect(try await sameDay.deliveries().count == 1)
        let later = try await Ledger.open(
            directory: path,
            defaultAccount: Account(name: "default", cash: 1_000),
            deliveryRetention: 86_400,
            now: start + 2 * 86_400
        )
        #expect(try await later.deliveries().isEmpty)
        #expect(try await later.orders().count == 1)
    }

    @Test func accountNamesAndCashAreValidated() async throws {
        let ledger = try await Ledger.open(directory: directory(), defaultAccount: Account(name: "default", cash: 1))
        await #expect(throws: LedgerError.accountExists(name: "default")) { try await ledger.addAccount(Account(name: "default", cash: 5)) }
        await #expect(throws: LedgerError.self) { try await ledger.addAccount(Account(name: "", cash: 5)) }
        await #expect(throws: LedgerError.self) { try await ledger.addAccount(Account(name: "a\u{0}", cash: 5)) }
        await #expect(throws: LedgerError.self) { try await ledger.addAccount(Account(name: "neg", cash: -1)) }
        try await ledger.addAccount(Account(name: "策略A", cash: 5))
        #expect(try await ledger.statements().map(\.account.name) == ["default", "策略A"])
    }

    @Test func theDatabaseRefusesARowThatBreaksAnInvariant() async throws {
        let ledger = try await Ledger.open(directory: directory(), defaultAccount: Account(name: "default", cash: 1))
        await #expect(throws: (any Error).self) {
            try await ledger.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO orders (account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
                            commission, time, status, source) VALUES ('nobody', 'X', 'buy', '1', '1', '1', '1', '1', '0', '0', 0, 'filled', 'test')
                        """
                )
            }
        }
    }
}
