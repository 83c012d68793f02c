import Core
import Foundation
import TestSupport
import Testing

@testable import Ledger

/// Two ledgers on one shared storage, as two servers on one database: each executes in the storage's transactions
/// on the accounts as committed, so neither overdraws, doubles or forgets what the other did.
@Suite struct SharedLedgerTests {
    private func replicas(_ storage: MemoryStorage) async throws -> (Ledger, Ledger) {
        let shared = SharedMemoryStorage(base: storage)
        let first = try await Ledger.open(storage: shared, defaultAccount: Account(name: "default", cash: 1_000))
        let second = try await Ledger.open(storage: shared, defaultAccount: Account(name: "default", cash: 1_000))
        return (first, second)
    }

    private let buy = Signal(symbol: "AAPL", side: .buy, quantity: 1, price: 10)

    /// Until marks reach a shared database, an order that would wait for one is refused there, never left unfilled.
    @Test func restingOrdersAndMarksAreRefusedOnASharedStorageAndRecordNothing() async throws {
        let storage = MemoryStorage()
        let (first, _) = try await replicas(storage)
        var limit = buy
        limit.order = OrderSpec(type: .limit, limitPrice: 9)
        await #expect(throws: LedgerError.sharedMarksUnsupported) {
            try await first.execute(limit, account: nil, source: "webhook", adapter: nil)
        }
        await #expect(throws: LedgerError.sharedMarksUnsupported) {
            try await first.record([Mark(symbol: "AAPL", time: Date(), price: 10)])
        }
        let (orders, working, prices) = (await storage.orders, await storage.working, await storage.lastPrices)
        #expect(orders.isEmpty && working.isEmpty && prices.isEmpty)
    }

    @Test func concurrentBuysOnBothNeverOverdrawAndFillExactlyWhatTheCashPays() async throws {
        // What one buy costs, slippage and commission included.
        let probe = MemoryStorage()
        let cost = try #require(
            try await Ledger.open(storage: probe, defaultAccount: Account(name: "default", cash: 1_000)).trade(buy).execution.orders.first?
                .totalCost
        )
        let storage = MemoryStorage(accounts: [Account(name: "default", cash: cost * 100)])
        let (first, second) = try await replicas(storage)
        let outcomes = try await withThrowingTaskGroup(of: Ledger.Outcome.self) { group in
            for index in 0..<200 { group.addTask { try await (index.isMultiple(of: 2) ? first : second).trade(buy) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let filled = outcomes.filter { $0.execution.filled }
        #expect(filled.count == 100)
        #expect(outcomes.filter { $0.execution.refusal?.code == "insufficient_funds" }.count == 100)
        let account = try #require(await storage.accounts["default"])
        #expect(account.cash == 0)
        #expect(account.position("AAPL").quantity == 100)
        let ids = outcomes.flatMap { $0.execution.orders.map(\.id) }
        let stored = Set(await storage.orders.keys)
        #expect(Set(ids).count == 200 && stored == Set(ids))
    }

    /// The same key at both at once: the second's transaction waits for the first's lock, then finds its key.
    @Test func aKeySentToBothAtOnceMakesOneOrderAndBothAnswerIt() async throws {
        let storage = MemoryStorage()
        let (first, second) = try await replicas(storage)
        await storage.hold("commit")
        let one = Task { try await first.trade(buy, key: "k") }
        await storage.waitUntilHeld("commit")
        let other = Task { try await second.trade(buy, key: "k") }
        let deadline = ContinuousClock.now + .seconds(10)
        while await storage.transactionsWaiting == 0 {
            try #require(ContinuousClock.now < deadline, "the second transaction never waited for the first")
            await Task.yield()
        }
        await storage.release("commit")
        let executed = try await one.value
        let replayed = try await other.value
        #expect(replayed == .replayed(executed.execution))
        #expect(await storage.orders.count == 1)
        // Later, from either one, the key is a replay; another body is a conflict.
        #expect(try await first.trade(buy, key: "k") == .replayed(executed.execution))
        await #expect(throws: LedgerError.idempotencyConflict(key: "k")) {
            try await second.execute(buy, account: "default", source: "test", adapter: nil, idempotency: IdempotencyClaim(key: "k", fingerprint: "g"))
        }
    }

    /// A request whose key turns out, inside the transaction, to have been committed with another body is a
    /// conflict; a repeat of the committed body waiting on that request is still answered with the committed order.
    @Test func aConflictMetInTheTransactionStillAnswersTheRepeatsWaitingOnTheKey() async throws {
        let storage = MemoryStorage()
        let (first, second) = try await replicas(storage)
        await storage.hold("lookup k")
        let other = Task {
            try await second.execute(buy, account: "default", source: "test", adapter: nil, idempotency: IdempotencyClaim(key: "k", fingerprint: "g"))
        }
        await storage.waitUntilHeld("lookup k")
        let repeated = Task { try await second.trade(buy, key: "k") }
        let deadline = ContinuousClock.now + .seconds(10)
        while await second.waiters(on: "k") == 0 {
            try #require(ContinuousClock.now < deadline, "the repeat never waited on the key")
            await Task.yield()
        }
        let executed = try await first.trade(buy, key: "k")
        await storage.release("lookup k")
        await #expect(throws: LedgerError.idempotencyConflict(key: "k")) { try await other.value }
        #expect(try await repeated.value == .replayed(executed.execution))
        #expect(await storage.orders.count == 1)
    }

    @Test func eachSeesTheAccountsTheCurrentAccountAndThePricesTheOtherChanged() async throws {
        let storage = MemoryStorage()
        let (first, second) = try await replicas(storage)
        try await first.addAccount(Account(name: "swing", cash: 500))
        await #expect(throws: LedgerError.accountExists(name: "swing")) { try await second.addAccount(Account(name: "swing", cash: 1)) }
        try await second.setCurrentAccount("swing")
        let outcome = try await first.trade(buy, account: nil)
        #expect(outcome.execution.orders.first?.account == "swing")
        let cash = try #require(try await second.account(named: "swing")?.cash)
        #expect(cash == 500 - (outcome.execution.orders.first?.totalCost ?? 0))
        #expect(try await second.marks() == ["AAPL": 10])
        #expect(try await first.currentAccountName() == "swing")
    }

    @Test func aFailedTransactionFailsItsSignalsAndChangesNothing() async throws {
        let storage = MemoryStorage()
        let (first, _) = try await replicas(storage)
        await storage.failNextCommits(1)
        await #expect(throws: LedgerError.storageUnavailable) { try await first.trade(buy, key: "k") }
        #expect(await storage.orders.isEmpty)
        #expect(await storage.accounts["default"]?.cash == 1_000)
        guard case .executed = try await first.trade(buy, key: "k") else {
            Issue.record("the key of a failed transaction was kept")
            return
        }
    }
}
