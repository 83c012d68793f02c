import Core
import Foundation

/// The paper accounts and their orders: an account book in memory behind this one writer, made durable by a storage.
///
/// Signals are applied in arrival order, so per-account checks never race. Writes are group-committed:
/// everything queued while one batch commits goes into the next one, and `execute` returns only once the batch
/// holding its orders has committed. Reads go to the storage's committed state and never wait for the writer.
public actor Ledger {
    /// What became of an order request.
    public enum Outcome: Sendable, Equatable {
        /// The signal was executed: its orders (filled or rejected, none when there was nothing to do) were recorded.
        case executed(Execution)
        /// The idempotency key was seen before: what the signal came to then, nothing new recorded.
        case replayed(Execution)

        /// What the signal came to, now or the first time.
        public var execution: Execution {
            switch self {
            case .executed(let execution), .replayed(let execution): execution
            }
        }
    }

    /// How long idempotency keys are remembered.
    public static let idempotencyRetention: TimeInterval = 48 * 3600

    public nonisolated let storage: any LedgerStorage
    /// The storage again when several servers share it: signals are then executed in its transactions, and accounts
    /// and the current account are read from it, never remembered.
    nonisolated let shared: (any SharedLedgerStorage)?
    /// How orders fill; replaced whole when the instruments are reloaded.
    public private(set) var engine: Engine
    /// How long delivery log entries are kept; nil leaves them to the server that keeps the log.
    public nonisolated let deliveryRetention: TimeInterval?
    /// Told of every batch committed or failed.
    nonisolated let observer: (any LedgerObserver)?

    var book: AccountBook
    /// The single writer's account for signals that name none (the seed's "current account"); a shared storage's is
    /// read from it. Both through `currentAccountName()`.
    private var currentAccount: String
    /// Bumped whenever the book's accounts are dropped after a failed commit, so that a load begun before can never
    /// bring back a state older than a commit that succeeded meanwhile.
    var generation = 0
    /// Keys a request is looking up or committing, with the requests waiting on them.
    var inFlight: [IdempotencyScope: KeyInFlight] = [:]
    /// Keys settled lately: a repeat soon after needs no storage read. Older keys are read from storage.
    var recentKeys = RecentKeys(capacity: 10_000)
    var claimsSincePrune = 0
    var deliveriesSincePrune = 0
    typealias QueuedWrite = (write: LedgerWrite, continuation: CheckedContinuation<Void, any Error>?)
    var queue: [QueuedWrite] = []
    /// Signals waiting for a shared storage's next transaction.
    var pendingSignals: [(signal: PendingSignal, continuation: CheckedContinuation<SignalOutcome, any Error>)] = []
    var isFlushing = false
    var flushWaiters: [CheckedContinuation<Void, Never>] = []

    /// Opens a ledger on `storage`, adding `defaultAccount` when no account of that name exists.
    ///
    /// Idempotency keys older than `idempotencyRetention` and deliveries older than `deliveryRetention` are removed;
    /// a command that runs beside the servers passes nil, so that it never prunes what they keep longer.
    public static func open(
        storage: any LedgerStorage,
        engine: Engine = Engine(),
        defaultAccount: Account,
        deliveryRetention: TimeInterval? = 30 * 86_400,
        observer: (any LedgerObserver)? = nil,
        now: Date = Date()
    ) async throws -> Ledger {
        let state = try await storage.prepare(
            defaultAccount: defaultAccount,
            createdAt: now,
            idempotencyCutoff: now.addingTimeInterval(-idempotencyRetention),
            deliveryCutoff: deliveryRetention.map { now.addingTimeInterval(-$0) } ?? .distantPast
        )
        return Ledger(
            storage: storage,
            engine: engine,
            deliveryRetention: deliveryRetention,
            observer: observer,
            state: state,
            currentAccount: state.currentAccount ?? defaultAccount.name
        )
    }

    private init(
        storage: any LedgerStorage,
        engine: Engine,
        deliveryRetention: TimeInterval?,
        observer: (any LedgerObserver)?,
        state: LedgerState,
        currentAccount: String
    ) {
        self.storage = storage
        self.shared = storage as? any SharedLedgerStorage
        self.observer = observer
        self.currentAccount = currentAccount
        self.engine = engine
        self.deliveryRetention = deliveryRetention
        self.book = AccountBook(
            engine: engine,
            nextOrderID: state.nextOrderID,
            lastPrices: state.lastPrices,
            lastPriceTimes: state.lastPriceTimes,
            working: state.working
        )
    }

    /// Fills every signal from now on with `engine`: new instruments, reloaded while the server runs.
    public func setEngine(_ engine: Engine) {
        self.engine = engine
        book.engine = engine
    }

    /// The last price of every symbol traded, to value positions the way execution does.
    public func marks() async throws -> [String: Decimal] {
        guard let shared else { return book.lastPrices }
        return try await shared.lastPrices()
    }

    // MARK: - Orders

    /// Executes `signal` on the named account (the current account when nil) and records its orders, filled or rejected.
    ///
    /// Returns after the orders have committed. A repeated idempotency key on the same account returns what the
    /// signal came to the first time; the same key with another fingerprint throws `idempotencyConflict`. The same
    /// key on another account is another signal.
    public func execute(
        _ signal: Signal,
        account: String?,
        source: String,
        adapter: String?,
        time: Date = Date(),
        idempotency claim: IdempotencyClaim? = nil
    ) async throws -> Outcome {
        let name: String
        if let account { name = account.accountKey } else { name = try await currentAccountName() }
        if shared != nil, signal.order.type != .market { throw LedgerError.sharedMarksUnsupported }
        let scope = claim.map { IdempotencyScope(account: name, key: $0.key) }
        if let claim, let scope, let record = try await self.claim(claim, scope, at: time) { return .replayed(try await execution(of: record)) }
        // This request now holds its key, if it has one, until it settles it.
        do {
            let pending = PendingSignal(signal: signal, account: name, time: time, source: source, adapter: adapter, claim: claim)
            let outcome = shared != nil ? try await submit(pending) : try await executeInBook(pending)
            switch outcome {
            case .executed(let execution, let record):
                if let scope {
                    settle(scope, with: record.map { .success($0) } ?? .failure(LedgerError.storageUnavailable))
                    countNewKey(at: time)
                }
                return .executed(execution)
            case .replayed(let record):
                if let scope { settle(scope, with: .success(record)) }
                return .replayed(try await execution(of: record))
            case .conflicting(let record):
                if let scope { settle(scope, with: .success(record)) }
                throw LedgerError.idempotencyConflict(key: record.key)
            case .refused(let error):
                throw error
            }
        } catch {
            if let scope { settle(scope, with: .failure(error)) }
            throw error
        }
    }

    /// Executes a signal on the book in memory, this ledger being its storage's one writer, and commits it.
    private func executeInBook(_ pending: PendingSignal) async throws -> SignalOutcome {
        guard try await loadedAccount(pending.account) != nil else { throw LedgerError.unknownAccount(name: pending.account) }
        // The signal's price may fill other accounts' working orders: they are in the book before it executes.
        try await loadAccountsWorking(on: pending.signal.symbol)
        // No suspension from here to the write's place in the queue: the book holds the account's current state.
        guard let (execution, write, marked) = book.execute(pending) else { throw LedgerError.storageUnavailable }
        do {
            // One batch: the signal's orders and what its price filled commit together.
            var writes = [LedgerWrite.execution(write)] + marked
            let last = writes.removeLast()
            for write in writes { enqueue(write) }
            try await commit(last)
        } catch {
            throw LedgerError.storageUnavailable
        }
        return .executed(execution, write.idempotency)
    }

    /// The account that signals naming none trade, as committed.
    public func currentAccountName() async throws -> String {
        guard let shared else { return currentAccount }
        do {
            return try await shared.currentAccount() ?? currentAccount
        } catch {
            throw LedgerError.storageUnavailable
        }
    }

    // MARK: - Accounts

    /// The account as the writer sees it, loading it from storage the first time.
    public func account(named name: String) async throws -> Account? {
        try await loadedAccount(name.accountKey)
    }

    func loadedAccount(_ name: String) async throws -> Account? {
        if shared != nil { return try await storage.account(named: name) }
        if let account = book.accounts[name] { return account }
        let started = generation
        let loaded = try await storage.account(named: name)
        // The book was dropped while reading: what was read may predate a commit that succeeded meanwhile.
        guard generation == started else { return try await loadedAccount(name) }
        guard let loaded else { return nil }
        book.insert(loaded)
        return book.accounts[name]
    }

    /// Creates an account; its name is any non-empty Unicode text.
    public func addAccount(_ account: Account, time: Date = Date()) async throws {
        var account = account
        account.name = account.name.accountKey
        let name = account.name
        guard !name.isEmpty, name.count <= 128 else { throw LedgerError.invalidAccount(reason: "the name must be 1 to 128 characters") }
        if let problem = NameText.problem(in: name) { throw LedgerError.invalidAccount(reason: "the name " + problem.english) }
        guard account.cash >= 0, account.cash <= Limits.maximumAmount else {
            throw LedgerError.invalidAccount(reason: "cash must be from 0 to 1e15, got \(account.cash)")
        }
        if let shared { return try await shared.addAccount(account, createdAt: time) }
        if try await loadedAccount(name) != nil { throw LedgerError.accountExists(name: name) }
        book.insert(account)
        do {
            try await commit(.account(account, createdAt: time))
        } catch {
            book.remove(account: name)
            throw error
        }
    }

    /// Makes `name` the account that signals naming none trade, and keeps it across restarts.
    public func setCurrentAccount(_ name: String) async throws {
        let name = name.accountKey
        guard try await loadedAccount(name) != nil else { throw LedgerError.unknownAccount(name: name) }
        // Memory follows the order of the writes, whatever order the commits return in.
        let previous = currentAccount
        currentAccount = name
        do {
            try await commit(.currentAccount(name))
        } catch {
            if currentAccount == name { currentAccount = previous }
            throw error
        }
    }

    // MARK: - Delivery log

    /// Logs a delivery; it is written with the next commit, and `flush()` waits for it.
    public func record(_ delivery: Delivery) {
        enqueue(.delivery(delivery))
        deliveriesSincePrune += 1
        if let deliveryRetention, deliveriesSincePrune >= 10_000 {
            deliveriesSincePrune = 0
            enqueue(.pruneDeliveries(before: delivery.time.addingTimeInterval(-deliveryRetention)))
        }
    }
}
