import Foundation
import Testing

@testable import Core

func decimal(_ text: String) -> Decimal { Decimal(exactly: text)! }

@Suite struct ExecutionModelTests {
    @Test func defaultsReproduceTheSeedExample() {
        let fill = ExecutionModel().fill(for: Signal(symbol: "AAPL", side: .buy, quantity: 100, price: decimal("185.50")))
        #expect(fill.executionPrice == decimal("185.59"))
        #expect(fill.filledQuantity == 100)
        #expect(fill.value == 18559)
        #expect(fill.slippage == decimal("0.09"))
        #expect(fill.commission == decimal("18.56"))
        #expect(fill.fillRate == 1)
        #expect(fill.totalCost == decimal("18577.56"))
        #expect(fill.status == .filled)
    }

    @Test func sellSlipsDownAndNetsCommission() {
        let fill = ExecutionModel().fill(for: Signal(symbol: "AAPL", side: .sell, quantity: 100, price: 190))
        #expect(fill.executionPrice == decimal("189.91"))
        #expect(fill.value == 18991)
        #expect(fill.commission == decimal("18.99"))
        #expect(fill.totalCost == decimal("18972.01"))
        #expect(fill.cashChange == decimal("18972.01"))
    }

    @Test func partialFillRateFillsThatShare() {
        var model = ExecutionModel()
        model.fillRate = decimal("0.5")
        let fill = model.fill(for: Signal(symbol: "BTC", side: .buy, quantity: decimal("0.015"), price: 64000))
        #expect(fill.filledQuantity == decimal("0.0075"))
        #expect(fill.status == .partiallyFilled)
        #expect(fill.value == decimal("480.24"))
    }

    @Test func everyParameterIsConfigurable() {
        var model = ExecutionModel()
        model.slippageBasisPoints = 0
        model.commissionRate = 0
        model.minimumCommission = 1
        model.priceTick = decimal("0.05")
        model.quantityStep = 1
        let fill = model.fill(for: Signal(symbol: "X", side: .buy, quantity: decimal("10.7"), price: decimal("10.12")))
        #expect(fill.executionPrice == decimal("10.10"))
        #expect(fill.filledQuantity == 10)
        #expect(fill.commission == 1)
        #expect(fill.slippage == decimal("0.02"))
    }
}
