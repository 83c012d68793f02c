import Core
import Foundation
import GRDB

/// One change the ledger commits: an executed order with the account state it leaves, or a delivery log entry.
enum LedgerWrite: Sendable {
    /// The order row, the account's cash and position after it, the last price and the idempotent reply, together.
    /// A signal's order rows (one per leg; none when there was nothing to do), the account's cash and position
    /// after them, the last price, an equity point and the idempotent reply, together.
    case execution(
        [Order],
        account: String,
        time: Date,
        cash: Decimal,
        position: Position?,
        lastPrice: Decimal?,
        equity: Decimal?,
        idempotency: (claim: IdempotencyClaim, reply: StoredReply)?
    )
    case delivery(Delivery)
    case account(Account, createdAt: Date)
    case pruneIdempotency(before: Date)
    case pruneDeliveries(before: Date)

    /// The symbol and price this write records as the last traded, if any.
    var lastPrice: (symbol: String, price: Decimal)? {
        guard case .execution(_, _, _, _, let position?, let price?, _, _) = self else { return nil }
        return (position.symbol, price)
    }

    func apply(_ db: Database) throws {
        switch self {
        case .execution(let orders, let account, let time, let cash, let position, let lastPrice, let equity, let idempotency):
            for order in orders {
                try run(
                    db,
                    """
                    INSERT INTO orders (id, account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
                        commission, tax, time, status, rejection_code, rejection_reason, source, adapter)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        order.id, order.account, order.symbol, order.side.rawValue, order.requestedQuantity.description,
                        order.filledQuantity.description, order.requestedPrice.description, order.executionPrice?.description,
                        order.value.description, order.slippage.description, order.commission.description, order.tax.description,
                        order.time.timeIntervalSince1970, order.status.rawValue, order.rejectionCode, order.rejectionReason, order.source,
                        order.adapter,
                    ]
                )
            }
            try run(db, "UPDATE account SET cash = ? WHERE name = ?", [cash.description, account])
            if let position {
                try run(
                    db,
                    """
                    INSERT INTO position (account, symbol, quantity, cost_basis, realized_pnl, multiplier) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account, symbol) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis,
                        realized_pnl = excluded.realized_pnl, multiplier = excluded.multiplier
                    """,
                    [
                        account, position.symbol, position.quantity.description, position.costBasis.description,
                        position.realizedPnL.description, position.multiplier.description,
                    ]
                )
                if let lastPrice {
                    try run(
                        db,
                        """
                        INSERT INTO last_price (symbol, price, time) VALUES (?, ?, ?)
                        ON CONFLICT (symbol) DO UPDATE SET price = excluded.price, time = excluded.time
                        """,
                        [position.symbol, lastPrice.description, time.timeIntervalSince1970]
                    )
                }
            }
            if let equity {
                try run(
                    db,
                    "INSERT INTO equity_point (account, time, order_id, cash, equity) VALUES (?, ?, ?, ?, ?)",
                    [account, time.timeIntervalSince1970, orders.last?.id, cash.description, equity.description]
                )
            }
            if let (claim, reply) = idempotency {
                try run(
                    db,
                    "INSERT INTO idempotency (account, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [account, claim.key, claim.fingerprint, reply.status, reply.body, time.timeIntervalSince1970]
                )
            }
        case .delivery(let delivery):
            try run(
                db,
                """
                INSERT INTO delivery (time, remote_address, path, adapter, status, outcome, order_id, latency_us, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    delivery.time.timeIntervalSince1970, delivery.remoteAddress, delivery.path, delivery.adapter, delivery.status,
                    delivery.outcome, delivery.orderID, delivery.latencyMicroseconds, delivery.body,
                ]
            )
        case .account(let account, let createdAt):
            try run(
                db,
                "INSERT INTO account (name, cash, allows_short, created_at) VALUES (?, ?, ?, ?)",
                [account.name, account.cash.description, account.allowsShortSelling, createdAt.timeIntervalSince1970]
            )
            // The first point of its equity history: the starting cash.
            try run(
                db,
                "INSERT INTO equity_point (account, time, order_id, cash, equity) VALUES (?, ?, NULL, ?, ?)",
                [account.name, createdAt.timeIntervalSince1970, account.cash.description, account.cash.description]
            )
        case .pruneIdempotency(let cutoff):
            try run(db, "DELETE FROM idempotency WHERE created_at < ?", [cutoff.timeIntervalSince1970])
        case .pruneDeliveries(let cutoff):
            try run(db, "DELETE FROM delivery WHERE time < ?", [cutoff.timeIntervalSince1970])
        }
    }

    /// Runs a statement prepared once per connection and reused.
    private func run(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
