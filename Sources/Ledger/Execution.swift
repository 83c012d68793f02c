import Core

/// What one signal did on an account: its orders (one per leg, all filled or all rejected), or why nothing was done.
public struct Execution: Sendable {
    /// The recorded orders, in the order their legs executed; empty when there was nothing to do.
    public var orders: [Order]
    /// Each leg's fill, or why the signal was refused.
    public var outcome: Result<[Fill], TradeRejection>
    /// Why nothing was done, when no order was needed: already at the target, nothing to exit.
    public var noAction: LocalizedMessage?

    public init(orders: [Order], outcome: Result<[Fill], TradeRejection>, noAction: LocalizedMessage? = nil) {
        self.orders = orders
        self.outcome = outcome
        self.noAction = noAction
    }

    /// Whether cash and positions moved.
    public var filled: Bool {
        if case .success = outcome { !orders.isEmpty } else { false }
    }
}
