import Foundation
import Testing

@testable import Core

/// Exit, reverse and target intents, and sizing by units, cash, equity and position, with worked numbers.
@Suite struct IntentTests {
    private let engine = Engine()

    /// An account holding `quantity` AAPL bought at 185.50 (short when negative), short selling allowed.
    private func holding(_ quantity: Decimal) throws -> Account {
        var account = Account(name: "a", cash: 1_000_000, allowsShortSelling: true)
        if quantity != 0 {
            try engine.execute(
                Signal(symbol: "AAPL", side: quantity > 0 ? .buy : .sell, quantity: abs(quantity), price: decimal("185.50")),
                on: &account
            )
        }
        return account
    }

    private func signal(_ intent: Intent, _ quantity: Decimal = 100, sizing: Sizing = .units, price: Decimal = 190) -> Signal {
        Signal(symbol: "AAPL", side: .buy, quantity: quantity, price: price, intent: intent, sizing: sizing)
    }

    private func legs(_ plan: Plan) -> [String] {
        plan.legs.map { "\($0.side.rawValue) \($0.quantity)" }
    }

    @Test func exitClosesAllOrPartOfEitherSide() throws {
        #expect(legs(try engine.plan(signal(.exit(only: nil), sizing: .percentOfPosition), on: holding(300))) == ["sell 300"])
        #expect(legs(try engine.plan(signal(.exit(only: nil), 120), on: holding(300))) == ["sell 120"])
        #expect(legs(try engine.plan(signal(.exit(only: nil), 500), on: holding(300))) == ["sell 300"], "never past flat")
        #expect(legs(try engine.plan(signal(.exit(only: nil), 50, sizing: .percentOfPosition), on: holding(-300))) == ["buy 150"])
        let flat = try engine.plan(signal(.exit(only: nil)), on: holding(0))
        #expect(flat.legs.isEmpty && flat.noAction?.english == "No position in AAPL to exit; nothing to do")
    }

    @Test func anExitOfOneSideLeavesTheOther() throws {
        #expect(legs(try engine.plan(signal(.exit(only: .long), sizing: .percentOfPosition), on: holding(300))) == ["sell 300"])
        let short = try engine.plan(signal(.exit(only: .long), sizing: .percentOfPosition), on: holding(-300))
        #expect(short.legs.isEmpty)
        #expect(short.noAction?.english == "The position in AAPL is -300 (short); an exit of long positions leaves it")
        #expect(legs(try engine.plan(signal(.exit(only: .short), sizing: .percentOfPosition), on: holding(-300))) == ["buy 300"])
    }

    @Test func reverseClosesThenOpensTheOtherWay() throws {
        var account = try holding(100)
        let fills = try engine.execute(signal(.reverse, 100, sizing: .percentOfPosition), on: &account)
        #expect(fills.map(\.side) == [.sell, .sell])
        #expect(fills.map(\.filledQuantity) == [100, 100])
        #expect(account.position("AAPL").quantity == -100)
        // Each leg fills at 190 less 5 bps: 189.905 → 189.91; 18991 each, commission 18.991 → 19.
        #expect(fills.map(\.totalCost) == [18972, 18972])
        #expect(legs(try engine.plan(signal(.reverse, 40), on: holding(-100))) == ["buy 100", "buy 40"])
        #expect(try engine.plan(signal(.reverse), on: holding(0)).legs.isEmpty)
    }

    @Test func aTargetOrdersTheDifferenceAndCrossesZeroInTwoLegs() throws {
        #expect(legs(try engine.plan(signal(.target, 250), on: holding(100))) == ["buy 150"])
        #expect(legs(try engine.plan(signal(.target, 40), on: holding(100))) == ["sell 60"])
        #expect(legs(try engine.plan(signal(.target, 0), on: holding(100))) == ["sell 100"])
        #expect(legs(try engine.plan(signal(.target, -50), on: holding(100))) == ["sell 100", "sell 50"])
        #expect(legs(try engine.plan(signal(.target, 30), on: holding(-100))) == ["buy 100", "buy 30"])
        let there = try engine.plan(signal(.target, 100), on: holding(100))
        #expect(there.legs.isEmpty && there.noAction?.english == "The position in AAPL is already 100; nothing to do")
        #expect(throws: TradeRejection.invalidSizing(.percentOfPosition, intent: "target")) {
            try engine.plan(signal(.target, 50, sizing: .percentOfPosition), on: holding(100))
        }
    }

    @Test func crossingZeroIsAllOrNothing() throws {
        // No short selling: the closing sell would fill, the opening one may not; neither does.
        var account = try holding(100)
        account.allowsShortSelling = false
        let before = account
        #expect(throws: TradeRejection.shortSellingOff(symbol: "AAPL", opening: 50, closed: 100)) {
            try engine.execute(signal(.target, -50), on: &account)
        }
        #expect(account == before)
        // The refusal names the leg it refused, and says that the short, not the sale of what is held, needs it.
        #expect(throws: LegRejection(leg: 2, rejection: .shortSellingOff(symbol: "AAPL", opening: 50, closed: 100))) {
            try engine.executeLegs(engine.plan(signal(.target, -50), on: account), on: &account)
        }
        #expect(
            TradeRejection.shortSellingOff(symbol: "AAPL", opening: 50, closed: 100).message.english
                == "Opening a short of 50 in AAPL, after selling the 100 held, needs short selling, which this account does not allow"
        )
        // A sell of more than is held, alone, is still told as that.
        #expect(throws: LegRejection(leg: 1, rejection: .insufficientPosition(symbol: "AAPL", needed: 150, held: 100))) {
            try engine.executeLegs(Plan(legs: [Signal(symbol: "AAPL", side: .sell, quantity: 150, price: 190)]), on: &account)
        }
    }

    @Test func sizingByCashEquityAndPosition() throws {
        let account = try holding(0)
        // 10000 of cash at 190 buys at 190.1 (5 bps) with 0.1 % commission: about 10000 / (190.1 × 1.001) units, the
        // most (to the 1e-8 step) whose value and commission, each rounded up to the cent, come to at most 10000.
        let notional = try engine.quote(signal(.trade, 10_000, sizing: .notional), on: account)
        #expect(notional.fills.map(\.filledQuantity) == [decimal("52.55128879")])
        #expect(notional.fills.map(\.totalCost) == [decimal("9999.99")])
        let oneStepMore = try engine.quote(signal(.trade, decimal("52.55128880")), on: account)
        #expect(oneStepMore.fills[0].totalCost > 10_000)
        // 10 % of equity 1,000,000: 100,000 of cash, the same way.
        let equity = try engine.quote(signal(.trade, 10, sizing: .percentOfEquity), on: account)
        #expect(equity.fills.map(\.filledQuantity) == [decimal("525.51336138")])
        #expect(equity.fills[0].totalCost <= 100_000)
        // Equity counts positions at their marks: 100 AAPL bought for 18577.56 and marked at 200 add 20000.
        let held = try holding(100)
        #expect(held.equity(at: ["AAPL": 200]) == held.cash + 20_000)
        #expect(held.equity(at: [:]) == held.cash + decimal("18577.56"))
        // A target of 19000 is what 19000 buys from flat, fees included: 99.84750131 at 190; 100 are held.
        let targetCash = try engine.plan(signal(.target, 19_000, sizing: .notional), on: held)
        #expect(legs(targetCash) == ["sell 0.15249869"])
        #expect(legs(try engine.plan(signal(.trade, 25, sizing: .percentOfPosition), on: held)) == ["buy 25"])
    }

    @Test func aTargetReachedToWithinTheStepIsNoAction() throws {
        var model = ExecutionModel()
        model.instruments.entries = [
            .init(
                pattern: SymbolPattern("*.SH"),
                instrument: instrument {
                    $0.quantityStep = 100
                    $0.minimumQuantity = 100
                }
            )
        ]
        let engine = Engine(model: model)
        var account = Account(name: "a", cash: 1_000_000)
        try engine.execute(Signal(symbol: "600000.SH", side: .buy, quantity: 100, price: 7, intent: .target), on: &account)
        let half = try engine.plan(Signal(symbol: "600000.SH", side: .buy, quantity: 150, price: 7, intent: .target), on: account)
        #expect(half.legs.isEmpty && half.noAction?.english == "The position in 600000.SH is already 100; nothing to do")
        // The same cash target twice: the second finds it reached, whatever the quotient's last digits.
        var cash = Account(name: "b", cash: 100_000)
        let tenThousand = Signal(symbol: "AAPL", side: .buy, quantity: 10_000, price: decimal("185.5"), intent: .target, sizing: .notional)
        let first = try Engine().execute(tenThousand, on: &cash)
        #expect(first.map(\.filledQuantity) == [decimal("53.82833126")] && first[0].totalCost <= 10_000)
        #expect(first.map(\.status) == [.filled])
        #expect(try Engine().plan(tenThousand, on: cash).legs.isEmpty)
    }

    @Test func lessThanACentIsRefusedOnBothSides() throws {
        let model = model(
            instrument {
                $0.priceTick = decimal("0.00000001")
                $0.slippage = .basisPoints(0)
            },
            for: "DUST"
        )
        for side in [Side.buy, .sell] {
            #expect(throws: TradeRejection.valueRoundsToZero(quantity: 1, price: decimal("0.00001234"))) {
                try model.fill(for: Signal(symbol: "DUST", side: side, quantity: 1, price: decimal("0.00001234")))
            }
        }
    }
}
