import Core
import Foundation
import Ledger
import PostgresLedger
import TestSupport
import Testing

/// Two ledgers on two connections to one PostgreSQL database, as two replicas: each executes in transactions that
/// lock the account, so neither overdraws, doubles a key or misses what the other did.
@Suite(.enabled(if: TestDatabase.isAvailable), .serialized) struct PostgresReplicaTests {
    private let buy = Signal(symbol: "AAPL", side: .buy, quantity: 1, price: 10)

    private func withReplicas(cash: Decimal = 1_000, _ body: (Ledger, Ledger) async throws -> Void) async throws {
        try await TestDatabase.withFresh { url in
            let first = try await PostgresStorage.connect(url)
            let second = try await PostgresStorage.connect(url)
            defer {
                first.close()
                second.close()
            }
            let account = Account(name: "default", cash: cash)
            try await body(
                try await Ledger.open(storage: first, defaultAccount: account),
                try await Ledger.open(storage: second, defaultAccount: account)
            )
        }
    }

    @Test func concurrentBuysOnBothFillExactlyWhatTheCashPays() async throws {
        // One buy of 1 at 10 fills at 10.01 with commission 0.02: 10.03.
        try await withReplicas(cash: Decimal(string: "1003")!) { first, second in
            let outcomes = try await withThrowingTaskGroup(of: Ledger.Outcome.self) { group in
                for index in 0..<200 { group.addTask { try await (index.isMultiple(of: 2) ? first : second).trade(buy) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter(\.execution.filled).count == 100)
            #expect(outcomes.filter { $0.execution.refusal?.code == "insufficient_funds" }.count == 100)
            let account = try #require(try await first.account(named: "default"))
            #expect(account.cash == 0)
            #expect(account.position("AAPL").quantity == 100)
            let ids = outcomes.flatMap { $0.execution.orders.map(\.id) }
            #expect(Set(ids).count == 200)
            let stored = try await second.orders(limit: 1_000)
            #expect(Set(stored.map(\.id)) == Set(ids))
            #expect(stored.filter { $0.status == .filled }.reduce(Decimal(0)) { $0 + $1.totalCost } == Decimal(string: "1003")!)
        }
    }

    @Test func aKeySentToBothAtOnceMakesOneOrderAndBothAnswerIt() async throws {
        try await withReplicas { first, second in
            for index in 0..<20 {
                async let one = first.trade(buy, key: "k\(index)")
                async let other = second.trade(buy, key: "k\(index)")
                let (a, b) = try await (one, other)
                #expect(a.execution.orders.map(\.id) == b.execution.orders.map(\.id) && a.execution.orders.count == 1)
                let kinds = [a, b].map { if case .executed = $0 { "executed" } else { "replayed" } }.sorted()
                #expect(kinds == ["executed", "replayed"], "key k\(index): \(kinds)")
            }
            #expect(try await first.orders(limit: 100).count == 20)
            await #expect(throws: LedgerError.idempotencyConflict(key: "k0")) { try await second.trade(buy, key: "k0", fingerprint: "g") }
        }
    }

    @Test func eachSeesTheAccountsTheCurrentAccountAndThePricesTheOtherChanged() async throws {
        try await withReplicas { first, second in
            try await first.addAccount(Account(name: "策略A", cash: 500))
            await #expect(throws: LedgerError.accountExists(name: "策略A")) { try await second.addAccount(Account(name: "策略A", cash: 1)) }
            try await second.setCurrentAccount("策略A")
            let outcome = try await first.trade(buy, account: nil)
            #expect(outcome.execution.orders.first?.account == "策略A")
            #expect(try await second.account(named: "策略A")?.cash == Decimal(string: "489.97")!)
            #expect(try await second.marks() == ["AAPL": 10])
            #expect(try await first.currentAccountName() == "策略A")
            let history = try await second.equityHistory(account: "策略A")
            #expect(history.map(\.cash) == [500, Decimal(string: "489.97")!])
        }
    }

    /// A transaction reads the prices its accounts hold as well as those its signals trade: the equity it records
    /// values a position at the last price another replica set.
    @Test func anEquityPointValuesHeldPositionsAtTheLastPriceTheOtherReplicaSet() async throws {
        try await withReplicas { first, second in
            try await second.addAccount(Account(name: "策略A", cash: 500))
            _ = try await first.trade(buy)
            _ = try await second.execute(Signal(symbol: "AAPL", side: .buy, quantity: 1, price: 20), account: "策略A", source: "test", adapter: nil)
            _ = try await first.execute(Signal(symbol: "MSFT", side: .buy, quantity: 1, price: 5), account: "default", source: "test", adapter: nil)
            let cash = try #require(try await second.account(named: "default")?.cash)
            let history = try await second.equityHistory(account: "default")
            #expect(history.last?.equity == cash + 20 + 5, "history: \(history.map(\.equity)), cash \(cash)")
        }
    }
}
