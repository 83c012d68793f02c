import Foundation

/// A normalized trading instruction, whatever payload format it arrived in.
public struct Signal: Sendable, Equatable {
    public var symbol: String
    public var side: Side
    public var quantity: Decimal
    public var price: Decimal
    /// The target account; nil means the default account.
    public var account: String?
    /// The sender's own identifier for this signal, used as an idempotency key.
    public var clientID: String?

    public init(symbol: String, side: Side, quantity: Decimal, price: Decimal, account: String? = nil, clientID: String? = nil) {
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.account = account
        self.clientID = clientID
    }
}
