import Core
import Foundation
import Ledger

/// A ledger storage in memory, with faults to inject: commits that fail, and reads or commits held until released.
actor MemoryStorage: LedgerStorage {
    private(set) var accounts: [String: Account] = [:]
    private(set) var orders: [Int64: Order] = [:]
    private(set) var records: [String: IdempotencyRecord] = [:]
    private(set) var deliveries: [Delivery] = []
    private(set) var equity: [String: [EquityPoint]] = [:]
    private(set) var lastPrices: [String: Decimal] = [:]
    private(set) var currentAccount: String?
    private(set) var working: [Int64: WorkingOrder] = [:]
    /// The last order id a shared transaction took.
    private var orderSequence: Int64 = 0
    /// Whether a shared transaction runs, and the ones waiting for it, as a database's row locks would make them.
    private var transactionRuns = false
    private var transactionWaiters: [CheckedContinuation<Void, Never>] = []
    /// How many shared transactions wait for the one running.
    var transactionsWaiting: Int { transactionWaiters.count }
    /// Idempotency keys looked up so far.
    private(set) var lookups = 0
    /// Commits made so far, one entry per batch with its number of writes.
    private(set) var batches: [Int] = []

    /// The next commits to fail, as a full disk would.
    private var failingCommits = 0
    /// Points where the next call stops until released: `read x` after reading account x,
    /// `lookup k` after looking up key k, `commit` before committing.
    private var gates: [String: Gate] = [:]

    private struct Gate {
        var held: CheckedContinuation<Void, Never>?
        var watcher: CheckedContinuation<Void, Never>?
    }

    struct InjectedFailure: Error {}

    init(accounts: [Account] = []) {
        for account in accounts { self.accounts[account.name] = account }
    }

    func failNextCommits(_ count: Int) { failingCommits = count }

    /// Makes the next call through `gate` stop there until `release(gate)`.
    func hold(_ gate: String) {
        precondition(gates[gate] == nil, "gate '\(gate)' is already held")
        gates[gate] = Gate()
    }

    /// Waits until a call is stopped at `gate`.
    func waitUntilHeld(_ gate: String) async {
        precondition(gates[gate] != nil, "gate '\(gate)' was never held")
        guard gates[gate]?.held == nil else { return }
        await withCheckedContinuation { gates[gate]?.watcher = $0 }
    }

    func release(_ gate: String) {
        gates.removeValue(forKey: gate)?.held?.resume()
    }

    private func pass(_ gate: String) async {
        guard let armed = gates[gate], armed.held == nil else { return }
        await withCheckedContinuation { continuation in
            gates[gate]?.held = continuation
            gates[gate]?.watcher?.resume()
            gates[gate]?.watcher = nil
        }
    }

    // MARK: - Shared

    /// Runs `batch` as a shared database would: on its accounts as committed, with ids from a sequence, committed
    /// whole or not at all.
    func executeShared(_ batch: SignalBatch) async throws -> [SignalOutcome] {
        if transactionRuns { await withCheckedContinuation { transactionWaiters.append($0) } }
        transactionRuns = true
        defer {
            transactionRuns = false
            if !transactionWaiters.isEmpty {
                transactionRuns = true
                transactionWaiters.removeFirst().resume()
            }
        }
        let state = CommittedState(
            accounts: batch.accounts.compactMap { accounts[$0] },
            lastPrices: lastPrices,
            records: batch.claims.compactMap { records[$0.account + "\u{0}" + $0.key] }
        )
        let count = batch.run(on: state).orders
        let ids = (0..<count).map { _ in
            orderSequence += 1
            return orderSequence
        }
        let run = batch.run(on: state, orderIDs: ids)
        try await commit(run.writes.map(LedgerWrite.execution))
        return run.outcomes
    }

    func addSharedAccount(_ account: Account, createdAt: Date) async throws {
        guard accounts[account.name] == nil else { throw LedgerError.accountExists(name: account.name) }
        try await commit([.account(account, createdAt: createdAt)])
    }

    // MARK: - LedgerStorage

    func prepare(defaultAccount: Account, createdAt: Date, idempotencyCutoff: Date, deliveryCutoff: Date) async throws -> LedgerState {
        if accounts[defaultAccount.name] == nil { accounts[defaultAccount.name] = defaultAccount }
        records = records.filter { $0.value.createdAt >= idempotencyCutoff }
        return LedgerState(
            nextOrderID: (orders.keys.max() ?? 0) + 1,
            lastPrices: lastPrices,
            working: Array(working.values),
            currentAccount: currentAccount
        )
    }

    func account(named name: String) async throws -> Account? {
        var snapshot = accounts[name]
        snapshot?.reserved = working.values.filter { $0.account == name && $0.status.isWorking }.reduce(0) { $0 + $1.reserved }
        await pass("read \(name)")
        return snapshot
    }

    func commit(_ writes: [LedgerWrite]) async throws {
        await pass("commit")
        if failingCommits > 0 {
            failingCommits -= 1
            throw InjectedFailure()
        }
        batches.append(writes.count)
        for write in writes {
            switch write {
            case .execution(let execution):
                for order in execution.orders {
                    precondition(orders[order.id] == nil, "order id \(order.id) used twice")
                    orders[order.id] = order
                }
                accounts[execution.account]?.cash = execution.cash
                if let position = execution.position {
                    accounts[execution.account]?.positions[position.symbol] =
                        position.quantity == 0 && position.realizedPnL == 0 ? nil : position
                    lastPrices[position.symbol] = execution.lastPrice
                }
                if let value = execution.equity {
                    equity[execution.account, default: []].append(
                        EquityPoint(time: execution.time, orderID: execution.orders.last?.id, cash: execution.cash, equity: value)
                    )
                }
                if let record = execution.idempotency { records[record.account + "\u{0}" + record.key] = record }
                for order in execution.working { working[order.id] = order }
            case .lastPrice(let symbol, let price, _):
                lastPrices[symbol] = price
            case .delivery(let delivery):
                deliveries.append(delivery)
            case .account(let account, let createdAt):
                accounts[account.name] = account
                equity[account.name] = [EquityPoint(time: createdAt, orderID: nil, cash: account.cash, equity: account.cash)]
            case .currentAccount(let name):
                currentAccount = name
            case .pruneIdempotency(let cutoff):
                records = records.filter { $0.value.createdAt >= cutoff }
            case .pruneDeliveries(let cutoff):
                deliveries.removeAll { $0.time < cutoff }
            }
        }
    }

    func idempotencyRecord(account: String, key: String) async throws -> IdempotencyRecord? {
        lookups += 1
        let record = records[account + "\u{0}" + key] ?? records["\u{0}" + key]
        await pass("lookup \(key)")
        return record
    }

    func orders(ids: [Int64]) async throws -> [Order] { ids.compactMap { orders[$0] } }

    func orders(account: String?, symbol: String?, status: OrderStatus?, limit: Int) async throws -> [Order] {
        Array(
            orders.values.filter {
                (account == nil || $0.account == account) && (symbol == nil || $0.symbol == symbol) && (status == nil || $0.status == status)
            }
            .sorted { $0.id > $1.id }.prefix(limit)
        )
    }

    func workingOrders(status: OrderStatus, account: String?, symbol: String?, limit: Int) async throws -> [WorkingOrder] {
        Array(
            working.values.filter { $0.status == status && (account == nil || $0.account == account) && (symbol == nil || $0.symbol == symbol) }
                .sorted { $0.id > $1.id }.prefix(limit)
        )
    }

    func workingOrder(id: Int64) async throws -> WorkingOrder? { working[id] }

    func statements() async throws -> [AccountStatement] {
        accounts.values.sorted { $0.name < $1.name }.map { AccountStatement(account: $0, lastPrices: lastPrices) }
    }

    func statement(account name: String) async throws -> AccountStatement? {
        accounts[name].map { AccountStatement(account: $0, lastPrices: lastPrices) }
    }

    func equityHistory(account name: String, limit: Int) async throws -> [EquityPoint] { Array(equity[name, default: []].suffix(limit)) }

    func deliveries(limit: Int) async throws -> [Delivery] { Array(deliveries.reversed().prefix(limit)) }
}
