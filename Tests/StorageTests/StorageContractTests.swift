import Core
import Foundation
import Ledger
import PostgresLedger
import SQLiteLedger
import Testing

/// What every ledger storage keeps and gives back the same way, SQLite and PostgreSQL alike: exact money, orders in
/// the order asked for, keys with their refusals, the delivery log, users, sessions and tokens.
@Suite(.serialized) struct StorageContractTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static let backends = Backend.allCases.filter { $0 == .sqlite || TestDatabase.isAvailable }

    private func withStorage(_ backend: Backend, _ body: (any LedgerStorage & UserStore & AccountTokenStore) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("papertrade-contract-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try await body(try SQLiteStorage(directory: directory))
        case .postgres:
            try await TestDatabase.withFresh { url in
                let storage = try await PostgresStorage.connect(url)
                defer { storage.close() }
                try await body(storage)
            }
        }
    }

    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A storage prepared with one account, `default`, and nothing to prune.
    private func withPreparedStorage(
        _ backend: Backend,
        _ body: (any LedgerStorage & UserStore & AccountTokenStore) async throws -> Void
    )
        async throws
    {
        try await withStorage(backend) { storage in
            _ = try await storage.prepare(
                defaultAccount: Account(name: "default", cash: 1),
                createdAt: start,
                idempotencyCutoff: start,
                deliveryCutoff: start
            )
            try await body(storage)
        }
    }

    private func order(_ id: Int64, symbol: String = "AAPL", quantity: String = "0.00000001", price: String = "123456789.12345678") -> Order {
        Order(
            id: id,
            account: "策略A",
            symbol: symbol,
            side: .buy,
            requestedQuantity: Decimal(exactly: quantity)!,
            filledQuantity: Decimal(exactly: quantity)!,
            requestedPrice: Decimal(exactly: price)!,
            executionPrice: Decimal(exactly: price)! + Decimal(exactly: "0.01")!,
            value: Decimal(exactly: "1.23")!,
            slippage: Decimal(exactly: "0.01")!,
            commission: Decimal(exactly: "0.02")!,
            tax: Decimal(exactly: "0.001")!,
            fillRate: Decimal(exactly: "0.5")!,
            time: start,
            status: .partiallyFilled,
            rejection: nil,
            source: "webhook",
            adapter: "standard"
        )
    }

    @Test(arguments: backends) func executionsReadBackExactly(_ backend: Backend) async throws {
        try await withStorage(backend) { storage in
            let opening = Decimal(exactly: "999999999999999.99")!
            let state = try await storage.prepare(
                defaultAccount: Account(name: "策略A", cash: opening),
                createdAt: start,
                idempotencyCutoff: start - 1,
                deliveryCutoff: start - 1
            )
            #expect(state.lastPrices.isEmpty)
            let position = Position(symbol: "AAPL", quantity: Decimal(exactly: "0.00000002")!, costBasis: Decimal(exactly: "2.46")!, multiplier: 100)
            let refusal = Refusal(code: "insufficient_funds", kind: .tradeRefused, message: LocalizedMessage(english: "no cash", chinese: "资金不足"))
            let record = IdempotencyRecord(
                account: "策略A",
                key: "k",
                fingerprint: "f",
                createdAt: start,
                orderIDs: [2, 1],
                refusal: refusal,
                noAction: LocalizedMessage(english: "nothing", chinese: "无"),
                adapter: "standard"
            )
            let cash = opening - Decimal(exactly: "2.46")!
            try await storage.commit([
                .execution(
                    ExecutionWrite(
                        orders: [order(1), order(2, symbol: "MSFT")],
                        account: "策略A",
                        time: start,
                        cash: cash,
                        position: position,
                        lastPrice: Decimal(exactly: "123456789.12345678")!,
                        equity: Decimal(exactly: "1000000000000000.01")!,
                        idempotency: record
                    )
                ),
                .currentAccount("策略A"),
            ])
            #expect(try await storage.orders(ids: [2, 99, 1]) == [order(2, symbol: "MSFT"), order(1)])
            #expect(try await storage.orders(account: "策略A", symbol: "MSFT", status: nil, limit: 10) == [order(2, symbol: "MSFT")])
            #expect(try await storage.orders(account: nil, symbol: nil, status: nil, limit: 1).map(\.id) == [2])
            let account = try #require(try await storage.account(named: "策略A"))
            #expect(account.cash == cash && account.positions["AAPL"] == position)
            #expect(try await storage.account(named: "nobody") == nil)
            #expect(try await storage.idempotencyRecord(account: "策略A", key: "k") == record)
            #expect(try await storage.idempotencyRecord(account: "other", key: "k") == nil)
            #expect(try await storage.equityHistory(account: "策略A", limit: 10).map(\.equity) == [opening, Decimal(exactly: "1000000000000000.01")!])
            let statement = try #require(try await storage.statement(account: "策略A"))
            #expect(statement.account == account)
            #expect(try await storage.statements().map(\.account.name) == ["策略A"])
            let reopened = try await storage.prepare(
                defaultAccount: Account(name: "策略A", cash: 1),
                createdAt: start,
                idempotencyCutoff: start + 1,
                deliveryCutoff: start - 1
            )
            #expect(reopened.lastPrices == ["AAPL": Decimal(exactly: "123456789.12345678")!] && reopened.currentAccount == "策略A")
            #expect(try await storage.account(named: "策略A")?.cash == cash, "an existing default account is left as it is")
            #expect(try await storage.idempotencyRecord(account: "策略A", key: "k") == nil, "keys before the cutoff are pruned")
        }
    }

    /// A commit of many executions leaves each account's cash, each position and each last price as the last of
    /// them set it, whatever came between: one account is created in the same commit, one position closes, one
    /// execution fills nothing.
    @Test(arguments: backends) func aCommitOfManyExecutionsLeavesWhatTheLastOfEachSet(_ backend: Backend) async throws {
        try await withPreparedStorage(backend) { storage in
            func position(_ symbol: String, _ quantity: Int, realized: Int = 0) -> Position {
                Position(symbol: symbol, quantity: Decimal(quantity), costBasis: Decimal(quantity * 10), realizedPnL: Decimal(realized))
            }
            func execution(_ account: String, cash: Int, _ position: Position, price: Int?) -> LedgerWrite {
                .execution(
                    ExecutionWrite(
                        orders: [],
                        account: account,
                        time: start,
                        cash: Decimal(cash),
                        position: position,
                        lastPrice: price.map { Decimal($0) }
                    )
                )
            }
            try await storage.commit([
                .account(Account(name: "策略B", cash: 100), createdAt: start),
                execution("default", cash: 90, position("AAPL", 1), price: 10),
                execution("策略B", cash: 80, position("AAPL", 2), price: 11),
                execution("default", cash: 70, position("AAPL", 3), price: 12),
                execution("default", cash: 60, position("MSFT", 1), price: 20),
                execution("default", cash: 65, position("AAPL", 5), price: nil),
                execution("策略B", cash: 104, position("AAPL", 0, realized: 4), price: 13),
                .execution(ExecutionWrite(orders: [], account: "策略B", time: start, cash: 103)),
            ])
            let first = try #require(try await storage.account(named: "default"))
            #expect(first.cash == 65 && first.positions == ["AAPL": position("AAPL", 5), "MSFT": position("MSFT", 1)])
            let second = try #require(try await storage.account(named: "策略B"))
            #expect(second.cash == 103 && second.positions == ["AAPL": position("AAPL", 0, realized: 4)])
            let reopened = try await storage.prepare(
                defaultAccount: Account(name: "default", cash: 1),
                createdAt: start,
                idempotencyCutoff: start,
                deliveryCutoff: start
            )
            #expect(reopened.lastPrices == ["AAPL": 13, "MSFT": 20])
        }
    }

    /// Names Swift calls equal are one account whatever form they come in: storage compares text by its bytes.
    @Test(arguments: backends) func anAccountNameInAnyUnicodeFormIsOneAccount(_ backend: Backend) async throws {
        try await withStorage(backend) { storage in
            let ledger = try await Ledger.open(storage: storage, defaultAccount: Account(name: "default", cash: 1))
            let decomposed = "cafe\u{301}"
            try await ledger.addAccount(Account(name: decomposed, cash: 100))
            let outcome = try await ledger.execute(
                Signal(symbol: "AAPL", side: .buy, quantity: 1, price: 10),
                account: "caf\u{E9}",
                source: "test",
                adapter: nil
            )
            #expect(outcome.execution.filled)
            let stored = try #require(try await storage.account(named: "caf\u{E9}"))
            #expect(stored.cash == Decimal(string: "89.97")!)
            #expect(try await ledger.statement(account: decomposed)?.account.cash == stored.cash)
            #expect(try await ledger.orders(account: decomposed).count == 1)
            await #expect(throws: LedgerError.accountExists(name: "caf\u{E9}")) { try await ledger.addAccount(Account(name: "caf\u{E9}", cash: 1)) }
        }
    }

    @Test(arguments: backends) func deliveriesAreLoggedNewestFirstAndPruned(_ backend: Backend) async throws {
        try await withPreparedStorage(backend) { storage in
            func delivery(_ index: Int, body: String) -> Delivery {
                Delivery(
                    time: start + Double(index),
                    remoteAddress: index == 0 ? nil : "2001:db8::1",
                    path: "/api/webhook",
                    adapter: index == 1 ? nil : "standard",
                    status: 200 + index,
                    outcome: "ok",
                    orderID: nil,
                    latencyMicroseconds: Int64(index) * 1_000_000_000,
                    body: body
                )
            }
            let deliveries = (0..<3).map { delivery($0, body: "买入 \($0)") }
            try await storage.commit(deliveries.map(LedgerWrite.delivery))
            let logged = try await storage.deliveries(limit: 10)
            #expect(logged.map(\.body) == ["买入 2", "买入 1", "买入 0"])
            #expect(
                logged.map {
                    var delivery = $0
                    delivery.id = nil
                    return delivery
                } == deliveries.reversed()
            )
            try await storage.commit([.pruneDeliveries(before: start + 1)])
            #expect(try await storage.deliveries(limit: 10).count == 2)
            // A refused body may hold NUL, which SQLite would cut at and PostgreSQL refuse: it is logged all the same.
            try await storage.commit([.delivery(delivery(3, body: "a\u{0}b"))])
            #expect(try await storage.deliveries(limit: 1).first?.body == "a\u{FFFD}b")
        }
    }

    @Test(arguments: backends) func usersSessionsAndTokens(_ backend: Backend) async throws {
        try await withPreparedStorage(backend) { storage in
            #expect(try await storage.hasUsers() == false)
            try await storage.addUser(User(name: "ada", role: .admin), passwordHash: "h1", createdAt: start)
            await #expect(throws: LedgerError.userExists(name: "ada")) {
                try await storage.addUser(User(name: "ada", role: .viewer), passwordHash: "h2", createdAt: start)
            }
            try await storage.addUser(User(name: "bo", role: .viewer), passwordHash: "h3", createdAt: start)
            #expect(try await storage.users() == [User(name: "ada", role: .admin), User(name: "bo", role: .viewer)])
            #expect(try await storage.credentials(user: "ada")?.passwordHash == "h1")
            try await storage.addSession(digest: "s1", user: "ada", createdAt: start, expiresAt: start + 60)
            #expect(try await storage.user(sessionDigest: "s1", now: start + 59) == User(name: "ada", role: .admin))
            #expect(try await storage.user(sessionDigest: "s1", now: start + 61) == nil, "an expired session")
            #expect(try await storage.setPasswordHash("h4", user: "ada"))
            #expect(try await storage.user(sessionDigest: "s1", now: start) == nil, "a new password ends sessions")
            #expect(try await storage.setPasswordHash("h4", user: "nobody") == false)
            try await storage.addToken(digest: "t1", user: "bo", createdAt: start)
            #expect(try await storage.user(tokenDigest: "t1") == User(name: "bo", role: .viewer))
            #expect(try await storage.removeUser(named: "bo"))
            #expect(try await storage.user(tokenDigest: "t1") == nil, "removing a user revokes their tokens")
            #expect(try await storage.removeUser(named: "bo") == false)

            await #expect(throws: LedgerError.unknownAccount(name: "nobody")) {
                try await storage.addAccountToken(digest: "a0", account: "nobody", createdAt: self.start)
            }
            #expect(try await storage.hasAccountTokens() == false)
            try await storage.addAccountToken(digest: "a1", account: "default", createdAt: start)
            try await storage.addAccountToken(digest: "a2", account: "default", createdAt: start)
            #expect(try await storage.account(tokenDigest: "a1") == "default")
            #expect(try await storage.hasAccountTokens())
            #expect(try await storage.removeAccountTokens(account: "default") == 2)
            #expect(try await storage.account(tokenDigest: "a1") == nil)
        }
    }
}
