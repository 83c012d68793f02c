import Foundation

/// How one market trades: its price tick, quantity step and minimum, contract multiplier, slippage and fees.
///
/// The defaults are the seed's: a 0.01 tick, fractional quantities, 5 basis points of slippage and a 0.1 % commission.
public struct Instrument: Sendable, Equatable {
    /// Execution prices are multiples of this tick; a requested price below one tick is refused.
    public var priceTick = Decimal(1, scale: 2)
    /// Filled quantities are multiples of this step, rounded toward zero.
    public var quantityStep = Decimal(1, scale: 8)
    /// The smallest quantity an order may fill; zero means one step.
    public var minimumQuantity: Decimal = 0
    /// Units of the underlying per unit traded: value = quantity × price × multiplier.
    public var multiplier: Decimal = 1
    /// How far the execution price moves against the trader.
    public var slippage = Slippage.basisPoints(5)
    public var fees = Fees()

    public init() {}
}

/// Price slippage against the trader.
public enum Slippage: Sendable, Equatable {
    /// A share of the requested price, in basis points (5 is 0.05 %).
    case basisPoints(Decimal)
    /// A number of price ticks.
    case ticks(Decimal)
}

/// What one order pays besides its value.
public struct Fees: Sendable, Equatable {
    /// Commission as a fraction of the traded value (0.001 is 0.1 %).
    public var rate = Decimal(1, scale: 3)
    /// The least commission charged for one order.
    public var minimum: Decimal = 0
    /// Commission per unit traded, added to the rate's.
    public var perUnit: Decimal = 0
    /// A tax on the value of sells only, such as stamp duty (0.0005 is 0.05 %).
    public var sellTaxRate: Decimal = 0

    public init() {}
}
