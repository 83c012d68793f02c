import Foundation

/// How paper orders fill: slippage, commission, fill rate and rounding.
///
/// The defaults reproduce the seed example: buy 100 @ 185.50 fills at 185.59,
/// value 18559, commission 18.56, total cost 18577.56.
public struct ExecutionModel: Sendable, Equatable {
    /// Price slippage against the trader, in basis points of the requested price.
    public var slippageBasisPoints: Decimal = 5
    /// Commission as a fraction of the traded value (0.001 is 0.1 %).
    public var commissionRate = Decimal(1, scale: 3)
    /// The least commission charged for one order.
    public var minimumCommission: Decimal = 0
    /// The share of the requested quantity that fills, in (0, 1].
    public var fillRate: Decimal = 1
    /// Execution prices are rounded to the nearest multiple of this tick.
    public var priceTick = Decimal(1, scale: 2)
    /// Money amounts (value, commission) are rounded to the nearest multiple of this tick.
    public var moneyTick = Decimal(1, scale: 2)
    /// Filled quantities are rounded down to a multiple of this step.
    public var quantityStep = Decimal(1, scale: 8)

    public init() {}

    /// The fill this model gives a signal, before any account checks.
    public func fill(for signal: Signal) -> Fill {
        let direction: Decimal = signal.side == .buy ? 1 : -1
        let slippedPrice = signal.price * (1 + direction * slippageBasisPoints * Decimal(1, scale: 4))
        let executionPrice = slippedPrice.rounded(toMultipleOf: priceTick)
        let filledQuantity = (signal.quantity * fillRate).rounded(toMultipleOf: quantityStep, .down)
        let value = (executionPrice * filledQuantity).rounded(toMultipleOf: moneyTick)
        let commission = Swift.max(minimumCommission, value * commissionRate).rounded(toMultipleOf: moneyTick)
        return Fill(
            side: signal.side,
            requestedQuantity: signal.quantity,
            filledQuantity: filledQuantity,
            requestedPrice: signal.price,
            executionPrice: executionPrice,
            value: value,
            slippage: abs(executionPrice - signal.price),
            commission: commission,
            fillRate: fillRate
        )
    }
}
