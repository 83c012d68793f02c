import Decimals
import Foundation

/// What a fill and a recorded order share: the side, value and costs the execution model gave them.
public protocol ExecutionCosts {
    var side: Side { get }
    var value: Decimal { get }
    /// The price difference per unit between requested and execution price.
    var slippage: Decimal { get }
    var commission: Decimal { get }
    /// A sell-only tax such as stamp duty; zero for buys.
    var tax: Decimal { get }
    /// The share of the requested quantity that filled.
    var fillRate: Decimal { get }
}

extension ExecutionCosts {
    /// The cash that moves: value plus costs for a buy, value minus costs for a sell (negative when costs exceed it);
    /// zero for a rejected order.
    public var totalCost: Decimal {
        let (value, commission, tax) = (FastDecimal(value), FastDecimal(commission), FastDecimal(tax))
        return (side == .buy ? value + commission + tax : value - commission - tax).decimal
    }
}
