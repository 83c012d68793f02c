/// Where an order stands: a recorded fill or refusal is filled, partially filled or rejected; an order waiting in
/// the market is working until it fills or ends.
public enum OrderStatus: String, Sendable, Equatable, CaseIterable {
    case working
    case filled
    case partiallyFilled = "partially_filled"
    case canceled
    case expired
    case rejected

    /// Whether the order can still fill.
    public var isWorking: Bool { self == .working }
}
