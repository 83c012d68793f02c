import Core
import Foundation
import GRDB

/// The paper accounts and their orders: state in memory behind this one writer, made durable in SQLite.
///
/// Signals are applied in arrival order, so per-account checks never race. Writes are group-committed:
/// everything queued while one transaction commits goes into the next one, and `execute` returns only
/// once the transaction holding its order has committed. Reads go to the database's snapshots and never
/// wait for the writer.
public actor Ledger {
    /// What became of an order request.
    public enum Outcome: Sendable {
        /// The signal was executed: its orders (filled or rejected, none when there was nothing to do) were recorded;
        /// `reply` is what the client is told.
        case executed(Execution, reply: StoredReply)
        /// The idempotency key was seen before: the original reply, nothing new recorded.
        case replayed(StoredReply)
    }

    /// The database file's name inside the data directory.
    public static let fileName = "papertrade.sqlite"

    /// How long idempotency keys are remembered.
    public static let idempotencyRetention: TimeInterval = 48 * 3600

    public nonisolated let database: DatabasePool
    public nonisolated let engine: Engine
    /// How long delivery log entries are kept.
    public nonisolated let deliveryRetention: TimeInterval

    private var accounts: [String: Account] = [:]
    /// Bumped whenever the in-memory accounts are dropped after a failed commit, so that a load begun before
    /// can never bring back a state older than a commit that succeeded meanwhile.
    private var generation = 0
    /// The last price of every symbol traded, to mark equity points.
    private var lastPrices: [String: Decimal] = [:]
    /// The last prices as committed, restored when a commit fails.
    private var committedLastPrices: [String: Decimal] = [:]
    private var nextOrderID: Int64
    private var replies: [IdempotencyScope: IdempotencyEntry] = [:]
    private var claimsSincePrune = 0
    private var deliveriesSincePrune = 0
    private var queue: [(write: LedgerWrite, continuation: CheckedContinuation<Void, any Error>?)] = []
    private var isFlushing = false
    private var flushWaiters: [CheckedContinuation<Void, Never>] = []

    /// An idempotency key within the account it trades; the empty account is a key recorded before keys were scoped.
    private struct IdempotencyScope: Hashable {
        var account: String
        var key: String
    }

    private enum IdempotencyEntry {
        case committed(fingerprint: String, reply: StoredReply, createdAt: Date)
        case inFlight(fingerprint: String, waiters: [CheckedContinuation<StoredReply, any Error>])
    }

    /// Opens (creating if needed) the ledger in `directory`, adding `defaultAccount` when no account of that name exists.
    ///
    /// Idempotency keys older than `idempotencyRetention` and deliveries older than `deliveryRetention` are removed.
    public static func open(
        directory: String,
        engine: Engine = Engine(),
        defaultAccount: Account,
        deliveryRetention: TimeInterval = 30 * 86_400,
        now: Date = Date()
    ) async throws -> Ledger {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let database = try DatabasePool(path: (directory as NSString).appendingPathComponent(fileName), configuration: configuration)
        try Schema.migrator.migrate(database)
        let cutoff = now.addingTimeInterval(-idempotencyRetention)
        let state = try await database.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [defaultAccount.name]) == false {
                try LedgerWrite.account(defaultAccount, createdAt: now).apply(db)
            }
            try LedgerWrite.pruneIdempotency(before: cutoff).apply(db)
            try LedgerWrite.pruneDeliveries(before: now.addingTimeInterval(-deliveryRetention)).apply(db)
            let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM orders") ?? 0
            let prices = try LedgerReader.lastPrices(db)
            let keys = try Row.fetchAll(db, sql: "SELECT account, key, fingerprint, status, body, created_at FROM idempotency").map { row in
                (
                    scope: IdempotencyScope(account: row["account"], key: row["key"]), fingerprint: row["fingerprint"] as String,
                    reply: StoredReply(status: row["status"], body: row["body"]),
                    createdAt: Date(timeIntervalSince1970: row["created_at"])
                )
            }
            return (maxID, keys, prices)
        }
        return Ledger(
            database: database,
            engine: engine,
            deliveryRetention: deliveryRetention,
            nextOrderID: state.0 + 1,
            keys: state.1,
            lastPrices: state.2
        )
    }

    private init(
        database: DatabasePool,
        engine: Engine,
        deliveryRetention: TimeInterval,
        nextOrderID: Int64,
        keys: [(scope: IdempotencyScope, fingerprint: String, reply: StoredReply, createdAt: Date)],
        lastPrices: [String: Decimal]
    ) {
        self.database = database
        self.engine = engine
        self.deliveryRetention = deliveryRetention
        self.nextOrderID = nextOrderID
        self.lastPrices = lastPrices
        self.committedLastPrices = lastPrices
        for entry in keys {
            replies[entry.scope] = .committed(fingerprint: entry.fingerprint, reply: entry.reply, createdAt: entry.createdAt)
        }
    }

    /// The last price of every symbol traded, to value positions the way execution does.
    public func marks() -> [String: Decimal] {
        lastPrices
    }

    // MARK: - Orders

    /// Executes `signal` on the named account and records its orders, filled or rejected, with the reply built for them.
    ///
    /// Returns after the order has committed. A repeated idempotency key on the same account returns the original
    /// reply; the same key with another fingerprint throws `idempotencyConflict`. The same key on another account is
    /// another signal.
    public func execute(
        _ signal: Signal,
        account name: String,
        source: String,
        adapter: String?,
        time: Date = Date(),
        idempotency claim: IdempotencyClaim? = nil,
        reply: @Sendable (Execution) -> StoredReply
    ) async throws -> Outcome {
        let scope = claim.map { IdempotencyScope(account: name, key: $0.key) }
        if let claim, let scope, let replayed = try await replay(claim, scope) { return .replayed(replayed) }
        guard try await loadedAccount(name) != nil else { throw LedgerError.unknownAccount(name: name) }
        if let claim, let scope, let replayed = try await replay(claim, scope) { return .replayed(replayed) }
        // No suspension from here to the order's place in the queue: this is the account's current state.
        guard var account = accounts[name] else { throw LedgerError.storageUnavailable }

        let execution = run(signal, on: &account, time: time, source: source, adapter: adapter)
        let storedReply = reply(execution)
        let filled = execution.filled
        if filled {
            accounts[name] = account
            lastPrices[signal.symbol] = signal.price
        }
        if let claim, let scope { replies[scope] = .inFlight(fingerprint: claim.fingerprint, waiters: []) }
        let write = LedgerWrite.execution(
            execution.orders,
            account: name,
            time: time,
            cash: account.cash,
            position: filled ? account.position(signal.symbol) : nil,
            lastPrice: filled ? signal.price : nil,
            equity: filled ? AccountStatement(account: account, lastPrices: lastPrices).equity : nil,
            idempotency: claim.map { ($0, storedReply) }
        )
        do {
            try await commit(write)
        } catch {
            if let scope { settle(scope, with: .failure(LedgerError.storageUnavailable), createdAt: time) }
            throw LedgerError.storageUnavailable
        }
        if let claim, let scope { settle(scope, with: .success((claim.fingerprint, storedReply)), createdAt: time) }
        return .executed(execution, reply: storedReply)
    }

    /// Plans and executes `signal` on `account`, numbering an order for each leg (or one for a plan refused whole).
    private func run(_ signal: Signal, on account: inout Account, time: Date, source: String, adapter: String?) -> Execution {
        func order(_ leg: Signal, _ outcome: Result<Fill, TradeRejection>) -> Order {
            defer { nextOrderID += 1 }
            return Order(id: nextOrderID, account: account.name, signal: leg, outcome: outcome, time: time, source: source, adapter: adapter)
        }
        let plan: Plan
        do {
            plan = try engine.plan(signal, on: account, marks: lastPrices)
        } catch {
            return Execution(orders: [order(signal, .failure(error))], outcome: .failure(error))
        }
        let outcome = Result { () throws(TradeRejection) in try engine.execute(plan, on: &account) }
        let orders = plan.legs.enumerated().map { index, leg in order(leg, outcome.map { $0[index] }) }
        return Execution(orders: orders, outcome: outcome, noAction: plan.noAction)
    }

    /// The original reply for a claim already seen, waiting for it when its order is still committing.
    private func replay(_ claim: IdempotencyClaim, _ scope: IdempotencyScope) async throws -> StoredReply? {
        let legacy = IdempotencyScope(account: "", key: claim.key)
        let scope = replies[scope] == nil && replies[legacy] != nil ? legacy : scope
        switch replies[scope] {
        case nil:
            return nil
        case .committed(let fingerprint, let reply, _):
            guard fingerprint == claim.fingerprint else { throw LedgerError.idempotencyConflict(key: claim.key) }
            return reply
        case .inFlight(let fingerprint, var waiters):
            guard fingerprint == claim.fingerprint else { throw LedgerError.idempotencyConflict(key: claim.key) }
            return try await withCheckedThrowingContinuation { continuation in
                waiters.append(continuation)
                replies[scope] = .inFlight(fingerprint: fingerprint, waiters: waiters)
            }
        }
    }

    private func settle(_ key: IdempotencyScope, with result: Result<(String, StoredReply), any Error>, createdAt: Date) {
        guard case .inFlight(_, let waiters) = replies[key] else { return }
        switch result {
        case .success(let (fingerprint, reply)):
            replies[key] = .committed(fingerprint: fingerprint, reply: reply, createdAt: createdAt)
            for waiter in waiters { waiter.resume(returning: reply) }
            claimsSincePrune += 1
            if claimsSincePrune >= 1_000 { pruneKeys(now: createdAt) }
        case .failure(let error):
            replies[key] = nil
            for waiter in waiters { waiter.resume(throwing: error) }
        }
    }

    private func pruneKeys(now: Date) {
        claimsSincePrune = 0
        let cutoff = now.addingTimeInterval(-Self.idempotencyRetention)
        replies = replies.filter { _, entry in
            if case .committed(_, _, let createdAt) = entry { return createdAt >= cutoff }
            return true
        }
        enqueue(.pruneIdempotency(before: cutoff))
    }

    // MARK: - Accounts

    /// The account as the writer sees it, loading it from the database the first time.
    public func account(named name: String) async throws -> Account? {
        try await loadedAccount(name)
    }

    private func loadedAccount(_ name: String) async throws -> Account? {
        if let account = accounts[name] { return account }
        let started = generation
        let loaded = try await database.read { db in try LedgerReader.account(named: name, in: db) }
        // The state was dropped while reading: what was read may predate a commit that succeeded meanwhile.
        guard generation == started else { return try await loadedAccount(name) }
        guard let loaded else { return nil }
        if accounts[name] == nil { accounts[name] = loaded }
        return accounts[name]
    }

    /// Creates an account; its name is any non-empty Unicode text.
    public func addAccount(_ account: Account, time: Date = Date()) async throws {
        let name = account.name
        guard !name.isEmpty, name.count <= 128, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LedgerError.invalidAccount(reason: "the name must be 1 to 128 characters without control characters")
        }
        guard account.cash >= 0, account.cash <= Limits.maximumAmount else {
            throw LedgerError.invalidAccount(reason: "cash must be from 0 to 1e15, got \(account.cash)")
        }
        if try await loadedAccount(name) != nil { throw LedgerError.accountExists(name: name) }
        accounts[name] = account
        do {
            try await commit(.account(account, createdAt: time))
        } catch {
            accounts[name] = nil
            throw error
        }
    }

    // MARK: - Delivery log

    /// Logs a delivery; it is written with the next commit, and `flush()` waits for it.
    public func record(_ delivery: Delivery) {
        enqueue(.delivery(delivery))
        deliveriesSincePrune += 1
        if deliveriesSincePrune >= 10_000 {
            deliveriesSincePrune = 0
            enqueue(.pruneDeliveries(before: delivery.time.addingTimeInterval(-deliveryRetention)))
        }
    }

    // MARK: - Group commit

    private func commit(_ write: LedgerWrite) async throws {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((write, continuation))
            startFlushing()
        }
    }

    private func enqueue(_ write: LedgerWrite) {
        queue.append((write, nil))
        startFlushing()
    }

    private func startFlushing() {
        guard !isFlushing else { return }
        isFlushing = true
        Task { await flushQueue() }
    }

    private func flushQueue() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll()
            let writes = batch.map(\.write)
            do {
                try await database.write { db in
                    for write in writes { try write.apply(db) }
                }
                for write in writes {
                    if let (symbol, price) = write.lastPrice { committedLastPrices[symbol] = price }
                }
                for item in batch { item.continuation?.resume() }
            } catch {
                // Writes queued behind a failed batch were applied in memory on top of it: fail them too,
                // and forget the in-memory state so the next request reloads what the database holds.
                let failed = batch + queue
                queue.removeAll()
                accounts.removeAll()
                generation += 1
                // Everything executed since the last success is in the failed writes: what was committed is exact.
                lastPrices = committedLastPrices
                for item in failed { item.continuation?.resume(throwing: error) }
            }
        }
        isFlushing = false
        for waiter in flushWaiters { waiter.resume() }
        flushWaiters.removeAll()
    }

    /// Waits until everything queued so far, delivery log entries included, has been written.
    public func flush() async {
        guard isFlushing || !queue.isEmpty else { return }
        await withCheckedContinuation { flushWaiters.append($0) }
    }
}
