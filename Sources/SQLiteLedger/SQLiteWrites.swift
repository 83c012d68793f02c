import Core
import Decimals
import Foundation
import GRDB
import JSON
import Ledger

extension LedgerWrite {
    /// Applies `writes` in order inside the caller's transaction. The rows executions overwrite (an account's cash, a
    /// position, a symbol's last price) are written once, as the last execution left them, when all else is written.
    static func apply(_ writes: [LedgerWrite], to db: Database) throws {
        var latest = LatestRows()
        for write in writes { try write.apply(db, latest: &latest) }
        try latest.write(to: db)
    }

    /// Applies the write inside the caller's transaction.
    func apply(_ db: Database) throws {
        try Self.apply([self], to: db)
    }

    private func apply(_ db: Database, latest: inout LatestRows) throws {
        switch self {
        case .execution(let execution):
            try execution.apply(db)
            latest.record(execution)
        case .delivery(let delivery):
            try db.run(
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
            try db.run(
                "INSERT INTO account (name, cash, allows_short, created_at) VALUES (?, ?, ?, ?)",
                [account.name, account.cash.plainText, account.allowsShortSelling, createdAt.timeIntervalSince1970]
            )
            try db.run(
                "INSERT INTO equity_point (account, time, order_id, cash, equity) VALUES (?, ?, NULL, ?, ?)",
                [account.name, createdAt.timeIntervalSince1970, account.cash.plainText, account.cash.plainText]
            )
        case .currentAccount(let name):
            try db.run(
                "INSERT INTO setting (key, value) VALUES ('current_account', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [name]
            )
        case .lastPrice(let symbol, let price, let time):
            latest.recordPrice(price, of: symbol, at: time)
        case .pruneIdempotency(let cutoff):
            try db.run("DELETE FROM idempotency WHERE created_at < ?", [cutoff.timeIntervalSince1970])
        case .pruneDeliveries(let cutoff):
            try db.run("DELETE FROM delivery WHERE time < ?", [cutoff.timeIntervalSince1970])
        }
    }
}

extension ExecutionWrite {
    fileprivate func apply(_ db: Database) throws {
        for order in orders {
            try db.run(
                """
                INSERT INTO orders (id, account, symbol, side, requested_qty, filled_qty, requested_price, exec_price, value, slippage,
                    commission, tax, fill_rate, time, status, rejection_code, rejection_reason, rejection, source, adapter, working_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    order.id, order.account, order.symbol, order.side.rawValue, order.requestedQuantity.plainText,
                    order.filledQuantity.plainText, order.requestedPrice.plainText, order.executionPrice?.plainText,
                    order.value.plainText, order.slippage.plainText, order.commission.plainText, order.tax.plainText,
                    order.fillRate.plainText, order.time.timeIntervalSince1970, order.status.rawValue, order.rejection?.code,
                    order.rejection?.message.english, order.rejection?.storedText, order.source, order.adapter, order.workingOrder,
                ]
            )
        }
        for order in working { try Self.upsert(StoredWorkingOrder(order), db) }
        if let equity {
            try db.run(
                "INSERT INTO equity_point (account, time, order_id, cash, equity) VALUES (?, ?, ?, ?, ?)",
                [account, time.timeIntervalSince1970, orders.last?.id, cash.plainText, equity.plainText]
            )
        }
        // A key is new to the ledger, or expired in memory before its row was pruned: the row is replaced.
        if let record = idempotency {
            try db.run(
                """
                INSERT INTO idempotency (account, key, fingerprint, created_at, order_ids, refusal_code, refusal_kind, refusal_en, refusal_zh,
                    no_action_en, no_action_zh, adapter, working_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at,
                    order_ids = excluded.order_ids, refusal_code = excluded.refusal_code, refusal_kind = excluded.refusal_kind,
                    refusal_en = excluded.refusal_en, refusal_zh = excluded.refusal_zh, no_action_en = excluded.no_action_en,
                    no_action_zh = excluded.no_action_zh, adapter = excluded.adapter, working_order = excluded.working_order
                """,
                [
                    record.account, record.key, record.fingerprint, record.createdAt.timeIntervalSince1970,
                    record.orderIDs.map(String.init).joined(separator: ","), record.refusal?.code, record.refusal?.kind.rawValue,
                    record.refusal?.message.english, record.refusal?.message.chinese, record.noAction?.english, record.noAction?.chinese,
                    record.adapter, record.workingOrderID,
                ]
            )
        }
    }

    /// Inserts a working order, or writes what changed of one already stored.
    private static func upsert(_ order: StoredWorkingOrder, _ db: Database) throws {
        let names = StoredWorkingOrder.columnNames
        let updates = StoredWorkingOrder.changingColumnNames.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.run(
            """
            INSERT INTO working_order (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (id) DO UPDATE SET \(updates)
            """,
            [
                order.id, order.account, order.symbol, order.side, order.quantity, order.filledQuantity, order.type, order.limitPrice,
                order.stopPrice, order.trailAmount, order.trailPercent, order.timeInForce, order.expireAt, order.expiresAt, order.triggered,
                order.best, order.signalPrice, order.placedAt, order.reserved, order.status, order.rejection, order.endedAt, order.source,
                order.adapter, order.parent, order.cancelsOnFill, order.placedStatus, order.placedFilledQuantity,
            ]
        )
    }
}

extension LatestRows {
    /// Writes each row the executions overwrote, once.
    fileprivate func write(to db: Database) throws {
        for (account, cash) in cash {
            try db.run("UPDATE account SET cash = ? WHERE name = ?", [cash.plainText, account])
        }
        for (account, position) in positions {
            try db.run(
                """
                INSERT INTO position (account, symbol, quantity, cost_basis, realized_pnl, multiplier) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, symbol) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis,
                    realized_pnl = excluded.realized_pnl, multiplier = excluded.multiplier
                """,
                [
                    account, position.symbol, position.quantity.plainText, position.costBasis.plainText,
                    position.realizedPnL.plainText, position.multiplier.plainText,
                ]
            )
        }
        for (symbol, price, time) in lastPrices {
            try db.run(
                """
                INSERT INTO last_price (symbol, price, time) VALUES (?, ?, ?)
                ON CONFLICT (symbol) DO UPDATE SET price = excluded.price, time = excluded.time
                """,
                [symbol, price.plainText, time.timeIntervalSince1970]
            )
        }
    }
}
