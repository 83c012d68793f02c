import Foundation

/// An account's cash and equity (cash plus positions at their last prices) at one moment: its creation or a fill.
public struct EquityPoint: Sendable, Equatable {
    public var time: Date
    /// The fill that made the point; nil for the account's creation.
    public var orderID: Int64?
    public var cash: Decimal
    public var equity: Decimal

    public init(time: Date, orderID: Int64?, cash: Decimal, equity: Decimal) {
        self.time = time
        self.orderID = orderID
        self.cash = cash
        self.equity = equity
    }
}
