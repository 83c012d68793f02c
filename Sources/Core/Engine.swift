import Foundation

/// Executes signals against accounts with one execution model. Pure: no I/O, no clock.
public struct Engine: Sendable {
    public var model: ExecutionModel

    public init(model: ExecutionModel = ExecutionModel()) {
        self.model = model
    }

    /// The fill `signal` would get on `account`, or why it would be rejected; changes nothing.
    public func quote(_ signal: Signal, on account: Account) throws(TradeRejection) -> Fill {
        let open = account.position(signal.symbol)
        let fill = try model.fill(for: signal, multiplier: open.quantity == 0 ? nil : open.multiplier)
        // Cash never goes below zero: not by a buy, nor by a sell whose minimum fee exceeds its value.
        guard account.cash + fill.cashChange >= 0 else {
            throw .insufficientFunds(needed: -fill.cashChange, available: account.cash)
        }
        guard account.cash + fill.cashChange <= Limits.maximumAmount else { throw .amountTooLarge(value: account.cash + fill.cashChange) }
        switch signal.side {
        case .buy: break
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
        if position.quantity == 0 { position.multiplier = fill.multiplier }
        position.apply(fill, moneyTick: model.moneyTick)
        account.cash += fill.cashChange
        account.positions[signal.symbol] = position.quantity == 0 && position.realizedPnL == 0 ? nil : position
        return fill
    }
}
