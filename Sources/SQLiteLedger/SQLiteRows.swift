import Core
import Foundation
import GRDB
import Ledger

/// The ledger's rows read back as values.
enum SQLiteRows {
    static func account(named name: String, in db: Database) throws -> Account? {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, cash, allows_short FROM account WHERE name = ?", arguments: [name]) else {
            return nil
        }
        var account = Account(name: row["name"], cash: try decimal(row, "cash"), allowsShortSelling: row["allows_short"])
        for row in try Row.fetchAll(
            db,
            sql: "SELECT symbol, quantity, cost_basis, realized_pnl, multiplier FROM position WHERE account = ?",
            arguments: [name]
        ) {
            let position = Position(
                symbol: row["symbol"],
                quantity: try decimal(row, "quantity"),
                costBasis: try decimal(row, "cost_basis"),
                realizedPnL: try decimal(row, "realized_pnl"),
                multiplier: try decimal(row, "multiplier")
            )
            account.positions[position.symbol] = position
        }
        account.reserved = try workingOrders(in: db, where: "account = ? AND status = 'working'", [name]).reduce(0) { $0 + $1.reserved }
        return account
    }

    /// The working orders that `condition` selects, oldest first.
    static func workingOrders(
        in db: Database,
        where condition: String,
        _ arguments: StatementArguments = [],
        limit: Int? = nil
    ) throws -> [WorkingOrder] {
        let order = limit == nil ? "ORDER BY id" : "ORDER BY id DESC LIMIT \(limit!)"
        return try Row.fetchAll(db, sql: "SELECT * FROM working_order WHERE \(condition) \(order)", arguments: arguments).map { row in
            try StoredWorkingOrder(row).order()
        }
    }

    /// When the market made each symbol's last price.
    static func lastPriceTimes(_ db: Database) throws -> [String: Date] {
        var times: [String: Date] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT symbol, time FROM last_price") {
            times[row["symbol"]] = Date(timeIntervalSince1970: row["time"])
        }
        return times
    }

    /// The last traded price of every symbol.
    static func lastPrices(_ db: Database) throws -> [String: Decimal] {
        var prices: [String: Decimal] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT symbol, price FROM last_price") {
            prices[row["symbol"]] = try decimal(row, "price")
        }
        return prices
    }

    static func decimal(_ row: Row, _ column: String) throws -> Decimal {
        let text: String = row[column]
        guard let value = Decimal(exactly: text) else { throw StoredValueError("column \(column) holds '\(text)', not a decimal") }
        return value
    }

    static func order(_ row: Row) throws -> Order {
        let id: Int64 = row["id"]
        let execPrice: String? = row["exec_price"]
        return Order(
            id: id,
            account: row["account"],
            symbol: row["symbol"],
            side: try StoredValueError.decode(row["side"], as: Side.self, column: "side", order: id),
            requestedQuantity: try decimal(row, "requested_qty"),
            filledQuantity: try decimal(row, "filled_qty"),
            requestedPrice: try decimal(row, "requested_price"),
            executionPrice: try execPrice.map { _ in try decimal(row, "exec_price") },
            value: try decimal(row, "value"),
            slippage: try decimal(row, "slippage"),
            commission: try decimal(row, "commission"),
            tax: try decimal(row, "tax"),
            fillRate: try decimal(row, "fill_rate"),
            time: Date(timeIntervalSince1970: row["time"]),
            status: try StoredValueError.decode(row["status"], as: OrderStatus.self, column: "status", order: id),
            rejection: try OrderRejection.stored(row["rejection"], code: row["rejection_code"], english: row["rejection_reason"], order: id),
            source: row["source"],
            adapter: row["adapter"],
            workingOrder: row["working_order"]
        )
    }

    static func equityPoint(_ row: Row) throws -> EquityPoint {
        EquityPoint(
            time: Date(timeIntervalSince1970: row["time"]),
            orderID: row["order_id"],
            cash: try decimal(row, "cash"),
            equity: try decimal(row, "equity")
        )
    }

    static func delivery(_ row: Row) -> Delivery {
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

    static func idempotencyRecord(_ row: Row) throws -> IdempotencyRecord {
        func message(_ prefix: String) -> LocalizedMessage? {
            guard let english: String = row[prefix + "_en"] else { return nil }
            return LocalizedMessage(english: english, chinese: row[prefix + "_zh"] ?? english)
        }
        var refusal: Refusal?
        if let code: String = row["refusal_code"] {
            let kindText: String? = row["refusal_kind"]
            guard let kind = kindText.flatMap(ErrorKind.init(rawValue:)), let message = message("refusal") else {
                throw DatabaseError(message: "idempotency key '\(row["key"] as String)' holds refusal \(code) without a known kind and message")
            }
            refusal = Refusal(code: code, kind: kind, message: message)
        }
        let orderIDs = try (row["order_ids"] as String).split(separator: ",").map { text in
            guard let id = Int64(text) else { throw DatabaseError(message: "idempotency order id '\(text)' is not a number") }
            return id
        }
        return IdempotencyRecord(
            account: row["account"],
            key: row["key"],
            fingerprint: row["fingerprint"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            orderIDs: orderIDs,
            refusal: refusal,
            noAction: message("no_action"),
            adapter: row["adapter"],
            workingOrderID: row["working_order"]
        )
    }
}

extension StoredWorkingOrder {
    /// The stored order a `working_order` row holds.
    init(_ row: Row) {
        self.init(
            id: row["id"],
            account: row["account"],
            symbol: row["symbol"],
            side: row["side"],
            quantity: row["quantity"],
            filledQuantity: row["filled_qty"],
            type: row["order_type"],
            limitPrice: row["limit_price"],
            stopPrice: row["stop_price"],
            trailAmount: row["trail_amount"],
            trailPercent: row["trail_percent"],
            timeInForce: row["time_in_force"],
            expireAt: row["expire_at"],
            expiresAt: row["expires_at"],
            triggered: row["triggered"],
            best: row["best"],
            signalPrice: row["signal_price"],
            placedAt: row["placed_at"],
            reserved: row["reserved"],
            status: row["status"],
            rejection: row["rejection"],
            endedAt: row["ended_at"],
            source: row["source"],
            adapter: row["adapter"],
            parent: row["parent"],
            cancelsOnFill: row["cancels_on_fill"],
            placedStatus: row["placed_status"],
            placedFilledQuantity: row["placed_filled_qty"]
        )
    }
}
