import Foundation

/// Why the engine refused a signal. A rejected signal changes nothing.
public enum TradeRejection: CodedError, Equatable {
    /// The buy costs more than the account's cash.
    case insufficientFunds(needed: Decimal, available: Decimal)
    /// The sell is larger than the position and short selling is off.
    case insufficientPosition(symbol: String, needed: Decimal, held: Decimal)
    /// A target or reverse that crosses zero: its first leg sells the `closed` units held, and its second would
    /// open a short of `opening`, which needs short selling.
    case shortSellingOff(symbol: String, opening: Decimal, closed: Decimal)
    /// The fill rate, quantity step and minimum leave nothing to fill.
    case nothingFilled(requested: Decimal, step: Decimal, minimum: Decimal)
    /// The requested price is below the instrument's price tick.
    case priceBelowTick(price: Decimal, tick: Decimal)
    /// The filled quantity is worth less than one money tick.
    case valueRoundsToZero(quantity: Decimal, price: Decimal)
    /// The order's value is beyond what an account can hold.
    case amountTooLarge(value: Decimal)
    /// The sizing does not apply to the intent, such as a target in percent of the position.
    case invalidSizing(Sizing, intent: String)
    /// The order's type, levels or time in force cannot be taken.
    case invalidOrder(OrderSpecError)

    public var code: String {
        switch self {
        case .insufficientFunds: "insufficient_funds"
        case .insufficientPosition, .shortSellingOff: "insufficient_position"
        case .nothingFilled, .valueRoundsToZero: "nothing_filled"
        case .priceBelowTick: "invalid_field"
        case .amountTooLarge: "amount_too_large"
        case .invalidSizing, .invalidOrder: "invalid_field"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .priceBelowTick, .invalidSizing, .invalidOrder: .invalidRequest
        case .insufficientFunds, .insufficientPosition, .shortSellingOff, .nothingFilled, .valueRoundsToZero, .amountTooLarge: .tradeRefused
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .insufficientFunds(let needed, let available):
            LocalizedMessage(
                english: "Insufficient funds: need \(needed.description), available \(available.description)",
                chinese: "资金不足: 需要 \(needed.description), 可用 \(available.description)"
            )
        case .insufficientPosition(let symbol, let needed, let held):
            LocalizedMessage(
                english: "Insufficient position in \(symbol): selling \(needed.description), held \(held.description)",
                chinese: "持仓不足: \(symbol) 卖出 \(needed.description), 持有 \(held.description)"
            )
        case .shortSellingOff(let symbol, let opening, let closed):
            LocalizedMessage(
                english: "Opening a short of \(opening.description) in \(symbol), after selling the \(closed.description) held, "
                    + "needs short selling, which this account does not allow",
                chinese: "卖出持有的 \(closed.description) 后开空 \(symbol) \(opening.description) 需要允许卖空, 本账户不允许"
            )
        case .nothingFilled(let requested, let step, let minimum):
            LocalizedMessage(
                english: "Nothing would fill: quantity \(requested.description) rounds to less than the smallest fill "
                    + "(step \(step.description)\(minimum > 0 ? ", minimum \(minimum.description)" : ""), after the fill rate)",
                chinese:
                    "无法成交: 数量 \(requested.description) 取整后低于最小成交量 (步长 \(step.description)\(minimum > 0 ? ", 最小 \(minimum.description)" : ""), 已计成交率)"
            )
        case .priceBelowTick(let price, let tick):
            LocalizedMessage(
                english: "Invalid field 'price': \(price.description) is below one price tick (\(tick.description))",
                chinese: "字段 'price' 无效: \(price.description) 低于一个最小价位 (\(tick.description))"
            )
        case .valueRoundsToZero(let quantity, let price):
            LocalizedMessage(
                english: "Nothing would fill: \(quantity.description) at \(price.description) is worth less than 0.01",
                chinese: "无法成交: \(quantity.description) 按 \(price.description) 计价不足 0.01"
            )
        case .invalidSizing(let sizing, let intent):
            LocalizedMessage(
                english: "Invalid field 'sizing': \(sizing.rawValue) does not apply to a \(intent)",
                chinese: "字段 'sizing' 无效: \(sizing.rawValue) 不适用于 \(intent)"
            )
        case .invalidOrder(let error): error.message
        case .amountTooLarge(let value):
            LocalizedMessage(
                english: "The order would make an amount of \(value.description), beyond 1e15, the most an account can hold",
                chinese: "订单将产生金额 \(value.description), 超过账户上限 1e15"
            )
        }
    }
}

/// A plan refused at one of its legs: the leg's number, from 1, and why.
public struct LegRejection: Error, Equatable {
    public var leg: Int
    public var rejection: TradeRejection

    public init(leg: Int, rejection: TradeRejection) {
        self.leg = leg
        self.rejection = rejection
    }
}
