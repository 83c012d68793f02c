import Foundation

/// Why the engine refused a signal. A rejected signal changes nothing.
public enum TradeRejection: CodedError, Equatable {
    /// The buy costs more than the account's cash.
    case insufficientFunds(needed: Decimal, available: Decimal)
    /// The sell is larger than the position and short selling is off.
    case insufficientPosition(symbol: String, needed: Decimal, held: Decimal)
    /// The fill rate and quantity step leave nothing to fill.
    case nothingFilled(requested: Decimal)

    public var code: String {
        switch self {
        case .insufficientFunds: "insufficient_funds"
        case .insufficientPosition: "insufficient_position"
        case .nothingFilled: "nothing_filled"
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
        case .nothingFilled(let requested):
            LocalizedMessage(
                english: "Nothing would fill: quantity \(requested.description) is below the fill rate's smallest fill",
                chinese: "无法成交: 数量 \(requested.description) 按成交率计算后为 0"
            )
        }
    }
}
