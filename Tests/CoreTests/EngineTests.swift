import Foundation
import Testing

@testable import Core

@Suite struct EngineTests {
    let engine = Engine()
    let buy = Signal(symbol: "AAPL", side: .buy, quantity: 100, price: decimal("185.50"))

    @Test func buyMovesCashAndOpensAPosition() throws {
        var account = Account(name: "策略A", cash: 100_000)
        try engine.execute(buy, on: &account)
        #expect(account.cash == decimal("81422.44"))
        let position = account.position("AAPL")
        #expect(position.quantity == 100)
        #expect(position.costBasis == decimal("18577.56"))
        #expect(position.averageCost == decimal("185.7756"))
    }

    @Test func insufficientFundsNamesBothAmountsInBothLanguages() {
        var account = Account(name: "default", cash: 10_000)
        #expect(throws: TradeRejection.insufficientFunds(needed: decimal("18577.56"), available: 10_000)) {
            try engine.execute(buy, on: &account)
        }
        let rejection = TradeRejection.insufficientFunds(needed: decimal("18577.56"), available: 10_000)
        #expect(rejection.code == "insufficient_funds")
        #expect(rejection.message.chinese == "资金不足: 需要 18577.56, 可用 10000")
        #expect(rejection.message.english == "Insufficient funds: need 18577.56, available 10000")
        #expect(account == Account(name: "default", cash: 10_000))
    }

    @Test func sellingMoreThanHeldIsRefusedUnlessShortingIsOn() throws {
        var account = Account(name: "default", cash: 100_000)
        let sell = Signal(symbol: "TSLA", side: .sell, quantity: 50, price: 250)
        #expect(throws: TradeRejection.insufficientPosition(symbol: "TSLA", needed: 50, held: 0)) { try engine.execute(sell, on: &account) }
        #expect(account.positions.isEmpty && account.cash == 100_000)
        account.allowsShortSelling = true
        try engine.execute(sell, on: &account)
        #expect(account.position("TSLA").quantity == -50)
        // 50 at 249.88 = 12494, commission 12.494 rounded up to 12.50.
        #expect(account.cash == decimal("112481.5"))
    }

    @Test func roundTripRealizesProfitNetOfBothCommissions() throws {
        var account = Account(name: "default", cash: 100_000)
        try engine.execute(buy, on: &account)
        try engine.execute(Signal(symbol: "AAPL", side: .sell, quantity: 100, price: 190), on: &account)
        let position = account.position("AAPL")
        #expect(position.quantity == 0)
        #expect(position.costBasis == 0)
        #expect(position.realizedPnL == 18972 - decimal("18577.56"))
        #expect(account.cash == 100_000 + position.realizedPnL)
    }

    @Test func partialCloseReleasesProportionalBasis() throws {
        var account = Account(name: "default", cash: 100_000)
        try engine.execute(buy, on: &account)
        try engine.execute(Signal(symbol: "AAPL", side: .sell, quantity: 40, price: 190), on: &account)
        let position = account.position("AAPL")
        #expect(position.quantity == 60)
        #expect(position.costBasis == decimal("11146.54"))
        #expect(position.realizedPnL == decimal("7588.80") - decimal("7431.02"))
    }

    @Test func flippingFromShortToLongClosesThenOpens() throws {
        var account = Account(name: "default", cash: 100_000, allowsShortSelling: true)
        try engine.execute(Signal(symbol: "X", side: .sell, quantity: 10, price: 100), on: &account)
        try engine.execute(Signal(symbol: "X", side: .buy, quantity: 30, price: 100), on: &account)
        #expect(account.position("X").quantity == 20)
        #expect(account.position("X").costBasis > 0)
        #expect(account.position("X").realizedPnL < 0)
    }

    /// cash + Σ cost basis − Σ realized P&L is the starting cash after any sequence of trades.
    @Test func randomTradesConserveMoney() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var account = Account(name: "default", cash: 1_000_000, allowsShortSelling: Bool.random(using: &generator))
            for _ in 0..<40 {
                let signal = Signal(
                    symbol: ["A", "B"].randomElement(using: &generator)!,
                    side: Bool.random(using: &generator) ? .buy : .sell,
                    quantity: Decimal(Int.random(in: 1...500, using: &generator)) / 10,
                    price: Decimal(Int.random(in: 100...100_000, using: &generator)) / 100
                )
                let before = account
                do {
                    try engine.execute(signal, on: &account)
                } catch {
                    #expect(account == before)
                }
                #expect(account.cash >= 0 || account.allowsShortSelling)
                let basis = account.positions.values.reduce(Decimal(0)) { $0 + $1.costBasis }
                let realized = account.positions.values.reduce(Decimal(0)) { $0 + $1.realizedPnL }
                #expect(account.cash + basis - realized == 1_000_000)
            }
        }
    }

    @Test func acceptLanguagePicksChineseOnlyWhenAskedFirst() {
        #expect(Language(acceptLanguage: "zh") == .chinese)
        #expect(Language(acceptLanguage: "zh-CN,zh;q=0.9") == .chinese)
        #expect(Language(acceptLanguage: "en-US,zh;q=0.5") == .english)
        #expect(Language(acceptLanguage: nil) == .english)
        #expect(Language(acceptLanguage: "zhx") == .english)
    }
}
