import Decimals
import Foundation

/// What kind of order a signal places.
public enum OrderType: String, Sendable, CaseIterable {
    /// Fills at once at the signal's price: what every signal did before resting orders.
    case market
    case limit
    case stop
    case stopLimit = "stop_limit"
    case trailingStop = "trailing_stop"
}

/// How long an order that cannot fill at once may wait.
public enum TimeInForce: String, Sendable, CaseIterable {
    /// Good till cancelled.
    case gtc
    /// Until the end of the instrument's trading day.
    case day
    /// Immediate or cancel: what cannot fill at once is cancelled.
    case ioc
    /// Fill or kill: all at once, or nothing.
    case fok
}

/// How an order waits for its price: its type, its levels, and how long it may wait.
public struct OrderSpec: Sendable, Equatable {
    public var type: OrderType
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var trail: Trail?
    public var timeInForce: TimeInForce
    /// When a working order expires, whatever its time in force says.
    public var expireAt: Date?

    public init(
        type: OrderType = .market,
        limitPrice: Decimal? = nil,
        stopPrice: Decimal? = nil,
        trail: Trail? = nil,
        timeInForce: TimeInForce = .gtc,
        expireAt: Date? = nil
    ) {
        self.type = type
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trail = trail
        self.timeInForce = timeInForce
        self.expireAt = expireAt
    }

    /// A market order, good till cancelled: today's orders.
    public static let market = OrderSpec()

    /// The spec with its levels on the price grid of `tick`: a limit on the side that never fills worse (a buy's
    /// down, a sell's up), a stop to the nearest tick.
    /// - throws: `OrderSpecError` when a level its type needs is missing, a level is not above zero or falls below one
    ///   tick, a trail is not above zero, or `expireAt` is not after `now`.
    public func checked(side: Side, tick: Decimal, now: Date) throws(OrderSpecError) -> OrderSpec {
        var spec = self
        let needsLimit = type == .limit || type == .stopLimit
        let needsStop = type == .stop || type == .stopLimit
        if needsLimit, limitPrice == nil { throw .missing("limit_price", type) }
        if needsStop, stopPrice == nil { throw .missing("stop_price", type) }
        if type == .trailingStop, trail == nil { throw .missing("trail_amount", type) }
        if let limit = limitPrice, needsLimit {
            spec.limitPrice = try Self.level(limit, field: "limit_price", tick: tick, rounding: side == .buy ? .down : .up)
        }
        if let stop = stopPrice, needsStop {
            spec.stopPrice = try Self.level(stop, field: "stop_price", tick: tick, rounding: .plain)
        }
        switch trail {
        case .amount(let amount)? where amount <= 0: throw .notPositive("trail_amount", amount)
        case .percent(let percent)? where percent <= 0 || percent >= 100: throw .percentOutOfRange(percent)
        default: break
        }
        if let expireAt, expireAt <= now { throw .expired(expireAt) }
        return spec
    }

    private static func level(
        _ price: Decimal,
        field: String,
        tick: Decimal,
        rounding: NSDecimalNumber.RoundingMode
    ) throws(OrderSpecError) -> Decimal {
        guard price > 0 else { throw .notPositive(field, price) }
        let onGrid = price.rounded(toMultipleOf: tick, rounding)
        guard onGrid >= tick else { throw .belowTick(field, price, tick: tick) }
        return onGrid
    }

    /// The price an order of this spec placed at `price` waits for; nil for a market order, which does not wait.
    public func restingPrice(placedAt price: Decimal) -> RestingPrice? {
        switch type {
        case .market: nil
        case .limit: limitPrice.map(RestingPrice.limit)
        case .stop: stopPrice.map(RestingPrice.stop)
        case .stopLimit: stopPrice.flatMap { stop in limitPrice.map { .stopLimit(stop: stop, limit: $0, triggered: false) } }
        case .trailingStop: trail.map { .trailingStop($0, best: price) }
        }
    }
}

/// Why an order's type and levels cannot be taken: a 400 naming the field.
public enum OrderSpecError: CodedError, Equatable {
    case missing(String, OrderType)
    case notPositive(String, Decimal)
    case belowTick(String, Decimal, tick: Decimal)
    case percentOutOfRange(Decimal)
    case expired(Date)
    /// A signal that would need two orders (a reverse, a target crossing zero) cannot rest as one.
    case severalLegs(OrderType)

    public var code: String { "invalid_field" }
    public var kind: ErrorKind { .invalidRequest }

    /// The field at fault.
    public var field: String {
        switch self {
        case .missing(let field, _), .notPositive(let field, _), .belowTick(let field, _, _): field
        case .percentOutOfRange: "trail_percent"
        case .expired: "expire_at"
        case .severalLegs: "order_type"
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .missing(let field, let type):
            LocalizedMessage(
                english: "Invalid field '\(field)': a \(type.rawValue) order needs one",
                chinese: "字段 '\(field)' 无效: \(type.rawValue) 订单必须提供"
            )
        case .notPositive(let field, let value):
            LocalizedMessage(
                english: "Invalid field '\(field)': must be greater than 0, got \(value)",
                chinese: "字段 '\(field)' 无效: 必须大于 0, 收到 \(value)"
            )
        case .belowTick(let field, let value, let tick):
            LocalizedMessage(
                english: "Invalid field '\(field)': \(value) is below one price tick (\(tick))",
                chinese: "字段 '\(field)' 无效: \(value) 低于一个最小价位 (\(tick))"
            )
        case .percentOutOfRange(let percent):
            LocalizedMessage(
                english: "Invalid field 'trail_percent': must be greater than 0 and less than 100, got \(percent)",
                chinese: "字段 'trail_percent' 无效: 必须大于 0 且小于 100, 收到 \(percent)"
            )
        case .expired(let time):
            LocalizedMessage(
                english: "Invalid field 'expire_at': \(Self.text(time)) has passed",
                chinese: "字段 'expire_at' 无效: \(Self.text(time)) 已过"
            )
        case .severalLegs(let type):
            LocalizedMessage(
                english: "Invalid field 'order_type': a \(type.rawValue) order is one buy or sell, and this signal would close the position and open "
                    + "the other way; send it as a market order, or as an exit and a new order",
                chinese: "字段 'order_type' 无效: \(type.rawValue) 订单只能是一笔买入或卖出, 而该信号需先平仓再反向开仓; 请用市价单, 或分为平仓与新订单两个信号"
            )
        }
    }

    private static func text(_ time: Date) -> String {
        time.formatted(.iso8601)
    }

    /// The error as named text, which `init(parameters:)` makes again: the field's figures for a stored rejection.
    public var parameters: [String: String] {
        switch self {
        case .missing(let field, let type): ["error": "missing", "field": field, "type": type.rawValue]
        case .notPositive(let field, let value): ["error": "not_positive", "field": field, "value": value.plainText]
        case .belowTick(let field, let value, let tick): ["error": "below_tick", "field": field, "value": value.plainText, "tick": tick.plainText]
        case .percentOutOfRange(let percent): ["error": "percent_out_of_range", "value": percent.plainText]
        case .expired(let time): ["error": "expired", "time": String(time.timeIntervalSince1970)]
        case .severalLegs(let type): ["error": "several_legs", "type": type.rawValue]
        }
    }

    /// The error `parameters` names; nil when they name none this version knows.
    public init?(parameters: [String: String]) {
        let (field, type) = (parameters["field"], parameters["type"].flatMap(OrderType.init(rawValue:)))
        let (value, tick) = (parameters["value"].flatMap { Decimal(exactly: $0) }, parameters["tick"].flatMap { Decimal(exactly: $0) })
        switch parameters["error"] {
        case "missing":
            guard let field, let type else { return nil }
            self = .missing(field, type)
        case "not_positive":
            guard let field, let value else { return nil }
            self = .notPositive(field, value)
        case "below_tick":
            guard let field, let value, let tick else { return nil }
            self = .belowTick(field, value, tick: tick)
        case "percent_out_of_range":
            guard let value else { return nil }
            self = .percentOutOfRange(value)
        case "expired":
            guard let seconds = parameters["time"].flatMap(Double.init) else { return nil }
            self = .expired(Date(timeIntervalSince1970: seconds))
        case "several_legs":
            guard let type else { return nil }
            self = .severalLegs(type)
        default: return nil
        }
    }
}
