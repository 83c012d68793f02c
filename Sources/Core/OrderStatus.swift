/// Where an order ended.
public enum OrderStatus: String, Sendable, Equatable {
    case filled
    case partiallyFilled = "partially_filled"
    case rejected
}
