import Foundation
import TestSupport
import Testing

@testable import Core

/// Over random instruments and random bar sequences with resting orders and one-cancels-other pairs: money is
/// conserved, no fill lies outside its bar, a limit never fills worse than its limit, never both of a pair fill, and
/// working orders never hold back more cash than there is.
@Suite struct RestingPropertyTests {
    private static let types: [OrderType] = [.limit, .limit, .stop, .stopLimit, .trailingStop]

    @Test func restingOrdersOverRandomBarsKeepEveryInvariant() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var fills = 0
        for _ in 0..<60 {
            var model = ExecutionModel()
            model.fillRate = [1, 1, decimal("0.5")].randomElement(using: &generator)!
            model.instruments.fallback = MoneyPropertyTests.randomInstrument(using: &generator)
            let instrument = model.instruments.fallback
            let engine = Engine(model: model)
            let start = Decimal(Int.random(in: 1_000...10_000_000, using: &generator))
            var accounts = ["a": Account(name: "a", cash: start, allowsShortSelling: Bool.random(using: &generator))]
            var price = MoneyPropertyTests.randomPrice(for: instrument, using: &generator).rounded(toMultipleOf: instrument.priceTick, .down)
            var working: [WorkingOrder] = []
            var filledPairs: [Int64: Int64] = [:]
            var nextID: Int64 = 1
            let time = Date(timeIntervalSince1970: 1_800_000_000)
            for step in 0..<80 {
                let now = time.addingTimeInterval(Double(step))
                let tick = instrument.priceTick
                func near(_ base: Decimal) -> Decimal {
                    Swift.max(tick, (base + Decimal(Int.random(in: -40...40, using: &generator)) * tick).rounded(toMultipleOf: tick, .down))
                }
                if Bool.random(using: &generator) {
                    // Place an order, or a pair that cancel each other, around the price.
                    let pair = Int.random(in: 0..<4, using: &generator) == 0
                    var placed: [WorkingOrder] = []
                    for _ in 0..<(pair ? 2 : 1) {
                        let type = Self.types.randomElement(using: &generator)!
                        let spec = OrderSpec(
                            type: type,
                            limitPrice: near(price),
                            stopPrice: near(price),
                            trail: type == .trailingStop ? .amount(tick * Decimal(Int.random(in: 1...30, using: &generator))) : nil
                        )
                        let side: Side = Bool.random(using: &generator) ? .buy : .sell
                        let quantity = MoneyPropertyTests.randomQuantity(for: instrument, using: &generator)
                        let order = WorkingOrder(
                            id: nextID,
                            account: "a",
                            symbol: "X",
                            side: side,
                            quantity: quantity,
                            spec: spec,
                            price: spec.restingPrice(placedAt: price)!,
                            signalPrice: price,
                            placedAt: now,
                            source: "test"
                        )
                        nextID += 1
                        let before = accounts["a"]!
                        do {
                            let event = try engine.place(order, on: &accounts["a"]!, market: price, at: now)
                            if let fill = event.fill { Self.check(fill, of: order, low: price, high: price, seed: seed) }
                            if event.order.status.isWorking { placed.append(event.order) }
                        } catch {
                            #expect(accounts["a"] == before, "seed \(seed): a refused placement changed the account")
                        }
                    }
                    if placed.count == 2 {
                        (placed[0].cancelsOnFill, placed[1].cancelsOnFill) = (placed[1].id, placed[0].id)
                    }
                    working += placed
                } else {
                    // A bar around the last price, its open and close inside its range.
                    let (a, b) = (near(price), near(price))
                    let (low, high) = (Swift.min(a, b), Swift.max(a, b))
                    let open = Swift.min(Swift.max(near(price), low), high)
                    let close = Swift.min(Swift.max(near(price), low), high)
                    let mark = try Mark(symbol: "X", time: now, open: open, high: high, low: low, close: close)
                    for event in engine.step(working, through: mark, accounts: &accounts) {
                        let index = try #require(working.firstIndex { $0.id == event.order.id })
                        if let fill = event.fill {
                            fills += 1
                            Self.check(fill, of: working[index], low: low, high: high, seed: seed)
                            if let other = event.order.cancelsOnFill, event.order.status == .filled { filledPairs[event.order.id] = other }
                        }
                        working[index] = event.order
                    }
                    working.removeAll { !$0.status.isWorking }
                    price = close
                }
                let account = accounts["a"]!
                let basis = account.positions.values.reduce(Decimal(0)) { $0 + $1.costBasis }
                let realized = account.positions.values.reduce(Decimal(0)) { $0 + $1.realizedPnL }
                #expect(account.cash + basis - realized == start, "seed \(seed): money was made or lost")
                #expect(account.reserved >= 0 && account.reserved <= account.cash, "seed \(seed): \(account.reserved) held of \(account.cash)")
                #expect(account.reserved == working.reduce(0) { $0 + $1.reserved }, "seed \(seed): the account holds what its orders hold")
            }
            for (one, other) in filledPairs { #expect(filledPairs[other] != one, "seed \(seed): both of \(one) and \(other) filled") }
        }
        #expect(fills > 100, "seed \(seed): only \(fills) fills")
    }

    /// A fill lies inside its bar, and a limit's is never worse than the limit.
    private static func check(_ fill: Fill, of order: WorkingOrder, low: Decimal, high: Decimal, seed: UInt64) {
        #expect(fill.requestedPrice >= low && fill.requestedPrice <= high, "seed \(seed): \(fill.requestedPrice) outside \(low)…\(high)")
        guard order.price.fillsAtLimit, let limit = order.spec.limitPrice else { return }
        #expect(fill.slippage == 0, "seed \(seed): a limit slipped")
        #expect(
            order.side == .buy ? fill.executionPrice <= limit : fill.executionPrice >= limit,
            "seed \(seed): \(fill.executionPrice) worse than \(limit)"
        )
    }
}
