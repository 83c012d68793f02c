import Core
import Foundation
import Ledger
import PostgresNIO

extension PostgresStorage {
    /// Replays every account's order log from its opening cash and compares it with the account as stored, in one
    /// snapshot of the database (a repeatable-read transaction), while servers keep trading.
    public func audit(moneyTick: Decimal = ExecutionModel().moneyTick) async throws -> LedgerAudit.Report {
        try await snapshot { [self] connection in
            var report = LedgerAudit.Report()
            let names = try await connection.query("SELECT name FROM account ORDER BY name", logger: logger).collect().map {
                try $0.decode(String.self)
            }
            for name in names {
                guard let stored = try await Self.account(named: name, on: connection, logger: logger) else { continue }
                let opening = try await connection.query(
                    "SELECT cash::text FROM equity_point WHERE account = \(name) AND order_id IS NULL ORDER BY id LIMIT 1",
                    logger: logger
                ).collect().first.map { try PostgresRows.decimal(try $0.decode(String.self), "cash") }
                let orders = try await connection.query(
                    "SELECT \(unescaped: PostgresRows.orderColumns) FROM orders WHERE account = \(name) ORDER BY id",
                    logger: logger
                ).collect().map(PostgresRows.order)
                report.check(stored, openingCash: opening, orders: orders, moneyTick: moneyTick)
            }
            return report
        }
    }
}
