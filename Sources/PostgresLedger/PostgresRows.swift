import Core
import Foundation
import Ledger
import PostgresNIO

/// The ledger's rows read back as values. Every `NUMERIC` is selected as text and read exactly.
enum PostgresRows {
    /// The columns of an order, numbers as text.
    static let orderColumns = """
        id, account, symbol, side, requested_qty::text, filled_qty::text, requested_price::text, exec_price::text, value::text,
        slippage::text, commission::text, tax::text, fill_rate::text, time, status, rejection_code, rejection_reason, source, adapter,
        rejection, working_order
        """

    static func order(_ row: PostgresRow) throws -> Order {
        let (id, account, symbol, side, requested, filled, price, execution, value) = try row.decode(
            (Int64, String, String, String, String, String, String, String?, String).self
        )
        let cells = row.makeRandomAccess()
        return Order(
            id: id,
            account: account,
            symbol: symbol,
            side: try StoredValueError.decode(side, as: Side.self, column: "side", order: id),
            requestedQuantity: try decimal(requested, "requested_qty"),
            filledQuantity: try decimal(filled, "filled_qty"),
            requestedPrice: try decimal(price, "requested_price"),
            executionPrice: try execution.map { try decimal($0, "exec_price") },
            value: try decimal(value, "value"),
            slippage: try decimal(try cells[9].decode(String.self), "slippage"),
            commission: try decimal(try cells[10].decode(String.self), "commission"),
            tax: try decimal(try cells[11].decode(String.self), "tax"),
            fillRate: try decimal(try cells[12].decode(String.self), "fill_rate"),
            time: Date(timeIntervalSince1970: try cells[13].decode(Double.self)),
            status: try StoredValueError.decode(try cells[14].decode(String.self), as: OrderStatus.self, column: "status", order: id),
            rejection: try OrderRejection.stored(
                try cells[19].decode(String?.self),
                code: try cells[15].decode(String?.self),
                english: try cells[16].decode(String?.self),
                order: id
            ),
            source: try cells[17].decode(String.self),
            adapter: try cells[18].decode(String?.self),
            workingOrder: try cells[20].decode(Int64?.self)
        )
    }

    /// The columns of an idempotency record.
    static let idempotencyColumns = """
        account, key, fingerprint, created_at, order_ids, refusal_code, refusal_kind, refusal_en, refusal_zh, no_action_en, no_action_zh, adapter,
        working_order
        """

    static func idempotencyRecord(_ row: PostgresRow) throws -> IdempotencyRecord {
        let (account, key, fingerprint, createdAt, orderIDs, refusalCode, refusalKind) = try row.decode(
            (String, String, String, Double, String, String?, String?).self
        )
        let cells = row.makeRandomAccess()
        let (refusalEnglish, refusalChinese, noActionEnglish, noActionChinese, adapter) = (
            try cells[7].decode(String?.self), try cells[8].decode(String?.self), try cells[9].decode(String?.self),
            try cells[10].decode(String?.self), try cells[11].decode(String?.self)
        )
        var refusal: Refusal?
        if let refusalCode {
            guard let kind = refusalKind.flatMap(ErrorKind.init(rawValue:)), let refusalEnglish else {
                throw StoredValueError("idempotency key '\(key)' holds refusal \(refusalCode) without a known kind and message")
            }
            refusal = Refusal(
                code: refusalCode,
                kind: kind,
                message: LocalizedMessage(english: refusalEnglish, chinese: refusalChinese ?? refusalEnglish)
            )
        }
        return IdempotencyRecord(
            account: account,
            key: key,
            fingerprint: fingerprint,
            createdAt: Date(timeIntervalSince1970: createdAt),
            orderIDs: try orderIDs.split(separator: ",").map { text in
                guard let id = Int64(text) else { throw StoredValueError("idempotency order id '\(text)' is not a number") }
                return id
            },
            refusal: refusal,
            noAction: noActionEnglish.map { LocalizedMessage(english: $0, chinese: noActionChinese ?? $0) },
            adapter: adapter,
            workingOrderID: try cells[12].decode(Int64?.self)
        )
    }

    /// The columns of a working order, numbers as text, in `StoredWorkingOrder.columnNames`' order.
    static let workingOrderColumns = StoredWorkingOrder.columnNames.map { name in
        [
            "quantity", "filled_qty", "limit_price", "stop_price", "trail_amount", "trail_percent", "best", "signal_price", "reserved",
            "placed_filled_qty",
        ]
        .contains(name) ? name + "::text" : name
    }.joined(separator: ", ")

    static func workingOrder(_ row: PostgresRow) throws -> WorkingOrder {
        let cells = row.makeRandomAccess()
        func text(_ index: Int) throws -> String { try cells[index].decode(String.self) }
        func optionalText(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }
        func time(_ index: Int) throws -> Double? { try cells[index].decode(Double?.self) }
        return try StoredWorkingOrder(
            id: try cells[0].decode(Int64.self),
            account: try text(1),
            symbol: try text(2),
            side: try text(3),
            quantity: try text(4),
            filledQuantity: try text(5),
            type: try text(6),
            limitPrice: try optionalText(7),
            stopPrice: try optionalText(8),
            trailAmount: try optionalText(9),
            trailPercent: try optionalText(10),
            timeInForce: try text(11),
            expireAt: try time(12),
            expiresAt: try time(13),
            triggered: try cells[14].decode(Bool.self),
            best: try optionalText(15),
            signalPrice: try text(16),
            placedAt: try cells[17].decode(Double.self),
            reserved: try text(18),
            status: try text(19),
            rejection: try optionalText(20),
            endedAt: try time(21),
            source: try text(22),
            adapter: try optionalText(23),
            parent: try cells[24].decode(Int64?.self),
            cancelsOnFill: try cells[25].decode(Int64?.self),
            placedStatus: try text(26),
            placedFilledQuantity: try text(27)
        ).order()
    }

    static func equityPoint(_ row: PostgresRow) throws -> EquityPoint {
        let (time, orderID, cash, equity) = try row.decode((Double, Int64?, String, String).self)
        return EquityPoint(
            time: Date(timeIntervalSince1970: time),
            orderID: orderID,
            cash: try decimal(cash, "cash"),
            equity: try decimal(equity, "equity")
        )
    }

    static func delivery(_ row: PostgresRow) throws -> Delivery {
        let (id, time, remoteAddress, path, adapter, status, outcome, orderID, latency, body) = try row.decode(
            (Int64, Double, String?, String, String?, Int, String, Int64?, Int64, String).self
        )
        return Delivery(
            id: id,
            time: Date(timeIntervalSince1970: time),
            remoteAddress: remoteAddress,
            path: path,
            adapter: adapter,
            status: status,
            outcome: outcome,
            orderID: orderID,
            latencyMicroseconds: latency,
            body: body
        )
    }

    static func decimal(_ text: String, _ column: String) throws -> Decimal {
        guard let value = Decimal(exactly: text) else { throw StoredValueError("column \(column) holds '\(text)', not a decimal") }
        return value
    }
}
