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
    /// `multiplier` is an open position's own, which its trades keep; nil for the instrument's. `slipped` is false for
    /// a limit filled at its level or better, which the market gave at that price: it fills there, to the tick.
    /// - throws: `TradeRejection` when the price is below one tick, nothing would fill, or the value is out of bounds.
    public func fill(for signal: Signal, multiplier: Decimal? = nil, slipped: Bool = true) throws(TradeRejection) -> Fill {
        var instrument = instruments.instrument(for: signal.symbol)
        if let multiplier { instrument.multiplier = multiplier }
        // The arithmetic runs on FastDecimal: Decimal's exact results, on integers.
        let (price, quantity, tick) = (FastDecimal(signal.price), FastDecimal(signal.quantity), FastDecimal(instrument.priceTick))
        guard price >= tick else { throw .priceBelowTick(price: signal.price, tick: instrument.priceTick) }
        let (multiplier, moneyTick, fees) = (FastDecimal(instrument.multiplier), FastDecimal(self.moneyTick), instrument.fees)
        let executionPrice = slipped ? Self.executionPrice(price, side: signal.side, instrument: instrument) : price.rounded(toMultipleOf: tick)
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

    /// The price an order at `price` executes at: slipped against the trader, to the nearest tick, and never below
    /// one tick (a sell that would slip below it fills at one tick).
    private static func executionPrice(_ price: FastDecimal, side: Side, instrument: Instrument) -> FastDecimal {
        let tick = FastDecimal(instrument.priceTick)
        let direction: FastDecimal = side == .buy ? 1 : -1
        let slipped =
            switch instrument.slippage {
            case .basisPoints(let points): price * (1 + direction * FastDecimal(points) * basisPoint)
            case .ticks(let ticks): price + direction * FastDecimal(ticks) * tick
            }
        return Swift.max(slipped.rounded(toMultipleOf: tick), tick)
    }

    /// The most units of `symbol` an order at `price` may have so that its value, commission and tax come to at
    /// most `amount`, in multiples of the step (toward zero): what an amount of cash buys, slippage and fees included.
    public func units(costingAtMost amount: Decimal, of symbol: String, side: Side, at price: Decimal) -> Decimal {
        let instrument = instruments.instrument(for: symbol)
        let (fees, step) = (instrument.fees, instrument.quantityStep)
        guard amount > 0, price >= instrument.priceTick else { return 0 }
        let executionPrice = Self.executionPrice(FastDecimal(price), side: side, instrument: instrument).decimal
        let unitValue: Decimal = executionPrice * instrument.multiplier
        let tax: Decimal = side == .sell ? fees.sellTaxRate : 0
        // Commission is the larger of its rate's and its minimum: each bounds the quantity on its own.
        let costPerUnit: Decimal = unitValue * (1 + fees.rate + tax) + fees.perUnit
        let byRate: Decimal = amount / costPerUnit
        let byMinimum: Decimal = (amount - fees.minimum) / (unitValue * (1 + tax))
        let bound = Swift.max(Swift.min(byRate, byMinimum).rounded(toMultipleOf: step, .down), 0)
        // Money rounds up to the cent, so the bound may cost a little more than the amount: the most that fits lies
        // below it, found by pricing orders (the cost only grows with the quantity), in steps.
        func overspend(_ quantity: Decimal) -> Decimal? {
            (try? fill(for: Signal(symbol: symbol, side: side, quantity: quantity, price: price))).map { $0.value + $0.commission + $0.tax - amount }
        }
        guard bound > 0, let over = overspend(bound), over > 0 else { return bound }
        var (fits, tooMuch) = (Swift.max(bound - Swift.max((over / costPerUnit).rounded(toMultipleOf: step, .up), step), 0), bound)
        while fits > 0, let over = overspend(fits), over > 0 { (fits, tooMuch) = (Swift.max(fits - (tooMuch - fits), 0), fits) }
        while tooMuch - fits > step {
            let middle = (fits + (tooMuch - fits) / 2).rounded(toMultipleOf: step, .down)
            guard middle > fits, middle < tooMuch else { break }
            if let over = overspend(middle), over > 0 { tooMuch = middle } else { fits = middle }
        }
        return fits
    }

    private static let basisPoint = FastDecimal(Decimal(1, scale: 4))
}
