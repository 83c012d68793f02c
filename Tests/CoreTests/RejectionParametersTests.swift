import Foundation
import Testing

@testable import Core

/// A rejection kept as its parameters is the same rejection read back, in every language.
@Suite struct RejectionParametersTests {
    static let every: [TradeRejection] = [
        .insufficientFunds(needed: Decimal(string: "100150.05")!, available: 100_000),
        .insufficientPosition(symbol: "策略A", needed: Decimal(string: "0.5")!, held: 0),
        .shortSellingOff(symbol: "BTCUSDT", opening: Decimal(string: "0.5")!, closed: Decimal(string: "0.5")!),
        .nothingFilled(requested: Decimal(string: "0.001")!, step: 1, minimum: 100),
        .priceBelowTick(price: Decimal(string: "0.001")!, tick: Decimal(string: "0.01")!),
        .valueRoundsToZero(quantity: Decimal(string: "0.0001")!, price: 1),
        .amountTooLarge(value: Decimal(string: "1e16")!),
        .invalidSizing(.percentOfPosition, intent: "target"),
    ]

    @Test(arguments: every)
    func everyRejectionReadsBackFromItsParameters(_ rejection: TradeRejection) throws {
        let again = try #require(TradeRejection(parameters: rejection.parameters))
        #expect(again == rejection)
        #expect(again.message == rejection.message && again.code == rejection.code)
    }

    @Test func parametersThatNameNoRejectionReadAsNone() {
        #expect(TradeRejection(parameters: ["reason": "gamma_squeeze"]) == nil)
        #expect(TradeRejection(parameters: ["reason": "insufficient_funds", "needed": "10"]) == nil, "a figure is missing")
        #expect(TradeRejection(parameters: ["reason": "insufficient_funds", "needed": "ten", "available": "1"]) == nil)
        #expect(TradeRejection(parameters: ["reason": "invalid_sizing", "sizing": "lots", "intent": "target"]) == nil)
    }
}
