import Decimals
import Foundation

/// How paper orders fill: each symbol's instrument (tick, step, multiplier, slippage, fees), the fill rate and money rounding.
///
/// The defaults reproduce the seed example: buy 100 @ 185.50 fills at 185.59,
/// value 18559, commission 18.56, total cost 18577.56.
///
/// Rounding never makes money: prices round to the nearest tick (so a buy never fills below a sell at the same
/// requested price), quantities toward zero, a value up for a buy and down for a sell, and commission and tax up,
/// so that no way of splitting or joining orders gains a cent.
public struct ExecutionModel: Sendable, Equatable {
    public var instruments = InstrumentTable()
    /// The share of the requested quantity that fills, in (0, 1].
    public var fillRate: Decimal = 1
    /// Money amounts (value, commission, tax) are multiples of this tick.
    public var moneyTick = Decimal(1, scale: 2)

    public init() {}

    /// The fill this model gives a signal, before any account checks.
    ///
    /// `multiplier` is an open position's own, which its trades keep; nil for the instrument's.
    /// - throws: `TradeRejection` when the price is below one tick, nothing would fill, or the value is out of bounds.
    public func fill(for signal: Signal, multiplier: Decimal? = nil) throws(TradeRejection) -> Fill {
        var instrument = instruments.instrument(for: signal.symbol)
        if let multiplier { instrument.multiplier = multiplier }
        // The arithmetic runs on FastDecimal: Decimal's exact results, on integers.
        let (price, quantity, tick) = (FastDecimal(signal.price), FastDecimal(signal.quantity), FastDecimal(instrument.priceTick))
        guard price >= tick else { throw .priceBelowTick(price: signal.price, tick: instrument.priceTick) }
        let (multiplier, moneyTick, fees) = (FastDecimal(instrument.multiplier), FastDecimal(self.moneyTick), instrument.fees)
        let direction: FastDecimal = signal.side == .buy ? 1 : -1
        let slipped =
            switch instrument.slippage {
            case .basisPoints(let points): price * (1 + direction * FastDecimal(points) * Self.basisPoint)
            case .ticks(let ticks): price + direction * FastDecimal(ticks) * tick
            }
        // A price never reaches zero: a sell that would slip below one tick fills at one tick.
        let executionPrice = Swift.max(slipped.rounded(toMultipleOf: tick), tick)
        let filledQuantity = (quantity * FastDecimal(fillRate)).rounded(toMultipleOf: FastDecimal(instrument.quantityStep), .down)
        guard filledQuantity > 0, filledQuantity >= FastDecimal(instrument.minimumQuantity) else {
            throw .nothingFilled(requested: signal.quantity, step: instrument.quantityStep, minimum: instrument.minimumQuantity)
        }
        guard executionPrice <= FastDecimal(Limits.maximumAmount) else { throw .amountTooLarge(value: executionPrice.decimal) }
        let exactValue = executionPrice * filledQuantity * multiplier
        // Less than a cent is neither charged as a cent nor given away: both sides are refused alike.
        guard exactValue >= moneyTick else { throw .valueRoundsToZero(quantity: filledQuantity.decimal, price: executionPrice.decimal) }
        let value = exactValue.rounded(toMultipleOf: moneyTick, signal.side == .buy ? .up : .down)
        guard value <= FastDecimal(Limits.maximumAmount) else { throw .amountTooLarge(value: value.decimal) }
        let commission = Swift.max(
            FastDecimal(fees.minimum),
            value * FastDecimal(fees.rate) + filledQuantity * FastDecimal(fees.perUnit)
        ).rounded(toMultipleOf: moneyTick, .up)
        let tax = signal.side == .sell ? (value * FastDecimal(fees.sellTaxRate)).rounded(toMultipleOf: moneyTick, .up) : 0
        return Fill(
            side: signal.side,
            requestedQuantity: signal.quantity,
            filledQuantity: filledQuantity.decimal,
            requestedPrice: signal.price,
            executionPrice: executionPrice.decimal,
            value: value.decimal,
            slippage: (executionPrice - price).magnitude.decimal,
            commission: commission.decimal,
            tax: tax.decimal,
            fillRate: fillRate,
            multiplier: instrument.multiplier
        )
    }

    private static let basisPoint = FastDecimal(Decimal(1, scale: 4))
}
