import Decimals
import Foundation

/// Holdings of one symbol in one account.
///
/// `costBasis` is the signed money paid for the open quantity, commissions included: positive for a
/// long position, negative (money received) for a short one. So `cash + Σ costBasis − Σ realizedPnL`
/// never changes, whatever trades happen.
public struct Position: Sendable, Equatable {
    public var symbol: String
    /// Signed quantity: negative when short.
    public var quantity: Decimal
    public var costBasis: Decimal
    public var realizedPnL: Decimal
    /// The contract multiplier the position was opened with: its value is quantity × price × multiplier.
    public var multiplier: Decimal

    public init(symbol: String, quantity: Decimal = 0, costBasis: Decimal = 0, realizedPnL: Decimal = 0, multiplier: Decimal = 1) {
        self.symbol = symbol
        self.quantity = quantity
        self.costBasis = costBasis
        self.realizedPnL = realizedPnL
        self.multiplier = multiplier
    }

    /// Cost per unit of the open quantity (per contract unit of price), commissions included; zero when flat.
    public var averageCost: Decimal {
        quantity == 0 ? 0 : abs(costBasis / (quantity * multiplier)).rounded(toMultipleOf: Decimal(1, scale: 6))
    }

    /// Market value of the open quantity at `price`.
    public func marketValue(at price: Decimal) -> Decimal { marketValue(at: FastDecimal(price)).decimal }

    func marketValue(at price: FastDecimal) -> FastDecimal { FastDecimal(quantity) * price * FastDecimal(multiplier) }

    /// Profit or loss of the open quantity if it were valued at `price`.
    public func unrealizedPnL(at price: Decimal) -> Decimal { marketValue(at: price) - costBasis }

    /// Applies a fill: adds to the position, or closes part of it (realizing P&L) and opens the rest the other way.
    public mutating func apply(_ fill: Fill, moneyTick: Decimal) {
        let filled = FastDecimal(fill.filledQuantity)
        let tradeQuantity = fill.side == .buy ? filled : -filled
        let paid = -FastDecimal(fill.cashChange)
        guard tradeQuantity != 0 else { return }
        // The arithmetic runs on FastDecimal: Decimal's exact results, on integers.
        var (quantity, costBasis) = (FastDecimal(self.quantity), FastDecimal(self.costBasis))
        defer { (self.quantity, self.costBasis) = (quantity.decimal, costBasis.decimal) }
        if quantity == 0 || (quantity > 0) == (tradeQuantity > 0) {
            quantity += tradeQuantity
            costBasis += paid
            return
        }
        let moneyTick = FastDecimal(moneyTick)
        let closing = Swift.min(tradeQuantity.magnitude, quantity.magnitude)
        let releasedBasis =
            closing == quantity.magnitude ? costBasis : (costBasis * closing).divided(by: quantity.magnitude, roundedToMultipleOf: moneyTick)
        let closingPaid =
            closing == tradeQuantity.magnitude ? paid : (paid * closing).divided(by: tradeQuantity.magnitude, roundedToMultipleOf: moneyTick)
        realizedPnL = (FastDecimal(realizedPnL) - (releasedBasis + closingPaid)).decimal
        costBasis += (paid - closingPaid) - releasedBasis
        quantity += tradeQuantity
    }
}
