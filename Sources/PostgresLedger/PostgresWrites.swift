import Core
import Foundation
import Ledger
import PostgresNIO

extension LedgerWrite {
    /// Applies the write inside the caller's transaction.
    func apply(_ connection: PostgresConnection, logger: Logger) async throws {
        switch self {
        case .execution(let execution):
            try await execution.apply(connection, logger: logger)
            try await ExecutionWrite.recordLastPrices(of: [execution], on: connection, logger: logger)
        case .delivery(let delivery):
            try await connection.query(
                """
                INSERT INTO delivery (time, remote_address, path, adapter, status, outcome, order_id, latency_us, body)
                VALUES (\(delivery.time.timeIntervalSince1970), \(delivery.remoteAddress), \(delivery.path), \(delivery.adapter),
                    \(delivery.status), \(delivery.outcome), \(delivery.orderID), \(delivery.latencyMicroseconds), \(delivery.body))
                """,
                logger: logger
            )
        case .account(let account, let createdAt):
            guard try await Self.insert(account, createdAt: createdAt, on: connection, logger: logger) else {
                throw LedgerError.accountExists(name: account.name)
            }
        case .currentAccount(let name):
            try await connection.query(
                "INSERT INTO setting (key, value) VALUES ('current_account', \(name)) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                logger: logger
            )
        case .pruneIdempotency(let cutoff):
            try await connection.query("DELETE FROM idempotency WHERE created_at < \(cutoff.timeIntervalSince1970)", logger: logger)
        case .pruneDeliveries(let cutoff):
            try await connection.query("DELETE FROM delivery WHERE time < \(cutoff.timeIntervalSince1970)", logger: logger)
        }
    }

    /// Adds an account with the first point of its equity history; false, changing nothing, when the name is taken.
    static func insert(_ account: Account, createdAt: Date, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let cash = account.cash.description
        let inserted = try await connection.query(
            """
            INSERT INTO account (name, cash, allows_short, created_at)
            VALUES (\(account.name), \(cash)::numeric, \(account.allowsShortSelling), \(createdAt.timeIntervalSince1970))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """,
            logger: logger
        ).collect()
        guard !inserted.isEmpty else { return false }
        try await connection.query(
            """
            INSERT INTO equity_point (account, time, order_id, cash, equity)
            VALUES (\(account.name), \(createdAt.timeIntervalSince1970), NULL, \(cash)::numeric, \(cash)::numeric)
            """,
            logger: logger
        )
        return true
    }
}

extension ExecutionWrite {
    /// Records the orders, the account's cash and position, an equity point and the key; the last price is left to
    /// `recordLastPrices`, which takes a batch's prices in one order.
    func apply(_ connection: PostgresConnection, logger: Logger) async throws {
        for order in orders {
            try await connection.query(
                """
                INSERT INTO orders (id, account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
                    commission, tax, fill_rate, time, status, rejection_code, rejection_reason, source, adapter)
                VALUES (\(order.id), \(order.account), \(order.symbol), \(order.side.rawValue), \(order.requestedQuantity.description)::numeric,
                    \(order.filledQuantity.description)::numeric, \(order.requestedPrice.description)::numeric,
                    \(order.executionPrice?.description)::numeric, \(order.value.description)::numeric, \(order.slippage.description)::numeric,
                    \(order.commission.description)::numeric, \(order.tax.description)::numeric, \(order.fillRate.description)::numeric,
                    \(order.time.timeIntervalSince1970), \(order.status.rawValue), \(order.rejectionCode), \(order.rejectionReason),
                    \(order.source), \(order.adapter))
                """,
                logger: logger
            )
        }
        try await connection.query("UPDATE account SET cash = \(cash.description)::numeric WHERE name = \(account)", logger: logger)
        if let position {
            try await connection.query(
                """
                INSERT INTO position (account, symbol, quantity, cost_basis, realized_pnl, multiplier)
                VALUES (\(account), \(position.symbol), \(position.quantity.description)::numeric, \(position.costBasis.description)::numeric,
                    \(position.realizedPnL.description)::numeric, \(position.multiplier.description)::numeric)
                ON CONFLICT (account, symbol) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis,
                    realized_pnl = excluded.realized_pnl, multiplier = excluded.multiplier
                """,
                logger: logger
            )
        }
        if let equity {
            try await connection.query(
                """
                INSERT INTO equity_point (account, time, order_id, cash, equity)
                VALUES (\(account), \(time.timeIntervalSince1970), \(orders.last?.id), \(cash.description)::numeric,
                    \(equity.description)::numeric)
                """,
                logger: logger
            )
        }
        // A key new to the database, or one whose window had passed: the row is replaced.
        if let record = idempotency {
            try await connection.query(
                """
                INSERT INTO idempotency (account, key, fingerprint, created_at, order_ids, refusal_code, refusal_kind, refusal_en, refusal_zh,
                    no_action_en, no_action_zh, adapter)
                VALUES (\(record.account), \(record.key), \(record.fingerprint), \(record.createdAt.timeIntervalSince1970),
                    \(record.orderIDs.map(String.init).joined(separator: ",")), \(record.refusal?.code), \(record.refusal?.kind.rawValue),
                    \(record.refusal?.message.english), \(record.refusal?.message.chinese), \(record.noAction?.english),
                    \(record.noAction?.chinese), \(record.adapter))
                ON CONFLICT (account, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at,
                    order_ids = excluded.order_ids, refusal_code = excluded.refusal_code, refusal_kind = excluded.refusal_kind,
                    refusal_en = excluded.refusal_en, refusal_zh = excluded.refusal_zh, no_action_en = excluded.no_action_en,
                    no_action_zh = excluded.no_action_zh, adapter = excluded.adapter
                """,
                logger: logger
            )
        }
    }

    /// Records the last price of every symbol the writes filled, symbols in order: two transactions that share
    /// symbols lock their prices in the same order, so neither waits on the other in a circle.
    static func recordLastPrices(of writes: [ExecutionWrite], on connection: PostgresConnection, logger: Logger) async throws {
        var prices: [String: (price: Decimal, time: Date)] = [:]
        for write in writes {
            if let price = write.lastPrice, let symbol = write.position?.symbol { prices[symbol] = (price, write.time) }
        }
        for (symbol, last) in prices.sorted(by: { $0.key < $1.key }) {
            try await connection.query(
                """
                INSERT INTO last_price (symbol, price, time) VALUES (\(symbol), \(last.price.description)::numeric, \(last.time.timeIntervalSince1970))
                ON CONFLICT (symbol) DO UPDATE SET price = excluded.price, time = excluded.time WHERE last_price.time <= excluded.time
                """,
                logger: logger
            )
        }
    }
}
