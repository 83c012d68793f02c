/// A field of the normalized signal that adapter rules fill in.
public enum TargetField: String, Sendable, CaseIterable, Hashable {
    case symbol
    /// What to do: buy, sell, exit, reverse, target. Without it a signal is the seed's buy or sell of `side`.
    case action
    case side, qty
    /// How `qty` is measured: units, notional, percent of equity or of the position.
    case sizing
    case price, account, id
    /// When the sender made the signal: ISO 8601 text, or seconds or milliseconds since 1970. An adapter's `max_age`
    /// refuses signals older than that.
    case time
    /// The webhook token carried in the body: checked, never stored, logged or echoed.
    case token
    /// How the order waits for its price: market (the default), limit, stop, stop_limit, trailing_stop.
    case orderType = "order_type"
    case limitPrice = "limit_price"
    case stopPrice = "stop_price"
    /// How far a trailing stop stays behind the best price: an amount of price, or a percentage of it.
    case trailAmount = "trail_amount"
    case trailPercent = "trail_percent"
    /// How long an order that cannot fill at once waits: gtc (the default), day, ioc, fok.
    case timeInForce = "time_in_force"
    /// When a working order expires, whatever its time in force.
    case expireAt = "expire_at"

    /// Hashes the case's place rather than its name: every payload looks fields up in tables keyed by them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(place)
    }

    /// The case's place in declaration order.
    var place: Int {
        switch self {
        case .symbol: 0
        case .action: 1
        case .side: 2
        case .qty: 3
        case .sizing: 4
        case .price: 5
        case .account: 6
        case .id: 7
        case .time: 8
        case .token: 9
        case .orderType: 10
        case .limitPrice: 11
        case .stopPrice: 12
        case .trailAmount: 13
        case .trailPercent: 14
        case .timeInForce: 15
        case .expireAt: 16
        }
    }

    /// The fields that hold a price level or trail of the order: numbers greater than 0.
    public var isOrderLevel: Bool { self == .limitPrice || self == .stopPrice || self == .trailAmount || self == .trailPercent }

    /// Whether the engine cannot act without this field, for a signal without an action: the seed's fields.
    public var isNeededByEngine: Bool { isNeeded(for: nil) }

    /// Whether the engine cannot act without this field for `action`: an exit or a reverse needs no side and no
    /// quantity (it closes the whole position), a target no side.
    public func isNeeded(for action: SignalAction?) -> Bool {
        switch self {
        case .symbol, .price: true
        case .side: action == nil
        case .qty: action.map { $0.intent == .trade || $0.intent == .target } ?? true
        case .action, .sizing, .account, .id, .token, .time, .orderType, .limitPrice, .stopPrice, .trailAmount, .trailPercent, .timeInForce,
            .expireAt:
            false
        }
    }
}
