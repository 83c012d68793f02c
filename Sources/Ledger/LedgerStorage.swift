import Core
import Foundation

/// Where a ledger keeps its state of record: accounts, orders, idempotency keys, the delivery log and equity history.
///
/// The ledger hands the storage batches of writes; a batch commits whole or not at all, and reads see committed
/// state only. Over a storage that is its own (SQLite, held by one server through the data-directory lock), the
/// ledger trades in memory: it keeps accounts, last prices and the next order id there. A storage several servers
/// share is a `SharedLedgerStorage`, which trades in its own transactions instead.
public protocol LedgerStorage: Sendable {
    /// Makes the storage ready and returns what the ledger starts from: `defaultAccount` is created when missing,
    /// idempotency keys created before `idempotencyCutoff` and deliveries before `deliveryCutoff` are removed.
    func prepare(defaultAccount: Account, createdAt: Date, idempotencyCutoff: Date, deliveryCutoff: Date) async throws -> LedgerState

    /// The account as committed, nil when there is none of that name.
    func account(named name: String) async throws -> Account?

    /// Applies `writes` in one transaction, in order: all of them or, when it throws, none.
    func commit(_ writes: [LedgerWrite]) async throws

    /// The record of idempotency key `key` on `account`, or else one recorded before keys were scoped to accounts;
    /// nil when the key is unknown. Runs on the caller's executor: the ledger asks for every new key, and a local
    /// read needs no hop off the ledger and back.
    nonisolated(nonsending) func idempotencyRecord(account: String, key: String) async throws -> IdempotencyRecord?

    /// The orders with these ids, in the order given; an id with no order is left out.
    func orders(ids: [Int64]) async throws -> [Order]

    /// The newest orders first, optionally for one account, symbol and status.
    func orders(account: String?, symbol: String?, status: OrderStatus?, limit: Int) async throws -> [Order]

    /// Working orders of one status, newest first, optionally for one account and symbol.
    func workingOrders(status: OrderStatus, account: String?, symbol: String?, limit: Int) async throws -> [WorkingOrder]

    /// The working order with this id, nil when there is none.
    func workingOrder(id: Int64) async throws -> WorkingOrder?

    /// Every account's committed statement, by name.
    func statements() async throws -> [AccountStatement]

    /// One account's committed statement, nil when there is no such account.
    func statement(account name: String) async throws -> AccountStatement?

    /// One account's equity over time, oldest first: the latest `limit` points.
    func equityHistory(account name: String, limit: Int) async throws -> [EquityPoint]

    /// The newest deliveries first.
    func deliveries(limit: Int) async throws -> [Delivery]
}

/// What a ledger starts from: the next order id, the last prices (and when the market made them), the orders
/// working, and the current account, when one was chosen.
public struct LedgerState: Sendable {
    public var nextOrderID: Int64
    public var lastPrices: [String: Decimal]
    public var lastPriceTimes: [String: Date]
    public var working: [WorkingOrder]
    public var currentAccount: String?

    public init(
        nextOrderID: Int64,
        lastPrices: [String: Decimal],
        lastPriceTimes: [String: Date] = [:],
        working: [WorkingOrder] = [],
        currentAccount: String? = nil
    ) {
        self.nextOrderID = nextOrderID
        self.lastPrices = lastPrices
        self.lastPriceTimes = lastPriceTimes
        self.working = working
        self.currentAccount = currentAccount
    }
}
