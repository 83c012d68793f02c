import Foundation
import Testing

@testable import Core

/// An order's levels are put on the price grid on the side that never fills worse, and a spec that cannot be taken
/// names its field.
@Suite struct OrderSpecTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let tick = decimal("0.01")

    @Test func levelsGoOnTheGridOnTheSideThatNeverFillsWorse() throws {
        let limit = OrderSpec(type: .limit, limitPrice: decimal("180.005"))
        #expect(try limit.checked(side: .buy, tick: tick, now: now).limitPrice == 180, "a buy limit rounds down")
        #expect(try limit.checked(side: .sell, tick: tick, now: now).limitPrice == decimal("180.01"), "a sell limit rounds up")
        let stop = OrderSpec(type: .stop, stopPrice: decimal("175.004"))
        #expect(try stop.checked(side: .sell, tick: tick, now: now).stopPrice == 175, "a stop to the nearest tick")
        #expect(try OrderSpec(type: .stop, stopPrice: decimal("175.005")).checked(side: .sell, tick: tick, now: now).stopPrice == decimal("175.01"))
    }

    @Test(arguments: [
        (OrderSpec(type: .limit), "limit_price", "Invalid field 'limit_price': a limit order needs one"),
        (OrderSpec(type: .stopLimit, limitPrice: 10), "stop_price", "Invalid field 'stop_price': a stop_limit order needs one"),
        (OrderSpec(type: .trailingStop), "trail_amount", "Invalid field 'trail_amount': a trailing_stop order needs one"),
        (OrderSpec(type: .limit, limitPrice: 0), "limit_price", "Invalid field 'limit_price': must be greater than 0, got 0"),
        (OrderSpec(type: .stop, stopPrice: decimal("0.004")), "stop_price", "Invalid field 'stop_price': 0.004 is below one price tick (0.01)"),
        (OrderSpec(type: .trailingStop, trail: .amount(-1)), "trail_amount", "Invalid field 'trail_amount': must be greater than 0, got -1"),
        (
            OrderSpec(type: .trailingStop, trail: .percent(100)), "trail_percent",
            "Invalid field 'trail_percent': must be greater than 0 and less than 100, got 100"
        ),
    ])
    func aSpecThatCannotBeTakenNamesItsField(_ spec: OrderSpec, _ field: String, _ message: String) {
        let error = #expect(throws: OrderSpecError.self) { try spec.checked(side: .buy, tick: tick, now: now) }
        #expect(error?.field == field && error?.code == "invalid_field")
        #expect(error?.message.english == message)
    }

    @Test func anExpiryThatHasPassedIsRefused() {
        let spec = OrderSpec(type: .limit, limitPrice: 10, expireAt: now)
        #expect(throws: OrderSpecError.expired(now)) { try spec.checked(side: .buy, tick: tick, now: now) }
        #expect(throws: Never.self) { try OrderSpec(type: .limit, limitPrice: 10, expireAt: now + 1).checked(side: .buy, tick: tick, now: now) }
    }

    @Test func eachTypeWaitsForItsOwnPrice() {
        #expect(OrderSpec.market.restingPrice(placedAt: 100) == nil)
        #expect(OrderSpec(type: .limit, limitPrice: 99).restingPrice(placedAt: 100) == .limit(99))
        #expect(OrderSpec(type: .stop, stopPrice: 95).restingPrice(placedAt: 100) == .stop(95))
        #expect(
            OrderSpec(type: .stopLimit, limitPrice: 94, stopPrice: 95).restingPrice(placedAt: 100)
                == .stopLimit(stop: 95, limit: 94, triggered: false)
        )
        #expect(OrderSpec(type: .trailingStop, trail: .percent(2)).restingPrice(placedAt: 100) == .trailingStop(.percent(2), best: 100))
    }
}
