import Core

/// What one signal did on an account: its orders (one per leg, all filled or all rejected), or why nothing was done.
public struct Execution: Sendable, Equatable {
    /// The recorded orders, in the order their legs executed; empty when there was nothing to do.
    public var orders: [Order]
    /// Why the signal was refused; nil when its orders filled or none was needed.
    public var refusal: Refusal?
    /// Why nothing was done, when no order was needed: already at the target, nothing to exit.
    public var noAction: LocalizedMessage?
    /// The adapter that normalized the payload.
    public var adapter: String?
    /// The order the signal placed to wait for its price (a limit, stop or trailing stop), as placed; `orders` are
    /// then what of it filled at once.
    public var working: WorkingOrder?

    public init(
        orders: [Order],
        refusal: Refusal? = nil,
        noAction: LocalizedMessage? = nil,
        adapter: String? = nil,
        working: WorkingOrder? = nil
    ) {
        self.orders = orders
        self.refusal = refusal
        self.noAction = noAction
        self.adapter = adapter
        self.working = working
    }

    /// The execution an idempotency record remembers, with its orders read back.
    public init(_ record: IdempotencyRecord, orders: [Order]) {
        self.init(orders: orders, refusal: record.refusal, noAction: record.noAction, adapter: record.adapter)
    }

    /// Whether cash and positions moved.
    public var filled: Bool { refusal == nil && !orders.isEmpty }

    /// Whether the account changed: something filled, or an order now holds cash back or waits.
    public var changesAccount: Bool { filled || (refusal == nil && working != nil) }
}
