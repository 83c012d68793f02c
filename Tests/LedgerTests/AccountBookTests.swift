import Core
import Foundation
import Testing

@testable import Ledger

/// The account book alone: no storage, no waiting. Worked numbers use the default model (5 bps, 0.1 % commission).
@Suite struct AccountBookTests {
    private let time = Date(timeIntervalSince1970: 1_800_000_000)

    private func book(cash: Decimal = 100_000, allowsShort: Bool = false) -> AccountBook {
        var book = AccountBook(engine: Engine(), nextOrderID: 7, lastPrices: ["MSFT": 400])
        book.insert(Account(name: "a", cash: cash, allowsShortSelling: allowsShort))
        return book
    }

    private func buy(_ quantity: Decimal, _ symbol: String = "AAPL", at price: Decimal = Decimal(string: "185.50")!) -> Signal {
        Signal(symbol: symbol, side: .buy, quantity: quantity, price: price)
    }

    @Test func aFillMovesTheAccountAndWritesWhatItLeaves() throws {
        var book = book()
        let claim = IdempotencyClaim(key: "k", fingerprint: "f")
        let result = book.execute(buy(100), account: "a", time: time, source: "test", adapter: "standard", idempotency: claim)
        let (execution, write, _) = try #require(result)
        // The seed's example: 185.59 × 100 = 18559, commission 18.56, total 18577.56.
        #expect(execution.orders.map(\.id) == [7])
        #expect(execution.filled && execution.refusal == nil && execution.adapter == "standard")
        #expect(write.cash == 100_000 - Decimal(string: "18577.56")!)
        #expect(write.position?.quantity == 100 && write.position?.costBasis == Decimal(string: "18577.56")!)
        #expect(write.lastPrice == Decimal(string: "185.50")!)
        // Equity marks AAPL at the signal's price: 81422.44 + 18550.
        #expect(write.equity == Decimal(string: "99972.44")!)
        #expect(write.idempotency == IdempotencyRecord(claim, account: "a", execution: execution, createdAt: time))
        #expect(book.accounts["a"]?.cash == write.cash)
        #expect(book.lastPrices == ["MSFT": 400, "AAPL": Decimal(string: "185.50")!])
        #expect(book.nextOrderID == 8)
    }

    @Test func aRefusalIsRecordedAndChangesNothing() throws {
        var book = book(cash: 100)
        let result = book.execute(buy(100), account: "a", time: time, source: "test", adapter: nil)
        let (execution, write, _) = try #require(result)
        #expect(execution.refusal?.code == "insufficient_funds")
        #expect(execution.refusal?.message.chinese == "资金不足: 需要 18577.56, 可用 100")
        #expect(execution.orders.map(\.status) == [.rejected] && !execution.filled)
        #expect(write.cash == 100 && write.position == nil && write.lastPrice == nil && write.equity == nil)
        #expect(book.accounts["a"] == Account(name: "a", cash: 100))
        #expect(book.lastPrices == ["MSFT": 400])
        #expect(book.nextOrderID == 8, "a refused order still takes an id")
    }

    @Test func aReverseNumbersBothLegsAndTheRecordNamesThem() throws {
        var book = book(allowsShort: true)
        _ = book.execute(buy(100), account: "a", time: time, source: "test", adapter: nil)
        var reverse = buy(0)
        reverse.intent = .reverse
        reverse.quantity = 100
        reverse.sizing = .percentOfPosition
        let claim = IdempotencyClaim(key: "r", fingerprint: "f")
        let result = book.execute(reverse, account: "a", time: time, source: "test", adapter: nil, idempotency: claim)
        let (execution, write, _) = try #require(result)
        #expect(execution.orders.map(\.id) == [8, 9])
        #expect(execution.orders.map(\.side) == [.sell, .sell])
        #expect(write.idempotency?.orderIDs == [8, 9])
        #expect(write.position?.quantity == -100)
        #expect(book.accounts["a"]?.position("AAPL").quantity == -100)
    }

    @Test func nothingToDoIsAnExecutionWithoutOrders() throws {
        var book = book()
        var exit = buy(100)
        exit.intent = .exit(only: nil)
        let result = book.execute(exit, account: "a", time: time, source: "test", adapter: nil)
        let (execution, write, _) = try #require(result)
        #expect(execution.orders.isEmpty && execution.refusal == nil && !execution.filled)
        #expect(execution.noAction?.english == "No position in AAPL to exit; nothing to do")
        #expect(write.orders.isEmpty && write.equity == nil)
        #expect(book.nextOrderID == 7)
    }

    @Test func anAccountNotLoadedIsNotTraded() {
        var book = book()
        #expect(book.execute(buy(1), account: "b", time: time, source: "test", adapter: nil) == nil)
    }

    @Test func insertingKeepsTheBooksOwnCopy() {
        var book = book()
        _ = book.execute(buy(100), account: "a", time: time, source: "test", adapter: nil)
        let traded = book.accounts["a"]
        book.insert(Account(name: "a", cash: 100_000))
        #expect(book.accounts["a"] == traded)
    }

    @Test func aRollBackForgetsAccountsAndUncommittedPrices() throws {
        var book = book()
        let result = book.execute(buy(1, at: 10), account: "a", time: time, source: "test", adapter: nil)
        let first = try #require(result)
        book.markCommitted([.execution(first.write)])
        _ = book.execute(buy(1, at: 12), account: "a", time: time, source: "test", adapter: nil)
        #expect(book.lastPrices["AAPL"] == 12)
        book.rollBack()
        #expect(book.accounts.isEmpty)
        #expect(book.lastPrices == ["MSFT": 400, "AAPL": 10])
        #expect(book.nextOrderID == 9, "ids handed out are never handed out again")
    }
}
