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
    /// What to do with the position: the seed's buy or sell delta unless the signal says otherwise.
    public var intent: Intent
    /// How `quantity` is measured; for a target it is the signed target, in units or cash.
    public var sizing: Sizing
    /// When the sender made the signal, if it says.
    public var time: Date?
    /// How the order waits for its price; a market order by default, filled at once at `price`.
    public var order: OrderSpec = .market
    /// Whether `price` is the market's price when the signal was sent. False when it is the order's own limit or
    /// stop (a limit order whose only price is its limit): an order's level is never taken for the market.
    public var priceIsMarket = true

    public init(
        symbol: String,
        side: Side,
        quantity: Decimal,
        price: Decimal,
        account: String? = nil,
        clientID: String? = nil,
        intent: Intent = .trade,
        sizing: Sizing = .units,
        time: Date? = nil,
        order: OrderSpec = .market,
        priceIsMarket: Bool = true
    ) {
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.account = account
        self.clientID = clientID
        self.intent = intent
        self.sizing = sizing
        self.time = time
        self.order = order
        self.priceIsMarket = priceIsMarket
    }

    /// This signal's symbol and price with another side and quantity in units: one order of a plan.
    func leg(_ side: Side, _ quantity: Decimal) -> Signal {
        Signal(symbol: symbol, side: side, quantity: quantity, price: price, account: account, clientID: clientID)
    }
}
