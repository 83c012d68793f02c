import Foundation
import TestSupport
import Testing

@testable import Core

/// Over random instruments and random signal sequences: rounding never makes money, and money is conserved.
@Suite struct MoneyPropertyTests {
    static func randomInstrument(using generator: inout SeededGenerator) -> Instrument {
        var instrument = Instrument()
        instrument.priceTick = [decimal("0.00001"), decimal("0.001"), decimal("0.01"), decimal("0.25"), 1].randomElement(using: &generator)!
        instrument.quantityStep = [decimal("0.00000001"), decimal("0.001"), 1, 100].randomElement(using: &generator)!
        instrument.minimumQuantity = Bool.random(using: &generator) ? 0 : instrument.quantityStep * 2
        instrument.multiplier = [1, 1, 20, 50, decimal("0.1")].randomElement(using: &generator)!
        instrument.slippage =
            Bool.random(using: &generator)
            ? .basisPoints([0, 1, 5, 50].randomElement(using: &generator)!) : .ticks([0, 1, 3].randomElement(using: &generator)!)
        instrument.fees.rate = [0, decimal("0.00003"), decimal("0.00025"), decimal("0.001")].randomElement(using: &generator)!
        instrument.fees.minimum = [0, 0, 1, 5].randomElement(using: &generator)!
        instrument.fees.perUnit = [0, 0, decimal("0.01"), decimal("2.25")].randomElement(using: &generator)!
        instrument.fees.sellTaxRate = [0, decimal("0.0005")].randomElement(using: &generator)!
        return instrument
    }

    static func randomPrice(for instrument: Instrument, using generator: inout SeededGenerator) -> Decimal {
        // Prices on and off the tick, from one tick to a few thousand.
        let ticks = Decimal(Int.random(in: 1...400_000, using: &generator))
        let offTick = Decimal(Int.random(in: 0...9, using: &generator)) * instrument.priceTick / 10
        return ticks * instrument.priceTick / [1, 10, 100].randomElement(using: &generator)! + offTick + instrument.priceTick
    }

    /// A model trading one random instrument, its engine, and a price on the instrument's grid.
    private static func randomMarket(using generator: inout SeededGenerator) -> (model: ExecutionModel, engine: Engine, price: Decimal) {
        var model = ExecutionModel()
        model.instruments.fallback = randomInstrument(using: &generator)
        return (model, Engine(model: model), randomPrice(for: model.instruments.fallback, using: &generator))
    }

    static func randomQuantity(for instrument: Instrument, using generator: inout SeededGenerator) -> Decimal {
        let steps = Decimal(Int.random(in: 1...2_000, using: &generator))
        return steps * instrument.quantityStep / [1, 1, 3, 7].randomElement(using: &generator)!
    }

    /// Sizing by money buys what the money pays for, slippage and fees included: a buy of 100 % of equity (or of all
    /// the cash) fills whenever the smallest order is affordable, never overdraws, and one step more would cost more.
    @Test func aBuyOfAllTheMoneyFillsAndNeverOverdraws() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var filled = 0
        for _ in 0..<1000 {
            let (model, engine, price) = Self.randomMarket(using: &generator)
            let instrument = model.instruments.fallback
            let cash = Decimal(Int.random(in: 1...10_000_000, using: &generator)) / [1, 100].randomElement(using: &generator)!
            let sizing: Sizing = Bool.random(using: &generator) ? .percentOfEquity : .notional
            let signal = Signal(symbol: "X", side: .buy, quantity: sizing == .notional ? cash : 100, price: price, sizing: sizing)
            let smallest = Swift.max(instrument.quantityStep, instrument.minimumQuantity)
            let affordable = (try? model.fill(for: Signal(symbol: "X", side: .buy, quantity: smallest, price: price))).map { $0.totalCost <= cash }
            var account = Account(name: "a", cash: cash)
            do {
                let fills = try engine.execute(signal, on: &account)
                filled += 1
                #expect(account.cash >= 0 && fills[0].totalCost <= cash, "seed \(seed): \(instrument) \(signal)")
                let more = Signal(symbol: "X", side: .buy, quantity: fills[0].filledQuantity + instrument.quantityStep, price: price)
                if let next = try? model.fill(for: more) { #expect(next.totalCost > cash, "seed \(seed): a step more fits: \(instrument) \(signal)") }
            } catch {
                #expect(affordable != true, "seed \(seed): \(error) though \(smallest) is affordable: \(instrument) \(signal)")
                #expect(account.cash == cash)
            }
        }
        #expect(filled > 300, "seed \(seed): only \(filled) filled")
    }

    @Test func noRoundTripAtOnePriceEverProfits() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var checked = 0
        for _ in 0..<400 {
            let (model, engine, price) = Self.randomMarket(using: &generator)
            let start = Decimal(Int.random(in: 1...100_000_000, using: &generator))
            var account = Account(name: "a", cash: start, allowsShortSelling: Bool.random(using: &generator))
            // Open in several pieces, in either direction, then close in other pieces, all at one requested price.
            let opening: Side = Bool.random(using: &generator) ? .buy : .sell
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let quantity = Self.randomQuantity(for: model.instruments.fallback, using: &generator)
                _ = try? engine.execute(Signal(symbol: "X", side: opening, quantity: quantity, price: price), on: &account)
            }
            var rounds = 0
            while account.position("X").quantity != 0, rounds < 20 {
                rounds += 1
                let held = abs(account.position("X").quantity)
                let piece =
                    Bool.random(using: &generator) ? held : Swift.min(held, Self.randomQuantity(for: model.instruments.fallback, using: &generator))
                let closing: Side = account.position("X").quantity > 0 ? .sell : .buy
                if (try? engine.execute(Signal(symbol: "X", side: closing, quantity: piece, price: price), on: &account)) == nil {
                    _ = try? engine.execute(Signal(symbol: "X", side: closing, quantity: held, price: price), on: &account)
                }
            }
            guard account.position("X").quantity == 0 else { continue }
            checked += 1
            #expect(account.cash <= start, "seed \(seed): \(model.instruments.fallback) at \(price): \(start) became \(account.cash)")
        }
        #expect(checked > 200, "seed \(seed): only \(checked) round trips closed")
    }

    @Test func cashAndPositionsAtCostStayConsistentOverRandomSequences() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<100 {
            var model = ExecutionModel()
            model.fillRate = [1, 1, decimal("0.5"), decimal("0.37")].randomElement(using: &generator)!
            for symbol in ["A", "B"] {
                model.instruments.entries.append(.init(pattern: SymbolPattern(symbol), instrument: Self.randomInstrument(using: &generator)))
            }
            let engine = Engine(model: model)
            let start = Decimal(Int.random(in: 1...10_000_000, using: &generator))
            var account = Account(name: "a", cash: start, allowsShortSelling: Bool.random(using: &generator))
            for _ in 0..<60 {
                let symbol = ["A", "B"].randomElement(using: &generator)!
                let instrument = model.instruments.instrument(for: symbol)
                // Every way to trade: buy and sell deltas, exits, reverses and targets, sized every way that applies.
                let intent = [Intent.trade, .trade, .exit(only: nil), .exit(only: .long), .exit(only: .short), .reverse, .target]
                    .randomElement(using: &generator)!
                var sizing = Sizing.allCases.randomElement(using: &generator)!
                if intent == .target, sizing == .percentOfPosition { sizing = .units }
                var quantity = Self.randomQuantity(for: instrument, using: &generator)
                if sizing == .notional { quantity *= instrument.priceTick * 100 }
                if sizing == .percentOfEquity || sizing == .percentOfPosition { quantity = Decimal(Int.random(in: 1...150, using: &generator)) }
                if intent == .target, Bool.random(using: &generator) { quantity = -quantity }
                let signal = Signal(
                    symbol: symbol,
                    side: Bool.random(using: &generator) ? .buy : .sell,
                    quantity: quantity,
                    price: Self.randomPrice(for: instrument, using: &generator),
                    intent: intent,
                    sizing: sizing
                )
                let before = account
                do {
                    try engine.execute(signal, on: &account)
                } catch {
                    #expect(account == before, "seed \(seed)")
                }
                #expect(account.cash >= 0, "seed \(seed): \(signal)")
                let basis = account.positions.values.reduce(Decimal(0)) { $0 + $1.costBasis }
                let realized = account.positions.values.reduce(Decimal(0)) { $0 + $1.realizedPnL }
                #expect(account.cash + basis - realized == start, "seed \(seed): after \(signal)")
            }
        }
    }
}
