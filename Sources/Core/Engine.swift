import Foundation

/// Executes signals against accounts with one execution model. Pure: no I/O, no clock.
public struct Engine: Sendable {
    public var model: ExecutionModel

    public init(model: ExecutionModel = ExecutionModel()) {
        self.model = model
    }

    /// The fill `signal` would get on `account`, or why it would be rejected; changes nothing.
    public func quote(_ signal: Signal, on account: Account) throws(TradeRejection) -> Fill {
        let fill = model.fill(for: signal)
        guard fill.filledQuantity > 0 else { throw .nothingFilled(requested: signal.quantity) }
        switch signal.side {
        case .buy:
            guard fill.totalCost <= account.cash else {
                throw .insufficientFunds(needed: fill.totalCost, available: account.cash)
            }
        case .sell:
            let held = account.position(signal.symbol).quantity
            guard account.allowsShortSelling || fill.filledQuantity <= held else {
                throw .insufficientPosition(symbol: signal.symbol, needed: fill.filledQuantity, held: Swift.max(held, 0))
            }
        }
        return fill
    }

    /// Fills `signal` on `account`, moving cash and the position together; on rejection the account is untouched.
    @discardableResult
    public func execute(_ signal: Signal, on account: inout Account) throws(TradeRejection) -> Fill {
        let fill = try quote(signal, on: account)
        var position = account.position(signal.symbol)
        position.apply(fill, moneyTick: model.moneyTick)
        account.cash += fill.cashChange
        account.positions[signal.symbol] = position.quantity == 0 && position.realizedPnL == 0 ? nil : position
        return fill
    }
}
