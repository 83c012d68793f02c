/// A field of the normalized signal that adapter rules fill in.
public enum TargetField: String, Sendable, CaseIterable, Hashable {
    case symbol, side, qty, price, account, id
    /// The webhook token carried in the body: checked, never stored, logged or echoed.
    case token

    /// Whether the engine cannot act without this field.
    public var isNeededByEngine: Bool {
        switch self {
        case .symbol, .side, .qty, .price: true
        case .account, .id, .token: false
        }
    }
}
