import Core
import Foundation
import TestSupport
import Testing

@testable import Ledger

/// The ledger over a storage in memory: group commit, idempotency and failed commits, with faults injected exactly
/// where they matter.
@Suite struct LedgerTests {
    private func open(_ storage: MemoryStorage) async throws -> Ledger {
        try await Ledger.open(storage: storage, defaultAccount: Account(name: "default", cash: 1_000))
    }

    private func buy(_ quantity: Decimal, at price: Decimal = 10) -> Signal {
        Signal(symbol: "AAPL", side: .buy, quantity: quantity, price: price)
    }

    /// A read of an account begun before a failed commit dropped the book must not bring back what it read when a
    /// commit succeeded meanwhile: the money that commit spent would come back.
    @Test func aLoadThatRacesAFailedCommitNeverBringsBackStaleState() async throws {
        let storage = MemoryStorage(accounts: [Account(name: "x", cash: 1_000), Account(name: "y", cash: 1_000)])
        let ledger = try await open(storage)
        await storage.hold("read x")
        // 1. This request's read of x takes its snapshot (cash 1000), then is held.
        let held = Task { try await ledger.trade(buy(10), account: "x") }
        await storage.waitUntilHeld("read x")
        // 2. Another request loads x, buys, and commits: 10 at 10.01 is 100.10, commission 0.11, so x has 899.79.
        _ = try await ledger.trade(buy(10), account: "x")
        #expect(await storage.accounts["x"]?.cash == Decimal(string: "899.79")!)
        // 3. A commit on y fails: the book forgets every account.
        await storage.failNextCommits(1)
        await #expect(throws: LedgerError.storageUnavailable) { try await ledger.trade(buy(1), account: "y") }
        // 4. The held read returns its stale snapshot; the ledger must read x again instead of trading on it.
        await storage.release("read x")
        _ = try await held.value
        let cash = try #require(await storage.accounts["x"]?.cash)
        #expect(cash == Decimal(string: "799.58")!, "both buys paid for: \(cash)")
        #expect(try await ledger.account(named: "x")?.cash == cash)
        #expect(try await ledger.account(named: "x")?.position("AAPL").quantity == 20)
    }

    @Test func aFailedCommitAppliesNothingAndFailsItsWaitersAndTheKeyStaysFree() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        _ = try await ledger.account(named: "default")
        await storage.failNextCommits(1)
        await storage.hold("commit")
        // The first request is committing; the second, with the same key, waits for it, and gets its error.
        let first = Task { try await ledger.trade(buy(1), key: "k") }
        await storage.waitUntilHeld("commit")
        let second = Task { try await ledger.trade(buy(1), key: "k") }
        let deadline = ContinuousClock.now + .seconds(10)
        while await ledger.waiters(on: "k") == 0 {
            try #require(ContinuousClock.now < deadline, "the second request never waited on the first one's key")
            await Task.yield()
        }
        await storage.release("commit")
        await #expect(throws: LedgerError.storageUnavailable) { try await first.value }
        await #expect(throws: LedgerError.storageUnavailable) { try await second.value }
        #expect(await storage.orders.isEmpty)
        #expect(try await ledger.account(named: "default")?.cash == 1_000)
        #expect(try await ledger.marks().isEmpty, "the refused price is not a last price")
        // Storage works again: the same request executes once, and its repeat replays it.
        guard case .executed(let execution) = try await ledger.trade(buy(1), key: "k") else {
            Issue.record("the key of a failed commit was kept")
            return
        }
        #expect(try await ledger.trade(buy(1), key: "k") == .replayed(execution))
    }

    @Test func aReplayReadsTheOrdersBackAndAnotherBodyIsAConflict() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        let outcome = try await ledger.trade(buy(1), key: "k")
        #expect(try await ledger.trade(buy(1), key: "k") == .replayed(outcome.execution))
        await #expect(throws: LedgerError.idempotencyConflict(key: "k")) { try await ledger.trade(buy(2), key: "k", fingerprint: "g") }
        // Refusals and no-actions replay with their messages in every language.
        var exit = buy(1)
        exit.intent = .exit(only: nil)
        exit.symbol = "MSFT"
        let nothing = try await ledger.trade(exit, key: "exit")
        #expect(try await ledger.trade(exit, key: "exit") == .replayed(nothing.execution))
        let refused = try await ledger.trade(buy(1_000), key: "big")
        #expect(refused.execution.refusal?.code == "insufficient_funds")
        // Keys survive a restart on the same storage.
        let reopened = try await open(storage)
        #expect(try await reopened.trade(buy(1_000), key: "big") == .replayed(refused.execution))
        #expect(await storage.orders.count == 2)
    }

    /// A key is held from the moment its first request sees it: a repeat that arrives while the first one is still
    /// reading storage waits for it, instead of finding the key new as well and trading twice.
    @Test func aRepeatArrivingWhileItsKeyIsLookedUpWaitsAndNeverTradesTwice() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        await storage.hold("lookup k")
        let first = Task { try await ledger.trade(buy(1), key: "k") }
        await storage.waitUntilHeld("lookup k")
        let second = Task { try await ledger.trade(buy(1), key: "k") }
        let deadline = ContinuousClock.now + .seconds(10)
        while await ledger.waiters(on: "k") == 0 {
            try #require(ContinuousClock.now < deadline, "the repeat never waited on the key being looked up")
            await Task.yield()
        }
        await storage.release("lookup k")
        let executed = try await first.value
        #expect(try await second.value == .replayed(executed.execution))
        #expect(await storage.orders.count == 1)
        #expect(await storage.lookups == 1)
    }

    /// Only the latest keys stay in memory: an older one is read back from storage, and still replays.
    @Test func keysPastTheRecentOnesAreReadFromStorageAndMemoryStaysBounded() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        await ledger.rememberRecentKeys(2)
        var first: [String: Ledger.Outcome] = [:]
        for key in ["a", "b", "c"] { first[key] = try await ledger.trade(buy(1), key: key) }
        #expect(await ledger.keysInMemory() == 2)
        let lookups = await storage.lookups
        #expect(try await ledger.trade(buy(1), key: "c") == .replayed(try #require(first["c"]).execution))
        #expect(await storage.lookups == lookups, "a recent key needs no storage read")
        #expect(try await ledger.trade(buy(1), key: "a") == .replayed(try #require(first["a"]).execution))
        #expect(await storage.lookups == lookups + 1, "an older key is read from storage")
        await #expect(throws: LedgerError.idempotencyConflict(key: "a")) { try await ledger.trade(buy(2), key: "a", fingerprint: "g") }
        #expect(await storage.orders.count == 3)
        #expect(await ledger.keysInMemory() == 2)
    }

    /// After the ledger's retention a key is forgotten, whether or not storage has pruned it yet.
    @Test func aKeyPastRetentionIsNewAgain() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        let start = Date()
        func execute(at time: Date) async throws -> Ledger.Outcome {
            try await ledger.execute(
                buy(1),
                account: nil,
                source: "test",
                adapter: nil,
                time: time,
                idempotency: IdempotencyClaim(key: "k", fingerprint: "f")
            )
        }
        _ = try await execute(at: start)
        guard case .replayed = try await execute(at: start + Ledger.idempotencyRetention - 1) else {
            Issue.record("a key within retention executed again")
            return
        }
        guard case .executed = try await execute(at: start + Ledger.idempotencyRetention + 1) else {
            Issue.record("a key past retention replayed")
            return
        }
        #expect(await storage.orders.count == 2)
    }

    private func delivery(_ index: Int) -> Delivery {
        Delivery(
            time: Date(),
            remoteAddress: nil,
            path: "/api/webhook",
            adapter: nil,
            status: 200,
            outcome: "ok",
            orderID: nil,
            latencyMicroseconds: Int64(index),
            body: "{}"
        )
    }

    /// Every delivery recorded beside orders committing is written, and `flush()` waits for them all.
    @Test func everyDeliveryRecordedBesideOrdersIsWritten() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                group.addTask {
                    if index % 3 == 0 { _ = try await ledger.trade(buy(1, at: 1)) }
                    await ledger.record(delivery(index))
                }
            }
            try await group.waitForAll()
        }
        await ledger.flush()
        #expect(await storage.deliveries.map(\.latencyMicroseconds).sorted() == Array(0..<300))
        #expect(await storage.orders.count == 100)
    }

    /// The delivery log read right after a delivery is recorded shows it, even while its batch is still being
    /// written: the read waits for what was queued before it.
    @Test func aReadOfTheDeliveryLogSeesEveryDeliveryRecordedBeforeIt() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        await storage.hold("commit")
        await ledger.record(delivery(7))
        await storage.waitUntilHeld("commit")
        let read = Task { try await ledger.deliveries().map(\.latencyMicroseconds) }
        // Long enough for a read that did not wait to have read the log without the delivery.
        try await Task.sleep(for: .milliseconds(100))
        await storage.release("commit")
        #expect(try await read.value == [7])
    }

    /// A delivery recorded while the writer is idle is written without anyone waiting for it.
    @Test func aDeliveryRecordedOnAnIdleLedgerIsWrittenUnasked() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        for round in 0..<3 {
            await ledger.record(delivery(round))
            let deadline = ContinuousClock.now + .seconds(10)
            while await storage.deliveries.count < round + 1 {
                try #require(ContinuousClock.now < deadline, "the delivery was never written")
                try await Task.sleep(for: .milliseconds(1))
            }
        }
    }

    /// A quote's basis is the account as the writer sees it, the current account when none is named, and the last
    /// prices; an unknown account is named but absent.
    @Test func aQuoteBasisIsTheWritersViewOfTheNamedOrCurrentAccount() async throws {
        let ledger = try await open(MemoryStorage())
        _ = try await ledger.trade(buy(2, at: 10))
        let current = await ledger.quoteBasis(account: nil)
        #expect(current.accountName == "default" && current.account?.position("AAPL").quantity == 2)
        #expect(current.marks["AAPL"] != nil)
        let unknown = await ledger.quoteBasis(account: "nobody")
        #expect(unknown.accountName == "nobody" && unknown.account == nil)
        let unread = await ledger.quoteBasis(account: nil, loadingAccount: false)
        #expect(unread.accountName == "default" && unread.account == nil)
    }

    @Test func signalsQueuedWhileABatchCommitsGoIntoTheNextOneAndEveryOneIsKept() async throws {
        let storage = MemoryStorage()
        let ledger = try await open(storage)
        _ = try await ledger.account(named: "default")
        await storage.hold("commit")
        let first = Task { try await ledger.trade(buy(1)) }
        await storage.waitUntilHeld("commit")
        let rest = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 1..<50 { group.addTask { _ = try await ledger.trade(buy(1, at: Decimal(10 + index % 3))) } }
                try await group.waitForAll()
            }
        }
        // Every other signal is queued behind the held batch before it is let go.
        let deadline = ContinuousClock.now + .seconds(10)
        while await ledger.queuedWrites() < 49 {
            try #require(ContinuousClock.now < deadline, "the signals never queued")
            await Task.yield()
        }
        await storage.release("commit")
        _ = try await first.value
        try await rest.value
        #expect(await storage.batches == [1, 49])
        let account = try #require(await storage.accounts["default"])
        let paid = await storage.orders.values.reduce(Decimal(0)) { $0 + $1.totalCost }
        #expect(account.cash == 1_000 - paid)
        #expect(account.position("AAPL").quantity == 50)
        #expect(Set(await storage.orders.keys) == Set(1...50))
    }
}

extension Ledger {
    /// Keeps at most `capacity` settled keys in memory from now on.
    fileprivate func rememberRecentKeys(_ capacity: Int) { recentKeys = RecentKeys(capacity: capacity) }

    /// How many keys the ledger holds in memory, settled or in flight.
    fileprivate func keysInMemory() -> Int { recentKeys.count + inFlight.count }

    /// How many writes wait for the batch being committed.
    fileprivate func queuedWrites() -> Int { queue.count }

    /// How many requests wait on the default account's key `key` while its signal commits.
    func waiters(on key: String) -> Int {
        inFlight[IdempotencyScope(account: "default", key: key)]?.waiters.count ?? 0
    }
}

/// A key with a window, as content de-duplication makes: the same signal within it is a replay, after it a new order.
@Suite struct IdempotencyWindowTests {
    @Test func aKeyWithAWindowIsNewAgainOnceItHasPassed() async throws {
        let storage = MemoryStorage()
        let ledger = try await Ledger.open(storage: storage, defaultAccount: Account(name: "default", cash: 1_000))
        let signal = Signal(symbol: "AAPL", side: .buy, quantity: 1, price: 10)
        let claim = IdempotencyClaim(key: "content:x", fingerprint: "x", window: 30)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func execute(at time: Date) async throws -> Ledger.Outcome {
            try await ledger.execute(signal, account: nil, source: "test", adapter: nil, time: time, idempotency: claim)
        }
        guard case .executed = try await execute(at: start) else { throw CancellationError() }
        guard case .replayed = try await execute(at: start + 29) else {
            Issue.record("a repeat within the window executed")
            return
        }
        guard case .executed = try await execute(at: start + 31) else {
            Issue.record("a repeat after the window replayed")
            return
        }
        #expect(await storage.orders.count == 2)
    }
}
