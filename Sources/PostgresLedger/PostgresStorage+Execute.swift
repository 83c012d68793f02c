import Core
import Foundation
import Ledger
import PostgresNIO

extension PostgresStorage {
    /// Locks the batch's accounts in name order, runs the batch on them as committed, and commits what it wrote.
    /// Order ids are reserved from the sequence once the batch has counted its orders.
    public func execute(_ batch: SignalBatch) async throws -> [SignalOutcome] {
        try await transaction { [self] connection in
            var accounts: [Account] = []
            for name in batch.accounts {
                if let account = try await Self.account(named: name, on: connection, logger: logger, forUpdate: true) { accounts.append(account) }
            }
            let claims = batch.claims
            let records =
                claims.isEmpty
                ? []
                : try await connection.query(
                    """
                    SELECT \(unescaped: PostgresRows.idempotencyColumns) FROM idempotency
                    WHERE (account, key) IN (SELECT * FROM unnest(\(claims.map(\.account))::text[], \(claims.map(\.key))::text[]))
                    """,
                    logger: logger
                ).collect().map(PostgresRows.idempotencyRecord)
            // The prices the batch can read: its signals' symbols and what its accounts hold.
            let symbols = Set(batch.signals.map(\.signal.symbol)).union(accounts.flatMap(\.positions.keys))
            let state = CommittedState(accounts: accounts, lastPrices: try await lastPrices(of: symbols, on: connection), records: records)
            let count = batch.run(on: state).orders
            let ids =
                count == 0
                ? []
                : try await connection.query("SELECT nextval('order_id') FROM generate_series(1, \(count))", logger: logger).collect()
                    .map { try $0.decode(Int64.self) }
            let run = batch.run(on: state, orderIDs: ids)
            try await ExecutionWrite.apply(run.writes, on: connection, logger: logger)
            return run.outcomes
        }
    }
}
