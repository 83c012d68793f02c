import Core
import Decimals
import Foundation

/// A working order as storage keeps it, whatever the database: levels, quantities and cash as decimal text, times as
/// seconds since 1970, its type, time in force and status by name, and what it has seen of the market (whether a
/// stop-limit triggered, a trailing stop's best price).
public struct StoredWorkingOrder: Sendable, Equatable {
    public var id: Int64
    public var account: String
    public var symbol: String
    public var side: String
    public var quantity: String
    public var filledQuantity: String
    public var type: String
    public var limitPrice: String?
    public var stopPrice: String?
    public var trailAmount: String?
    public var trailPercent: String?
    public var timeInForce: String
    public var expireAt: Double?
    public var expiresAt: Double?
    public var triggered: Bool
    public var best: String?
    public var signalPrice: String
    public var placedAt: Double
    public var reserved: String
    public var status: String
    public var rejection: String?
    public var endedAt: Double?
    public var source: String
    public var adapter: String?
    public var parent: Int64?
    public var cancelsOnFill: Int64?
    public var placedStatus: String
    public var placedFilledQuantity: String

    /// The columns, in the order `init(columns:)` and `columns` take them.
    public static let columnNames = [
        "id", "account", "symbol", "side", "quantity", "filled_qty", "order_type", "limit_price", "stop_price", "trail_amount",
        "trail_percent", "time_in_force", "expire_at", "expires_at", "triggered", "best", "signal_price", "placed_at", "reserved",
        "status", "rejection", "ended_at", "source", "adapter", "parent", "cancels_on_fill", "placed_status", "placed_filled_qty",
    ]

    /// The columns a mark, a fill or an end changes: the rest never change once the order is placed.
    public static let changingColumnNames = ["filled_qty", "expires_at", "triggered", "best", "reserved", "status", "rejection", "ended_at"]

    /// The row as read back, column by column.
    public init(
        id: Int64,
        account: String,
        symbol: String,
        side: String,
        quantity: String,
        filledQuantity: String,
        type: String,
        limitPrice: String?,
        stopPrice: String?,
        trailAmount: String?,
        trailPercent: String?,
        timeInForce: String,
        expireAt: Double?,
        expiresAt: Double?,
        triggered: Bool,
        best: String?,
        signalPrice: String,
        placedAt: Double,
        reserved: String,
        status: String,
        rejection: String?,
        endedAt: Double?,
        source: String,
        adapter: String?,
        parent: Int64?,
        cancelsOnFill: Int64?,
        placedStatus: String,
        placedFilledQuantity: String
    ) {
        self.id = id
        self.account = account
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.filledQuantity = filledQuantity
        self.type = type
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trailAmount = trailAmount
        self.trailPercent = trailPercent
        self.timeInForce = timeInForce
        self.expireAt = expireAt
        self.expiresAt = expiresAt
        self.triggered = triggered
        self.best = best
        self.signalPrice = signalPrice
        self.placedAt = placedAt
        self.reserved = reserved
        self.status = status
        self.rejection = rejection
        self.endedAt = endedAt
        self.source = source
        self.adapter = adapter
        self.parent = parent
        self.cancelsOnFill = cancelsOnFill
        self.placedStatus = placedStatus
        self.placedFilledQuantity = placedFilledQuantity
    }

    public init(_ order: WorkingOrder) {
        id = order.id
        account = order.account
        symbol = order.symbol
        side = order.side.rawValue
        quantity = order.quantity.plainText
        filledQuantity = order.filledQuantity.plainText
        type = order.spec.type.rawValue
        limitPrice = order.spec.limitPrice?.plainText
        stopPrice = order.spec.stopPrice?.plainText
        if case .amount(let amount)? = order.spec.trail { trailAmount = amount.plainText }
        if case .percent(let percent)? = order.spec.trail { trailPercent = percent.plainText }
        timeInForce = order.spec.timeInForce.rawValue
        expireAt = order.spec.expireAt?.timeIntervalSince1970
        expiresAt = order.expiresAt?.timeIntervalSince1970
        switch order.price {
        case .stopLimit(_, _, let wasTriggered): (triggered, best) = (wasTriggered, nil)
        case .trailingStop(_, let bestPrice): (triggered, best) = (false, bestPrice.plainText)
        case .limit, .stop: (triggered, best) = (false, nil)
        }
        signalPrice = order.signalPrice.plainText
        placedAt = order.placedAt.timeIntervalSince1970
        reserved = order.reserved.plainText
        status = order.status.rawValue
        rejection = order.rejection?.storedText
        endedAt = order.endedAt?.timeIntervalSince1970
        source = order.source
        adapter = order.adapter
        parent = order.parent
        cancelsOnFill = order.cancelsOnFill
        placedStatus = order.placedStatus.rawValue
        placedFilledQuantity = order.placedFilledQuantity.plainText
    }

    /// The working order the row holds.
    /// - throws: `StoredValueError` naming the column that holds what this version cannot read.
    public func order() throws(StoredValueError) -> WorkingOrder {
        func number(_ text: String, _ column: String) throws(StoredValueError) -> Decimal {
            guard let value = Decimal(exactly: text) else {
                throw StoredValueError("working order \(id): column \(column) holds '\(text)', not a decimal")
            }
            return value
        }
        func optional(_ text: String?, _ column: String) throws(StoredValueError) -> Decimal? {
            guard let text else { return nil }
            return try number(text, column)
        }
        let trail: Trail? =
            if let amount = try optional(trailAmount, "trail_amount") { .amount(amount) } else {
                try optional(trailPercent, "trail_percent").map { .percent($0) }
            }
        let spec = OrderSpec(
            type: try StoredValueError.decode(type, as: OrderType.self, column: "order_type", order: id),
            limitPrice: try optional(limitPrice, "limit_price"),
            stopPrice: try optional(stopPrice, "stop_price"),
            trail: trail,
            timeInForce: try StoredValueError.decode(timeInForce, as: TimeInForce.self, column: "time_in_force", order: id),
            expireAt: expireAt.map(Date.init(timeIntervalSince1970:))
        )
        let signal = try number(signalPrice, "signal_price")
        guard var price = spec.restingPrice(placedAt: try optional(best, "best") ?? signal) else {
            throw StoredValueError("working order \(id): a \(type) order without the level it waits for")
        }
        if case .stopLimit(let stop, let limit, _) = price { price = .stopLimit(stop: stop, limit: limit, triggered: triggered) }
        var order = WorkingOrder(
            id: id,
            account: account,
            symbol: symbol,
            side: try StoredValueError.decode(side, as: Side.self, column: "side", order: id),
            quantity: try number(quantity, "quantity"),
            spec: spec,
            price: price,
            signalPrice: signal,
            placedAt: Date(timeIntervalSince1970: placedAt),
            expiresAt: expiresAt.map(Date.init(timeIntervalSince1970:)),
            source: source,
            adapter: adapter
        )
        order.expiresAt = expiresAt.map(Date.init(timeIntervalSince1970:))
        order.filledQuantity = try number(filledQuantity, "filled_qty")
        order.reserved = try number(reserved, "reserved")
        order.status = try StoredValueError.decode(status, as: OrderStatus.self, column: "status", order: id)
        order.rejection = try OrderRejection.stored(rejection, code: nil, english: nil, order: id)
        order.endedAt = endedAt.map(Date.init(timeIntervalSince1970:))
        order.parent = parent
        order.cancelsOnFill = cancelsOnFill
        order.placedStatus = try StoredValueError.decode(placedStatus, as: OrderStatus.self, column: "placed_status", order: id)
        order.placedFilledQuantity = try number(placedFilledQuantity, "placed_filled_qty")
        return order
    }
}
