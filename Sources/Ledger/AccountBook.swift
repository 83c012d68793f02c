import Core
import Foundation

/// The accounts in memory and the engine that trades them: what a signal or a mark does to accounts and their working
/// orders, and the writes that record it. No storage and no waiting: the ledger loads accounts into the book and
/// commits what it returns.
struct AccountBook: Sendable {
    var engine: Engine
    /// The accounts loaded so far, as the writer sees them.
    private(set) var accounts: [String: Account] = [:]
    /// The last price of every symbol traded or marked, to value positions the way execution does.
    private(set) var lastPrices: [String: Decimal]
    /// When the market made each last price: a mark older than it changes nothing.
    private(set) var lastPriceTimes: [String: Date]
    /// The orders working, by symbol, as the writer sees them.
    private(set) var working: [String: [WorkingOrder]] = [:]
    /// The last prices and working orders as committed, brought back when a commit fails.
    private var committed: (prices: [String: Decimal], times: [String: Date], working: [String: [WorkingOrder]])
    /// The id the next order gets.
    private(set) var nextOrderID: Int64
    /// Ids a shared database reserved for this book's orders, used before counting from `nextOrderID`.
    var reservedOrderIDs: [Int64] = []

    init(
        engine: Engine,
        nextOrderID: Int64,
        lastPrices: [String: Decimal],
        lastPriceTimes: [String: Date] = [:],
        working orders: [WorkingOrder] = []
    ) {
        self.engine = engine
        self.nextOrderID = nextOrderID
        self.lastPrices = lastPrices
        self.lastPriceTimes = lastPriceTimes
        working = Dictionary(grouping: orders.filter(\.status.isWorking), by: \.symbol)
        committed = (lastPrices, lastPriceTimes, working)
    }

    /// The accounts whose orders work on `symbol`: the ones a mark of it needs loaded.
    func accountsWorking(on symbol: String) -> Set<String> {
        Set((working[symbol] ?? []).map(\.account))
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
    ///
    /// A signal taken whose price is the market's is a mark of its symbol at `time`: after the signal's own orders,
    /// it steps the symbol's other working orders, whose accounts must be loaded; `marked` records what that did.
    mutating func execute(
        _ signal: Signal,
        account name: String,
        time: Date,
        source: String,
        adapter: String?,
        idempotency claim: IdempotencyClaim? = nil
    ) -> (execution: Execution, write: ExecutionWrite, marked: [LedgerWrite])? {
        guard var account = accounts[name] else { return nil }
        let execution = run(signal, on: &account, time: time, source: source, adapter: adapter)
        let filled = execution.filled
        if execution.changesAccount { accounts[name] = account }
        let mark = Mark(symbol: signal.symbol, time: time, price: signal.price)
        let marks = execution.refusal == nil && signal.priceIsMarket && isNews(mark)
        if marks { take(mark) }
        var marked: [LedgerWrite] = []
        if marks {
            if !filled { marked.append(.lastPrice(symbol: mark.symbol, price: mark.close, time: mark.time)) }
            marked += step(through: mark).map(LedgerWrite.execution)
        }
        if let placed = execution.working, placed.status.isWorking { working[placed.symbol, default: []].append(placed) }
        let write = ExecutionWrite(
            orders: execution.orders,
            account: name,
            time: time,
            cash: account.cash,
            position: filled ? account.position(signal.symbol) : nil,
            lastPrice: marks && filled ? signal.price : nil,
            equity: filled ? AccountStatement(account: account, lastPrices: lastPrices).equity : nil,
            idempotency: claim.map { IdempotencyRecord($0, account: name, execution: execution, createdAt: time) },
            working: execution.working.map { [$0] } ?? []
        )
        return (execution, write, marked)
    }

    /// Steps the symbol's working orders through `mark`, whose accounts must be loaded, and takes its close as the
    /// symbol's last price: the writes that record it. Nil for a mark older than the symbol's latest, or the same
    /// again: it changes nothing.
    mutating func apply(_ mark: Mark) -> [LedgerWrite]? {
        guard isNews(mark) else { return nil }
        take(mark)
        return [.lastPrice(symbol: mark.symbol, price: mark.close, time: mark.time)] + step(through: mark).map(LedgerWrite.execution)
    }

    /// Whether `mark` tells something new: it is not older than its symbol's latest, nor the same again.
    private func isNews(_ mark: Mark) -> Bool {
        guard let latest = lastPriceTimes[mark.symbol] else { return true }
        return mark.time > latest || (mark.time == latest && lastPrices[mark.symbol] != mark.close)
    }

    /// Takes `mark`'s close as its symbol's last price.
    private mutating func take(_ mark: Mark) {
        lastPrices[mark.symbol] = mark.close
        lastPriceTimes[mark.symbol] = mark.time
    }

    /// Steps the symbol's working orders through `mark`: a write for each account whose orders it changed, with the
    /// orders its fills made.
    private mutating func step(through mark: Mark) -> [ExecutionWrite] {
        let orders = working[mark.symbol] ?? []
        guard !orders.isEmpty else { return [] }
        var touched = accounts.filter { name, _ in orders.contains { $0.account == name } }
        let events = engine.step(orders, through: mark, accounts: &touched)
        var byAccount: [String: [RestingEvent]] = [:]
        for event in events { byAccount[event.order.account, default: []].append(event) }
        var writes: [ExecutionWrite] = []
        for (name, events) in byAccount.sorted(by: { $0.key < $1.key }) {
            guard let account = touched[name] else { continue }
            accounts[name] = account
            let fills = events.compactMap { event in
                event.fill.map { fill in
                    Order(
                        id: takeOrderID(),
                        account: name,
                        signal: Signal(symbol: mark.symbol, side: fill.side, quantity: fill.requestedQuantity, price: fill.requestedPrice),
                        outcome: .success(fill),
                        time: mark.time,
                        source: event.order.source,
                        adapter: event.order.adapter,
                        workingOrder: event.order.id
                    )
                }
            }
            writes.append(
                ExecutionWrite(
                    orders: fills,
                    account: name,
                    time: mark.time,
                    cash: account.cash,
                    position: fills.isEmpty ? nil : account.position(mark.symbol),
                    equity: fills.isEmpty ? nil : AccountStatement(account: account, lastPrices: lastPrices).equity,
                    working: events.map(\.order)
                )
            )
        }
        let changed = Dictionary(events.map { ($0.order.id, $0.order) }, uniquingKeysWith: { _, last in last })
        working[mark.symbol] = orders.map { changed[$0.id] ?? $0 }.filter(\.status.isWorking)
        return writes
    }

    /// Cancels working orders of the loaded account `name` that `chosen` picks, giving back the cash they held: the
    /// orders as cancelled, and the write that records them. Nil when the account is not loaded.
    mutating func cancel(
        account name: String,
        at time: Date,
        where chosen: (WorkingOrder) -> Bool
    ) -> (canceled: [WorkingOrder], write: ExecutionWrite)? {
        guard var account = accounts[name] else { return nil }
        var canceled: [WorkingOrder] = []
        for symbol in working.keys.sorted() {
            working[symbol] = working[symbol]?.compactMap { order in
                guard order.account == name, chosen(order) else { return order }
                var order = order
                engine.end(&order, as: .canceled, on: &account, at: time)
                canceled.append(order)
                return nil
            }
        }
        accounts[name] = account
        return (canceled.sorted { $0.id < $1.id }, ExecutionWrite(orders: [], account: name, time: time, cash: account.cash, working: canceled))
    }

    /// The working order `id`, if it is working.
    func workingOrder(id: Int64) -> WorkingOrder? {
        working.values.lazy.flatMap { $0 }.first { $0.id == id }
    }

    /// Executes a pending signal on its loaded account; nil when the account is not loaded.
    mutating func execute(_ pending: PendingSignal) -> (execution: Execution, write: ExecutionWrite, marked: [LedgerWrite])? {
        execute(
            pending.signal,
            account: pending.account,
            time: pending.time,
            source: pending.source,
            adapter: pending.adapter,
            idempotency: pending.claim
        )
    }

    /// Plans and executes `signal` on `account`: an order per leg, all filled or all refused; or, for a limit, stop
    /// or trailing stop, the one order that fills as far as the market reaches it and waits for the rest.
    private mutating func run(_ signal: Signal, on account: inout Account, time: Date, source: String, adapter: String?) -> Execution {
        func order(_ leg: Signal, _ outcome: Result<Fill, OrderRejection>, id: Int64? = nil, working: Int64? = nil) -> Order {
            Order(
                id: id ?? takeOrderID(),
                account: account.name,
                signal: leg,
                outcome: outcome,
                time: time,
                source: source,
                adapter: adapter,
                workingOrder: working
            )
        }
        let plan: Plan
        do {
            plan = try engine.plan(signal, on: account, marks: lastPrices)
        } catch {
            return Execution(orders: [order(signal, .failure(.refused(error)))], refusal: Refusal(error), adapter: adapter)
        }
        if signal.order.type != .market, !plan.legs.isEmpty {
            let id = takeOrderID()
            do throws(TradeRejection) {
                let placed = try engine.placement(
                    of: signal,
                    plan: plan,
                    id: id,
                    on: &account,
                    marks: lastPrices,
                    time: time,
                    source: source,
                    adapter: adapter
                )
                let fills = placed?.fill.map { fill in
                    [
                        order(
                            Signal(symbol: signal.symbol, side: fill.side, quantity: fill.requestedQuantity, price: fill.requestedPrice),
                            .success(fill),
                            working: id
                        )
                    ]
                }
                return Execution(orders: fills ?? [], adapter: adapter, working: placed?.order)
            } catch {
                return Execution(orders: [order(plan.legs[0], .failure(.refused(error)), id: id)], refusal: Refusal(error), adapter: adapter)
            }
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

    /// Records that `writes` committed: their last prices and working orders are now the ones to come back to.
    mutating func markCommitted(_ writes: [LedgerWrite]) {
        for write in writes {
            switch write {
            case .execution(let write):
                if let price = write.lastPrice, let symbol = write.position?.symbol {
                    committed.prices[symbol] = price
                    committed.times[symbol] = max(committed.times[symbol] ?? .distantPast, write.time)
                }
                for order in write.working {
                    var orders = committed.working[order.symbol, default: []]
                    orders.removeAll { $0.id == order.id }
                    if order.status.isWorking { orders.append(order) }
                    committed.working[order.symbol] = orders
                }
            case .lastPrice(let symbol, let price, let time):
                (committed.prices[symbol], committed.times[symbol]) = (price, time)
            default: break
            }
        }
    }

    /// Forgets every account and uncommitted price or working order after a failed commit: what storage holds is
    /// loaded again.
    mutating func rollBack() {
        accounts.removeAll()
        (lastPrices, lastPriceTimes, working) = committed
    }
}
