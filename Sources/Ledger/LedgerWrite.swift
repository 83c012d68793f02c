import Core
import Foundation

/// One change a ledger commits.
public enum LedgerWrite: Sendable {
    /// A signal's orders with the account state they leave.
    case execution(ExecutionWrite)
    case delivery(Delivery)
    /// A new account, with the first point of its equity history: its starting cash.
    case account(Account, createdAt: Date)
    /// The account that signals naming none trade from now on.
    case currentAccount(String)
    /// A symbol's last price from a mark, and when the market made it.
    case lastPrice(symbol: String, price: Decimal, time: Date)
    case pruneIdempotency(before: Date)
    case pruneDeliveries(before: Date)
}

/// What one executed signal changes, committed together: its order rows (one per leg; none when there was nothing
/// to do), the account's cash and the traded position after them, the last price, an equity point after a fill, and
/// the idempotency key it answered.
public struct ExecutionWrite: Sendable, Equatable {
    public var orders: [Order]
    public var account: String
    public var time: Date
    public var cash: Decimal
    /// The traded position after a fill (quantity zero when closed); nil when nothing filled.
    public var position: Position?
    /// The traded symbol's price, recorded as its last when something filled.
    public var lastPrice: Decimal?
    /// The account's equity after a fill.
    public var equity: Decimal?
    public var idempotency: IdempotencyRecord?
    /// Working orders placed or changed: a trailing stop's best price, a fill, an end.
    public var working: [WorkingOrder] = []

    public init(
        orders: [Order],
        account: String,
        time: Date,
        cash: Decimal,
        position: Position? = nil,
        lastPrice: Decimal? = nil,
        equity: Decimal? = nil,
        idempotency: IdempotencyRecord? = nil,
        working: [WorkingOrder] = []
    ) {
        self.orders = orders
        self.account = account
        self.time = time
        self.cash = cash
        self.position = position
        self.lastPrice = lastPrice
        self.equity = equity
        self.idempotency = idempotency
        self.working = working
    }
}
