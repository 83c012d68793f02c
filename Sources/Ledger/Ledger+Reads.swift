import Core
import Foundation
import GRDB

extension Ledger {
    /// Every account's committed statement, by name.
    public nonisolated func statements() async throws -> [AccountStatement] {
        try await database.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM account ORDER BY name")
            let prices = try LedgerReader.lastPrices(db)
            return try names.compactMap { name in
                try LedgerReader.account(named: name, in: db).map { AccountStatement(account: $0, lastPrices: prices) }
            }
        }
    }

    /// One account's committed statement, nil when there is no such account.
    public nonisolated func statement(account name: String) async throws -> AccountStatement? {
        try await database.read { db in
            try LedgerReader.account(named: name, in: db).map { AccountStatement(account: $0, lastPrices: try LedgerReader.lastPrices(db)) }
        }
    }

    /// One account's equity over time, oldest first: the latest `limit` points.
    public nonisolated func equityHistory(account name: String, limit: Int = 1000) async throws -> [EquityPoint] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM (SELECT * FROM equity_point WHERE account = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
                arguments: [name, limit]
            ).map { row in
                EquityPoint(
                    time: Date(timeIntervalSince1970: row["time"]),
                    orderID: row["order_id"],
                    cash: try LedgerReader.decimal(row, "cash"),
                    equity: try LedgerReader.decimal(row, "equity")
                )
            }
        }
    }

    /// The newest orders first, optionally for one account and symbol.
    public nonisolated func orders(account: String? = nil, symbol: String? = nil, limit: Int = 100) async throws -> [Order] {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
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
            return try Row.fetchAll(db, sql: "SELECT * FROM orders \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments).map(LedgerReader.order)
        }
    }

    /// The newest deliveries first.
    public nonisolated func deliveries(limit: Int = 100) async throws -> [Delivery] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivery ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                Delivery(
                    id: row["id"],
                    time: Date(timeIntervalSince1970: row["time"]),
                    remoteAddress: row["remote_address"],
                    path: row["path"],
                    adapter: row["adapter"],
                    status: row["status"],
                    outcome: row["outcome"],
                    orderID: row["order_id"],
                    latencyMicroseconds: row["latency_us"],
                    body: row["body"]
                )
            }
        }
    }
}
