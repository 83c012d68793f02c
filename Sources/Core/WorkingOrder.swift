import Foundation

/// An order waiting in the market for its price: a limit, stop, stop-limit or trailing stop that could not fill when
/// it was placed, with what it has seen of the market since.
///
/// Its fills are recorded as orders of their own, in the order they happen; the working order keeps how much of it
/// has filled, the cash it holds back, and how it ended.
public struct WorkingOrder: Sendable, Equatable {
    /// Taken from the same sequence as orders, so an id names one or the other.
    public var id: Int64
    public var account: String
    public var symbol: String
    public var side: Side
    /// The quantity asked for, in units.
    public var quantity: Decimal
    /// How much of `quantity` has filled so far.
    public var filledQuantity: Decimal = 0
    public var spec: OrderSpec
    /// What the order waits for now: its levels, whether a stop-limit triggered, a trailing stop's best price.
    public var price: RestingPrice
    /// The price the placing signal carried: the requested price of every fill.
    public var signalPrice: Decimal
    public var placedAt: Date
    /// When the order expires unfilled: its `expire_at`, or the end of the trading day for a day order.
    public var expiresAt: Date?
    /// The cash a buy holds back so that working orders never overdraw the account together.
    public var reserved: Decimal = 0
    public var status: OrderStatus = .working
    /// Why the order was rejected when it came to fill, nil unless it was.
    public var rejection: OrderRejection?
    /// When the order stopped working: filled, cancelled, expired or rejected.
    public var endedAt: Date?
    public var source: String
    public var adapter: String?
    /// The order whose fill made this one active: the entry of a bracket's stop-loss or take-profit.
    public var parent: Int64?
    /// The order cancelled when this one fills: the other leg of a bracket.
    public var cancelsOnFill: Int64?
    /// The status and filled quantity the order had when it was placed: what the reply to its signal said, and what
    /// a replay of that signal says again.
    public var placedStatus: OrderStatus = .working
    public var placedFilledQuantity: Decimal = 0

    public init(
        id: Int64,
        account: String,
        symbol: String,
        side: Side,
        quantity: Decimal,
        spec: OrderSpec,
        price: RestingPrice,
        signalPrice: Decimal,
        placedAt: Date,
        expiresAt: Date? = nil,
        source: String,
        adapter: String? = nil
    ) {
        self.id = id
        self.account = account
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.spec = spec
        self.price = price
        self.signalPrice = signalPrice
        self.placedAt = placedAt
        self.expiresAt = expiresAt ?? spec.expireAt
        self.source = source
        self.adapter = adapter
    }

    /// The order as its signal's reply showed it.
    public var asPlaced: WorkingOrder {
        var order = self
        (order.status, order.filledQuantity) = (placedStatus, placedFilledQuantity)
        if placedStatus.isWorking { order.endedAt = nil }
        return order
    }

    /// The quantity still to fill.
    public var remaining: Decimal { quantity - filledQuantity }

    /// The price the order fills at when the market reaches it now: its limit (a stop-limit's too), its stop, or its
    /// trailing stop.
    public var level: Decimal {
        switch price {
        case .limit(let limit), .stopLimit(_, let limit, _): limit
        case .stop(let stop): stop
        case .trailingStop(let trail, let best): trail.stop(from: best, side: side)
        }
    }

    /// The remaining quantity as a signal at `price`: what a fill executes.
    public func leg(at price: Decimal) -> Signal {
        Signal(symbol: symbol, side: side, quantity: remaining, price: price, account: account)
    }
}
