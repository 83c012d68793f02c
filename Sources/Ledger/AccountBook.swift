import Core
import Foundation

/// The accounts in memory and the engine that trades them: what a signal does to an account, and the write that
/// records it. No storage and no waiting: the ledger loads accounts into the book and commits what it returns.
struct AccountBook: Sendable {
    var engine: Engine
    /// The accounts loaded so far, as the writer sees them.
    private(set) var accounts: [String: Account] = [:]
    /// The last price of every symbol traded, to value positions the way execution does.
    private(set) var lastPrices: [String: Decimal]
    /// The last prices as committed, brought back when a commit fails.
    private var committedLastPrices: [String: Decimal]
    /// The id the next order gets.
    private(set) var nextOrderID: Int64
    /// Ids a shared database reserved for this book's orders, used before counting from `nextOrderID`.
    var reservedOrderIDs: [Int64] = []

    init(engine: Engine, nextOrderID: Int64, lastPrices: [String: Decimal]) {
        self.engine = engine
        self.nextOrderID = nextOrderID
        self.lastPrices = lastPrices
        self.committedLastPrices = lastPrices
    }

    /// Adds a loaded or new account; an account already in the book stays as it is.
    mutating func insert(_ account: Account) {
        if accounts[account.name] == nil { accounts[account.name] = account }
    }

    /// Removes an account the book was given but storage never kept.
    mutating func remove(account name: String) {
        accounts[name] = nil
    }

    /// Executes `signal` on the loaded account `name`, numbering an order for each leg (or one for a signal refused
    /// whole), and returns what happened with the write that records it. Nil when the account is not loaded.
    mutating func execute(
        _ signal: Signal,
        account name: String,
        time: Date,
        source: String,
        adapter: String?,
        idempotency claim: IdempotencyClaim? = nil
    ) -> (execution: Execution, write: ExecutionWrite)? {
        guard var account = accounts[name] else { return nil }
        let execution = run(signal, on: &account, time: time, source: source, adapter: adapter)
        let filled = execution.filled
        if filled {
            accounts[name] = account
            lastPrices[signal.symbol] = signal.price
        }
        let write = ExecutionWrite(
            orders: execution.orders,
            account: name,
            time: time,
            cash: account.cash,
            position: filled ? account.position(signal.symbol) : nil,
            lastPrice: filled ? signal.price : nil,
            equity: filled ? AccountStatement(account: account, lastPrices: lastPrices).equity : nil,
            idempotency: claim.map { IdempotencyRecord($0, account: name, execution: execution, createdAt: time) }
        )
        return (execution, write)
    }

    /// Executes a pending signal on its loaded account; nil when the account is not loaded.
    mutating func execute(_ pending: PendingSignal) -> (execution: Execution, write: ExecutionWrite)? {
        execute(
            pending.signal,
            account: pending.account,
            time: pending.time,
            source: pending.source,
            adapter: pending.adapter,
            idempotency: pending.claim
        )
    }

    /// Plans and executes `signal` on `account`: an order per leg, all filled or all refused.
    private mutating func run(_ signal: Signal, on account: inout Account, time: Date, source: String, adapter: String?) -> Execution {
        func order(_ leg: Signal, _ outcome: Result<Fill, OrderRejection>) -> Order {
            Order(id: takeOrderID(), account: account.name, signal: leg, outcome: outcome, time: time, source: source, adapter: adapter)
        }
        let plan: Plan
        do {
            plan = try engine.plan(signal, on: account, marks: lastPrices)
        } catch {
            return Execution(orders: [order(signal, .failure(.refused(error)))], refusal: Refusal(error), adapter: adapter)
        }
        do {
            let fills = try engine.executeLegs(plan, on: &account)
            return Execution(orders: zip(plan.legs, fills).map { order($0, .success($1)) }, noAction: plan.noAction, adapter: adapter)
        } catch {
            // Each leg says its own reason: the refused one why, the others that it was.
            let orders = plan.legs.enumerated().map { index, leg in
                order(leg, .failure(index + 1 == error.leg ? .refused(error.rejection) : .otherLegRefused(leg: error.leg, error.rejection)))
            }
            return Execution(orders: orders, refusal: Refusal(error.rejection), adapter: adapter)
        }
    }

    private mutating func takeOrderID() -> Int64 {
        if !reservedOrderIDs.isEmpty { return reservedOrderIDs.removeFirst() }
        defer { nextOrderID += 1 }
        return nextOrderID
    }

    /// Records that `writes` committed: their last prices are now the ones to come back to.
    mutating func markCommitted(_ writes: [LedgerWrite]) {
        for case .execution(let write) in writes {
            if let price = write.lastPrice, let symbol = write.position?.symbol { committedLastPrices[symbol] = price }
        }
    }

    /// Forgets every account and uncommitted price after a failed commit: what storage holds is loaded again.
    mutating func rollBack() {
        accounts.removeAll()
        lastPrices = committedLastPrices
    }
}
