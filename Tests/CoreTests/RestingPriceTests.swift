import Foundation
import Testing

@testable import Core

/// Where a resting order fills on a mark: at its level, at the open when the market gaps through it, never outside the
/// bar, along the path open → nearer extreme → other extreme → close.
@Suite struct RestingPriceTests {
    private let time = Date(timeIntervalSince1970: 1_800_000_000)

    private func bar(_ open: Decimal, _ high: Decimal, _ low: Decimal, _ close: Decimal) throws -> Mark {
        try Mark(symbol: "AAPL", time: time, open: open, high: high, low: low, close: close)
    }

    private func price(_ value: Decimal) -> Mark { Mark(symbol: "AAPL", time: time, price: value) }

    @Test func aBarIsWalkedOpenNearerExtremeOtherExtremeClose() throws {
        #expect(try bar(100, 103, 99, 101).path == [100, 99, 103, 101], "the low is nearer the open")
        #expect(try bar(100, 101, 97, 98).path == [100, 101, 97, 98], "the high is nearer the open")
        #expect(try bar(100, 102, 98, 99).path == [100, 102, 98, 99], "as near: the high first")
        #expect(price(100).path == [100])
    }

    @Test func aBarWhosePricesDisagreeIsRefused() {
        #expect(throws: MarkError.lowAboveHigh(low: 101, high: 100)) { try bar(100, 100, 101, 100) }
        #expect(throws: MarkError.outsideBar("open", 105, low: 99, high: 103)) { try bar(105, 103, 99, 100) }
        #expect(throws: MarkError.outsideBar("close", 98, low: 99, high: 103)) { try bar(100, 103, 99, 98) }
        #expect(throws: MarkError.notPositive("low", 0)) { try bar(1, 2, 0, 1) }
        #expect(MarkError.lowAboveHigh(low: 101, high: 100).message.english == "The bar's low 101 is above its high 100")
    }

    @Test func aLimitFillsAtItsLevelOrAtABetterOpenNeverWorse() throws {
        // A buy limit at 99: reached inside the bar, it fills at 99; a bar that opens below it fills at that open.
        #expect(RestingPrice.limit(99).step(side: .buy, through: try bar(100, 103, 98, 101)).fill == RestingFill(price: 99, isLimit: true, along: 1))
        #expect(RestingPrice.limit(99).step(side: .buy, through: try bar(97, 98, 96, 97)).fill == RestingFill(price: 97, isLimit: true))
        #expect(RestingPrice.limit(99).step(side: .buy, through: try bar(100, 103, decimal("99.5"), 101)).fill == nil, "never reached")
        #expect(RestingPrice.limit(99).step(side: .buy, through: try bar(100, 103, 99, 101)).fill?.price == 99, "touching is reaching")
        // A sell limit at 105 mirrors it.
        #expect(RestingPrice.limit(105).step(side: .sell, through: try bar(104, 106, 103, 104)).fill?.price == 105)
        #expect(RestingPrice.limit(105).step(side: .sell, through: try bar(107, 108, 106, 107)).fill?.price == 107)
        #expect(RestingPrice.limit(105).step(side: .sell, through: price(decimal("104.99"))).fill == nil)
    }

    @Test func aStopFillsAtItsLevelOrAtTheOpenItGappedThroughAsAMarketOrder() throws {
        // A sell stop at 95 (a stop-loss of a long): reached inside the bar at 95; a gap down opens at 93 and fills there.
        #expect(RestingPrice.stop(95).step(side: .sell, through: try bar(97, 98, 94, 96)).fill == RestingFill(price: 95, isLimit: false, along: 4))
        #expect(RestingPrice.stop(95).step(side: .sell, through: try bar(93, 94, 92, 93)).fill == RestingFill(price: 93, isLimit: false))
        #expect(RestingPrice.stop(95).step(side: .sell, through: try bar(97, 99, decimal("95.01"), 98)).fill == nil)
        // A buy stop at 110 mirrors it.
        #expect(RestingPrice.stop(110).step(side: .buy, through: try bar(108, 111, 107, 109)).fill?.price == 110)
        #expect(RestingPrice.stop(110).step(side: .buy, through: try bar(112, 113, 111, 112)).fill?.price == 112)
    }

    @Test func aStopLimitTriggersAtItsStopThenWaitsAsALimitAndRemembers() throws {
        // Buy stop 100, limit 99: the bar rises through 100 (triggered), then falls to 98.5 on its way: filled at 99.
        let dip = try bar(decimal("99.8"), 101, decimal("98.5"), 100)  // path 99.8 → 101 → 98.5 → 100: the high is nearer
        #expect(RestingPrice.stopLimit(stop: 100, limit: 99, triggered: false).step(side: .buy, through: dip).fill?.price == 99)
        // Triggered on one mark and not filled, it stays triggered, and a later mark fills it as a limit.
        let rise = RestingPrice.stopLimit(stop: 100, limit: 99, triggered: false).step(
            side: .buy,
            through: try bar(decimal("99.5"), 101, decimal("99.5"), 101)
        )
        #expect(rise == RestingStep(fill: nil, price: .stopLimit(stop: 100, limit: 99, triggered: true)))
        #expect(rise.price.step(side: .buy, through: price(98)).fill == RestingFill(price: 98, isLimit: true))
        #expect(RestingPrice.stopLimit(stop: 100, limit: 99, triggered: false).step(side: .buy, through: price(98)).fill == nil, "not triggered")
        // A limit at or beyond the stop fills where the stop is reached.
        #expect(
            RestingPrice.stopLimit(stop: 100, limit: 101, triggered: false).step(side: .buy, through: try bar(99, 102, 99, 102)).fill?.price == 100
        )
    }

    @Test func aTrailingStopFollowsTheBestPriceAndNeverMovesBack() throws {
        // A sell trailing 2 below the best, placed at 100: the bar goes 100 → 104 (stop 102) → 101: filled at 102, 6 along.
        let trail = RestingPrice.trailingStop(.amount(2), best: 100)
        #expect(trail.step(side: .sell, through: try bar(100, 104, 100, 101)).fill == RestingFill(price: 102, isLimit: false, along: 6))
        // Rising, it only follows: the best becomes 103, and a fall to 102 stays above the stop of 101.
        let followed = trail.step(side: .sell, through: try bar(decimal("101.5"), 103, decimal("101.5"), 102))
        #expect(followed == RestingStep(fill: nil, price: .trailingStop(.amount(2), best: 103)))
        #expect(followed.price.step(side: .sell, through: price(102)).price == .trailingStop(.amount(2), best: 103), "never moves back")
        #expect(
            followed.price.step(side: .sell, through: price(decimal("100.5"))).fill?.price == decimal("100.5"),
            "a gap below the stop fills at the price"
        )
        // 5 % above the lowest price, for a buy: placed at 200, it follows to 190 and fills at 199.5.
        let percent = RestingPrice.trailingStop(.percent(5), best: 200)
        #expect(percent.step(side: .buy, through: try bar(195, 200, 190, 200)).fill?.price == Decimal(string: "199.5"))
    }

    @Test func theNearerExtremeIsReachedFirstSoOneOfTwoExitsFills() throws {
        // A long's stop-loss at 95 and take-profit at 105 inside one bar: the open (100) is nearer the low (94) than the high (107), so the
        // path reaches 95 first (5 along it) and 105 only after 94 (6 down, then 11 up): the stop-loss fills first.
        let bar = try bar(100, 107, 94, 101)
        let stopLoss = try #require(RestingPrice.stop(95).step(side: .sell, through: bar).fill)
        let takeProfit = try #require(RestingPrice.limit(105).step(side: .sell, through: bar).fill)
        #expect(stopLoss == RestingFill(price: 95, isLimit: false, along: 5))
        #expect(takeProfit == RestingFill(price: 105, isLimit: true, along: 17))
        // A gap fills at the open, before anything along the path.
        #expect(RestingPrice.stop(95).step(side: .sell, through: try self.bar(93, 106, 92, 100)).fill?.along == 0)
    }
}
