import Core
import Decimals
import Foundation
import JSON
import Ledger
import PostgresNIO

extension LedgerWrite {
    /// Applies the write inside the caller's transaction.
    func apply(_ connection: PostgresConnection, logger: Logger) async throws {
        switch self {
        case .execution(let execution):
            try await ExecutionWrite.apply([execution], on: connection, logger: logger)
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
        case .lastPrice(let symbol, let price, let time):
            try await ExecutionWrite.recordLastPrices([(symbol, price, time)], on: connection, logger: logger)
        case .pruneIdempotency(let cutoff):
            try await connection.query("DELETE FROM idempotency WHERE created_at < \(cutoff.timeIntervalSince1970)", logger: logger)
        case .pruneDeliveries(let cutoff):
            try await connection.query("DELETE FROM delivery WHERE time < \(cutoff.timeIntervalSince1970)", logger: logger)
        }
    }

    /// Adds an account with the first point of its equity history; false, changing nothing, when the name is taken.
    static func insert(_ account: Account, createdAt: Date, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let cash = account.cash.plainText
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
    /// Records what `writes` did, in order, one statement per table whatever their number: the orders, each
    /// account's cash and each position as the last write left them, the equity points and the keys; then each
    /// symbol's last price, symbols in order (`recordLastPrices`).
    static func apply(_ writes: [ExecutionWrite], on connection: PostgresConnection, logger: Logger) async throws {
        try await insertOrders(writes.flatMap(\.orders), on: connection, logger: logger)
        let rows = LatestRows(writes)
        let latest = rows.cash
        if !latest.isEmpty {
            try await connection.query(
                """
                UPDATE account SET cash = latest.cash::numeric
                FROM unnest(\(latest.map(\.account))::text[], \(latest.map(\.cash.plainText))::text[]) AS latest (name, cash)
                WHERE account.name = latest.name
                """,
                logger: logger
            )
        }
        let held = rows.positions
        if !held.isEmpty {
            try await connection.query(
                """
                INSERT INTO position (account, symbol, quantity, cost_basis, realized_pnl, multiplier)
                SELECT account, symbol, quantity::numeric, cost_basis::numeric, realized_pnl::numeric, multiplier::numeric
                FROM unnest(\(held.map(\.account))::text[], \(held.map(\.position.symbol))::text[],
                    \(held.map(\.position.quantity.plainText))::text[], \(held.map(\.position.costBasis.plainText))::text[],
                    \(held.map(\.position.realizedPnL.plainText))::text[], \(held.map(\.position.multiplier.plainText))::text[])
                    AS held (account, symbol, quantity, cost_basis, realized_pnl, multiplier)
                ON CONFLICT (account, symbol) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis,
                    realized_pnl = excluded.realized_pnl, multiplier = excluded.multiplier
                """,
                logger: logger
            )
        }
        let points = writes.filter { $0.equity != nil }
        if !points.isEmpty {
            // Order ids start at 1 (a sequence), so 0 marks a point that no order made.
            try await connection.query(
                """
                INSERT INTO equity_point (account, time, order_id, cash, equity)
                SELECT account, time, NULLIF(order_id, 0), cash::numeric, equity::numeric
                FROM unnest(\(points.map(\.account))::text[], \(points.map(\.time.timeIntervalSince1970))::float8[],
                    \(points.map { $0.orders.last?.id ?? 0 })::bigint[], \(points.map(\.cash.plainText))::text[],
                    \(points.map { $0.equity?.plainText ?? "0" })::text[]) WITH ORDINALITY AS point (account, time, order_id, cash, equity, place)
                ORDER BY place
                """,
                logger: logger
            )
        }
        // One row per key, the last write's: a key whose window passed between two signals of a batch is settled twice.
        var latestRecords: [String: IdempotencyRecord] = [:]
        for record in writes.compactMap(\.idempotency) { latestRecords[record.account + "\u{0}" + record.key] = record }
        let records = Array(latestRecords.values)
        if !records.isEmpty {
            // A key new to the database, or one whose window had passed: the row is replaced. A missing refusal,
            // message or adapter is marked by its flag, never by a value that could also be real.
            try await connection.query(
                """
                INSERT INTO idempotency (account, key, fingerprint, created_at, order_ids, refusal_code, refusal_kind, refusal_en, refusal_zh,
                    no_action_en, no_action_zh, adapter, working_order)
                SELECT account, key, fingerprint, created_at, order_ids,
                    CASE WHEN refused THEN refusal_code END, CASE WHEN refused THEN refusal_kind END,
                    CASE WHEN refused THEN refusal_en END, CASE WHEN refused THEN refusal_zh END,
                    CASE WHEN no_action THEN no_action_en END, CASE WHEN no_action THEN no_action_zh END, CASE WHEN has_adapter THEN adapter END,
                    NULLIF(working_order, 0)
                FROM unnest(\(records.map(\.account))::text[], \(records.map(\.key))::text[], \(records.map(\.fingerprint))::text[],
                    \(records.map(\.createdAt.timeIntervalSince1970))::float8[],
                    \(records.map { $0.orderIDs.map(String.init).joined(separator: ",") })::text[], \(records.map { $0.refusal != nil })::bool[],
                    \(records.map { $0.refusal?.code ?? "" })::text[], \(records.map { $0.refusal?.kind.rawValue ?? "" })::text[],
                    \(records.map { $0.refusal?.message.english ?? "" })::text[], \(records.map { $0.refusal?.message.chinese ?? "" })::text[],
                    \(records.map { $0.noAction != nil })::bool[], \(records.map { $0.noAction?.english ?? "" })::text[],
                    \(records.map { $0.noAction?.chinese ?? "" })::text[], \(records.map { $0.adapter != nil })::bool[],
                    \(records.map { $0.adapter ?? "" })::text[], \(records.map { $0.workingOrderID ?? 0 })::bigint[])
                    AS record (account, key, fingerprint, created_at, order_ids, refused, refusal_code, refusal_kind, refusal_en, refusal_zh,
                        no_action, no_action_en, no_action_zh, has_adapter, adapter, working_order)
                ON CONFLICT (account, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at,
                    order_ids = excluded.order_ids, refusal_code = excluded.refusal_code, refusal_kind = excluded.refusal_kind,
                    refusal_en = excluded.refusal_en, refusal_zh = excluded.refusal_zh, no_action_en = excluded.no_action_en,
                    no_action_zh = excluded.no_action_zh, adapter = excluded.adapter, working_order = excluded.working_order
                """,
                logger: logger
            )
        }
        for order in writes.flatMap(\.working) { try await upsert(StoredWorkingOrder(order), on: connection, logger: logger) }
        try await recordLastPrices(rows.lastPrices, on: connection, logger: logger)
    }

    /// Inserts a working order, or writes what changed of one already stored.
    private static func upsert(_ order: StoredWorkingOrder, on connection: PostgresConnection, logger: Logger) async throws {
        let updates = StoredWorkingOrder.changingColumnNames.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await connection.query(
            """
            INSERT INTO working_order (\(unescaped: StoredWorkingOrder.columnNames.joined(separator: ", ")))
            VALUES (\(order.id), \(order.account), \(order.symbol), \(order.side), \(order.quantity)::numeric, \(order.filledQuantity)::numeric,
                \(order.type), \(order.limitPrice)::numeric, \(order.stopPrice)::numeric, \(order.trailAmount)::numeric,
                \(order.trailPercent)::numeric, \(order.timeInForce), \(order.expireAt), \(order.expiresAt), \(order.triggered),
                \(order.best)::numeric, \(order.signalPrice)::numeric, \(order.placedAt), \(order.reserved)::numeric, \(order.status),
                \(order.rejection), \(order.endedAt), \(order.source), \(order.adapter), \(order.parent), \(order.cancelsOnFill),
                \(order.placedStatus), \(order.placedFilledQuantity)::numeric)
            ON CONFLICT (id) DO UPDATE SET \(unescaped: updates)
            """,
            logger: logger
        )
    }

    /// Inserts `orders` in one statement; a missing value is marked by its flag.
    private static func insertOrders(_ orders: [Order], on connection: PostgresConnection, logger: Logger) async throws {
        guard !orders.isEmpty else { return }
        func numbers(_ value: (Order) -> Decimal) -> [String] { orders.map { value($0).plainText } }
        try await connection.query(
            """
            INSERT INTO orders (id, account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
                commission, tax, fill_rate, time, status, rejection_code, rejection_reason, rejection, source, adapter, working_order)
            SELECT id, account, symbol, side, requested_qty::numeric, filled_qty::numeric, requested_price::numeric,
                CASE WHEN executed THEN exec_price::numeric END, value::numeric, slippage::numeric, commission::numeric, tax::numeric,
                fill_rate::numeric, time, status, CASE WHEN rejected THEN rejection_code END, CASE WHEN rejected THEN rejection_reason END,
                CASE WHEN has_rejection THEN rejection END, source, CASE WHEN has_adapter THEN adapter END, NULLIF(working_order, 0)
            FROM unnest(\(orders.map(\.id))::bigint[], \(orders.map(\.account))::text[], \(orders.map(\.symbol))::text[],
                \(orders.map(\.side.rawValue))::text[], \(numbers(\.requestedQuantity))::text[], \(numbers(\.filledQuantity))::text[],
                \(numbers(\.requestedPrice))::text[], \(orders.map { $0.executionPrice != nil })::bool[],
                \(orders.map { $0.executionPrice?.plainText ?? "" })::text[], \(numbers(\.value))::text[], \(numbers(\.slippage))::text[],
                \(numbers(\.commission))::text[], \(numbers(\.tax))::text[], \(numbers(\.fillRate))::text[],
                \(orders.map(\.time.timeIntervalSince1970))::float8[], \(orders.map(\.status.rawValue))::text[],
                \(orders.map { $0.rejection != nil })::bool[], \(orders.map { $0.rejection?.code ?? "" })::text[],
                \(orders.map { $0.rejection?.message.english ?? "" })::text[],
                \(orders.map { $0.rejection?.storedText != nil })::bool[], \(orders.map { $0.rejection?.storedText ?? "" })::text[],
                \(orders.map(\.source))::text[], \(orders.map { $0.adapter != nil })::bool[], \(orders.map { $0.adapter ?? "" })::text[],
                \(orders.map { $0.workingOrder ?? 0 })::bigint[])
                AS o (id, account, symbol, side, requested_qty, filled_qty, requested_price, executed, exec_price, value, slippage, commission,
                    tax, fill_rate, time, status, rejected, rejection_code, rejection_reason, has_rejection, rejection, source,
                    has_adapter, adapter, working_order)
            """,
            logger: logger
        )
    }

    /// Records each symbol's last price, symbols in order: two transactions that share symbols lock their prices in
    /// the same order, so neither waits on the other in a circle.
    static func recordLastPrices(
        _ prices: [(symbol: String, price: Decimal, time: Date)],
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        for last in prices.sorted(by: { $0.symbol < $1.symbol }) {
            try await connection.query(
                """
                INSERT INTO last_price (symbol, price, time) VALUES (\(last.symbol), \(last.price.plainText)::numeric, \(last.time.timeIntervalSince1970))
                ON CONFLICT (symbol) DO UPDATE SET price = excluded.price, time = excluded.time WHERE last_price.time <= excluded.time
                """,
                logger: logger
            )
        }
    }
}
