import Foundation

/// What the execution model makes of one signal: price, quantity and costs.
public struct Fill: ExecutionCosts, Sendable, Equatable {
    public var side: Side
    public var requestedQuantity: Decimal
    public var filledQuantity: Decimal
    public var requestedPrice: Decimal
    public var executionPrice: Decimal
    /// Execution price times filled quantity, rounded to the money tick.
    public var value: Decimal
    /// The price difference per unit between requested and execution price.
    public var slippage: Decimal
    public var commission: Decimal
    /// A sell-only tax such as stamp duty; zero for buys.
    public var tax: Decimal = 0
    public var fillRate: Decimal
    /// The instrument's contract multiplier: value = quantity × price × multiplier.
    public var multiplier: Decimal = 1

    /// The change in cash: negative for a buy, positive for a sell.
    public var cashChange: Decimal {
        side == .buy ? -totalCost : totalCost
    }

    /// Filled or partially filled.
    public var status: OrderStatus {
        filledQuantity < requestedQuantity ? .partiallyFilled : .filled
    }
}
