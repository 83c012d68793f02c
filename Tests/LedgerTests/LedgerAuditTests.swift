import Core
import Foundation
import Testing

@testable import Ledger

/// Replaying an account's orders from its opening cash, as `papertrade verify` does.
@Suite struct LedgerAuditTests {
    private let time = Date(timeIntervalSince1970: 1_800_000_000)

    /// The orders a book records for these signals, and the account they leave.
    private func trade(_ signals: [Signal], cash: Decimal = 10_000) -> (orders: [Order], account: Account) {
        var book = AccountBook(engine: Engine(), nextOrderID: 1, lastPrices: [:])
        book.insert(Account(name: "a", cash: cash))
        var orders: [Order] = []
        for signal in signals {
            orders += book.execute(signal, account: "a", time: time, source: "test", adapter: nil)?.execution.orders ?? []
        }
        return (orders, book.accounts["a"]!)
    }

    private let signals = [
        Signal(symbol: "AAPL", side: .buy, quantity: 10, price: 185),
        Signal(symbol: "AAPL", side: .buy, quantity: 100, price: 185),  // refused: not enough cash
        Signal(symbol: "MSFT", side: .buy, quantity: 3, price: 410),
        Signal(symbol: "AAPL", side: .sell, quantity: 4, price: 190),
        Signal(symbol: "MSFT", side: .sell, quantity: 3, price: 400),
    ]

    @Test func theOrdersOfAnAccountReplayToIt() throws {
        let (orders, account) = trade(signals)
        #expect(orders.map(\.status) == [.filled, .rejected, .filled, .filled, .filled])
        let replayed = try LedgerAudit.replay("a", openingCash: 10_000, allowsShortSelling: false, orders: orders, moneyTick: Decimal(1, scale: 2))
            .get()
        #expect(replayed == account)
        #expect(LedgerAudit.difference(stored: account, replayed: replayed) == nil)
    }

    @Test func aLostADoubledOrAChangedOrderIsFound() throws {
        let (orders, account) = trade(signals)
        func difference(_ orders: [Order]) throws -> String? {
            let replayed = try LedgerAudit.replay(
                "a",
                openingCash: 10_000,
                allowsShortSelling: false,
                orders: orders,
                moneyTick: Decimal(1, scale: 2)
            ).get()
            return LedgerAudit.difference(stored: account, replayed: replayed)?.description
        }
        #expect(try difference(Array(orders.dropLast()))?.hasPrefix("account 'a': cash is ") == true)
        #expect(try difference(orders + [orders[0]]) != nil, "an order applied twice")
        var changed = orders
        changed[3].filledQuantity = 5
        changed[3].value = 950
        #expect(try difference(changed) != nil)
        var stored = account
        stored.positions["AAPL"]?.quantity = 7
        let replayed = try LedgerAudit.replay("a", openingCash: 10_000, allowsShortSelling: false, orders: orders, moneyTick: Decimal(1, scale: 2))
            .get()
        #expect(LedgerAudit.difference(stored: stored, replayed: replayed)?.description == "account 'a': AAPL quantity is 7, its orders make 6")
    }

    @Test func anOrderThatWouldOverdrawIsNamed() {
        let (orders, _) = trade(signals)
        let result = LedgerAudit.replay("a", openingCash: 100, allowsShortSelling: false, orders: orders, moneyTick: Decimal(1, scale: 2))
        guard case .failure(let difference) = result else {
            Issue.record("an overdraft replayed")
            return
        }
        #expect(difference.what.hasPrefix("order 1 takes cash to -"))
    }
}
