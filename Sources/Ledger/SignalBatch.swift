import Core
import Foundation

/// Signals executed together in one transaction of a shared database, on the accounts as that transaction locked
/// them: the same trading as a single server's account book, with nothing kept between transactions.
public struct SignalBatch: Sendable {
    public var engine: Engine
    public var signals: [PendingSignal]

    /// The accounts the signals trade, sorted: every transaction locks them in this order, so none waits on another
    /// that waits on it.
    public var accounts: [String] { Set(signals.map(\.account)).sorted() }

    /// The keys the signals claim, by account.
    public var claims: [(account: String, key: String)] {
        signals.compactMap { pending in pending.claim.map { (pending.account, $0.key) } }
    }

    /// Executes the signals in order on `state`, numbering orders with `orderIDs` (counting from 1 when nil), and
    /// returns what each came to with the writes that record them, and how many orders were numbered.
    ///
    /// The same state gives the same result: a storage runs a batch once to count its orders, reserves that many
    /// ids from its sequence, and runs it again with them.
    public func run(on state: CommittedState, orderIDs: [Int64]? = nil) -> (outcomes: [SignalOutcome], writes: [ExecutionWrite], orders: Int) {
        var book = AccountBook(engine: engine, nextOrderID: 1, lastPrices: state.lastPrices)
        book.reservedOrderIDs = orderIDs ?? []
        for account in state.accounts.values { book.insert(account) }
        var records = state.records
        var outcomes: [SignalOutcome] = []
        var writes: [ExecutionWrite] = []
        var numbered = 0
        for pending in signals {
            let scope = pending.claim.map { IdempotencyScope(account: pending.account, key: $0.key) }
            if let claim = pending.claim, let scope, let record = records[scope] {
                do {
                    if try claim.holds(record, at: pending.time) {
                        outcomes.append(.replayed(record))
                        continue
                    }
                } catch {
                    outcomes.append(.conflicting(record))
                    continue
                }
            }
            guard let (execution, write, _) = book.execute(pending) else {
                outcomes.append(.refused(.unknownAccount(name: pending.account)))
                continue
            }
            if let scope, let record = write.idempotency { records[scope] = record }
            numbered += execution.orders.count
            outcomes.append(.executed(execution, write.idempotency))
            writes.append(write)
        }
        return (outcomes, writes, numbered)
    }
}

/// What a shared database's transaction read under its locks for a batch: the batch's accounts, every last price,
/// and the records of the keys the batch claims.
public struct CommittedState: Sendable {
    public var accounts: [String: Account]
    public var lastPrices: [String: Decimal]
    var records: [IdempotencyScope: IdempotencyRecord]

    public init(accounts: [Account], lastPrices: [String: Decimal], records: [IdempotencyRecord]) {
        self.accounts = Dictionary(accounts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.lastPrices = lastPrices
        self.records = Dictionary(
            records.map { (IdempotencyScope(account: $0.account, key: $0.key), $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }
}
