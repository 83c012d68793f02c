import Foundation
import Testing

@testable import Core

/// Working orders with worked numbers on the default instrument (0.01 tick, 5 bp slippage, 0.1 % commission): where
/// each type fills, the cash a resting buy holds back, and how orders end.
@Suite struct WorkingOrderTests {
    let engine = Engine()
    let time = Date(timeIntervalSince1970: 1_800_000_000)
    var later: Date { time.addingTimeInterval(60) }

    func order(
        id: Int64 = 1,
        _ side: Side,
        _ quantity: Decimal,
        _ spec: OrderSpec,
        placedAt price: Decimal = decimal("185.50")
    ) -> WorkingOrder {
        WorkingOrder(
            id: id,
            account: "a",
            symbol: "AAPL",
            side: side,
            quantity: quantity,
            spec: spec,
            price: spec.restingPrice(placedAt: price)!,
            signalPrice: price,
            placedAt: time,
            source: "webhook"
        )
    }

    func bar(_ open: Decimal, _ high: Decimal, _ low: Decimal, _ close: Decimal) throws -> Mark {
        try Mark(symbol: "AAPL", time: later, open: open, high: high, low: low, close: close)
    }

    @Test func aBuyLimitBelowTheMarketRestsHoldingItsCostThenFillsAtTheLimit() throws {
        var account = Account(name: "a", cash: 100_000)
        let placed = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 180)), on: &account, market: decimal("185.50"), at: time)
        // 10 at 180 = 1800, commission 1.80: held back, not spent.
        #expect(placed.fill == nil && placed.order.status == .working && placed.order.reserved == decimal("1801.80"))
        #expect(account.cash == 100_000 && account.reserved == decimal("1801.80") && account.buyingPower == decimal("98198.20"))
        // The bar 184 → 186 → 179 → 181 passes 180 on its way down: filled at 180, no slippage.
        var accounts = ["a": account]
        let events = engine.step([placed.order], through: try bar(184, 186, 179, 181), accounts: &accounts)
        #expect(events.count == 1 && events[0].order.status == .filled && events[0].order.reserved == 0)
        #expect(events[0].fill?.executionPrice == 180 && events[0].fill?.slippage == 0 && events[0].fill?.commission == decimal("1.80"))
        #expect(accounts["a"]?.cash == decimal("98198.20") && accounts["a"]?.reserved == 0)
        #expect(accounts["a"]?.position("AAPL").quantity == 10)
    }

    @Test func aBarThatOpensBeyondTheLimitFillsAtItsOpen() throws {
        var accounts = ["a": Account(name: "a", cash: 100_000)]
        let resting = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 180)), on: &accounts["a"]!, market: 185, at: time)
        let events = engine.step([resting.order], through: try bar(178, 179, 177, decimal("178.5")), accounts: &accounts)
        #expect(events.first?.fill?.executionPrice == 178 && events.first?.fill?.value == 1780 && events.first?.fill?.commission == decimal("1.78"))
        #expect(accounts["a"]?.cash == decimal("98218.22"))
    }

    @Test func aMarketableLimitFillsAtOnceAtTheMarketPriceNotItsLimit() throws {
        var account = Account(name: "a", cash: 100_000)
        let placed = try engine.place(order(.buy, 100, OrderSpec(type: .limit, limitPrice: 186)), on: &account, market: decimal("185.50"), at: time)
        // 100 at 185.50 = 18550 with no slippage (the market gave that price), commission 18.55.
        #expect(placed.order.status == .filled && placed.fill?.executionPrice == decimal("185.50") && placed.fill?.totalCost == decimal("18568.55"))
        #expect(account.cash == decimal("81431.45") && account.reserved == 0)
    }

    @Test func aStopFillsAsAMarketOrderWithSlippageAtItsLevelOrTheGap() throws {
        var accounts = ["a": Account(name: "a", cash: 0, positions: ["AAPL": Position(symbol: "AAPL", quantity: 10, costBasis: 1800)])]
        let stop = try engine.place(order(.sell, 10, OrderSpec(type: .stop, stopPrice: 175)), on: &accounts["a"]!, market: 180, at: time)
        #expect(stop.order.reserved == 0 && stop.order.status == .working, "a sell holds no cash")
        // 177 → 178 → 174 → 176 passes 175: filled at 175 slipped 5 bp down, 174.9125 → 174.91; 1749.10 less 1.75.
        let events = engine.step([stop.order], through: try bar(177, 178, 174, 176), accounts: &accounts)
        #expect(events.first?.fill?.executionPrice == decimal("174.91") && events.first?.fill?.slippage == decimal("0.09"))
        #expect(accounts["a"]?.cash == decimal("1747.35") && accounts["a"]?.positions["AAPL"]?.realizedPnL == decimal("-52.65"))
        // A gap down through the stop fills at the open, slipped: 170 → 169.915 → 169.92.
        var again = ["a": Account(name: "a", cash: 0, positions: ["AAPL": Position(symbol: "AAPL", quantity: 10, costBasis: 1800)])]
        let gap = engine.step([stop.order], through: try bar(170, 171, 169, 170), accounts: &again)
        #expect(gap.first?.fill?.executionPrice == decimal("169.92"))
    }

    @Test func aTrailingStopFollowsTheBestPriceAndNeverMovesBack() throws {
        var accounts = ["a": Account(name: "a", cash: 0, positions: ["AAPL": Position(symbol: "AAPL", quantity: 1, costBasis: 100)])]
        var trailing = try engine.place(
            order(.sell, 1, OrderSpec(type: .trailingStop, trail: .amount(5)), placedAt: 100),
            on: &accounts["a"]!,
            market: 100,
            at: time
        ).order
        #expect(trailing.level == 95)
        let rise = engine.step([trailing], through: Mark(symbol: "AAPL", time: later, price: 110), accounts: &accounts)
        trailing = try #require(rise.first?.order)
        #expect(rise.first?.fill == nil && trailing.level == 105)
        #expect(
            engine.step([trailing], through: Mark(symbol: "AAPL", time: later, price: 106), accounts: &accounts).isEmpty,
            "falling back moves nothing"
        )
        // 104 is past 105: filled there as a market order, 104 slipped to 103.948 → 103.95.
        let fall = engine.step([trailing], through: Mark(symbol: "AAPL", time: later, price: 104), accounts: &accounts)
        #expect(fall.first?.fill?.executionPrice == decimal("103.95") && fall.first?.order.status == .filled)
    }

    @Test func ofTwoOrdersCancellingEachOtherTheOneThePathReachesFirstFills() throws {
        let position = Position(symbol: "AAPL", quantity: 10, costBasis: 1800)
        var accounts = ["a": Account(name: "a", cash: 0, positions: ["AAPL": position])]
        var takeProfit = order(id: 1, .sell, 10, OrderSpec(type: .limit, limitPrice: 200))
        var stopLoss = order(id: 2, .sell, 10, OrderSpec(type: .stop, stopPrice: 175))
        (takeProfit.cancelsOnFill, stopLoss.cancelsOnFill) = (2, 1)
        // 190 → 201 → 174 → 180: the high is nearer, so 200 is reached before 175.
        let events = engine.step([stopLoss, takeProfit], through: try bar(190, 201, 174, 180), accounts: &accounts)
        #expect(events.map(\.order.id) == [1, 2])
        #expect(events[0].fill?.executionPrice == 200 && events[0].order.status == .filled)
        #expect(events[1].fill == nil && events[1].order.status == .canceled)
        #expect(accounts["a"]?.position("AAPL").quantity == 0 && accounts["a"]?.cash == decimal("1998.00"))
        // The same range the other way round, 190 → 174 → 201 → 180 (low nearer): the stop-loss fills instead.
        var other = ["a": Account(name: "a", cash: 0, positions: ["AAPL": position])]
        let reversed = engine.step([stopLoss, takeProfit], through: try bar(180, 201, 174, 190), accounts: &other)
        #expect(reversed.map(\.order.id) == [2, 1] && reversed[0].fill?.executionPrice == decimal("174.91"))
        #expect(reversed[1].order.status == .canceled)
    }

    @Test func aRestingBuyBeyondTheBuyingPowerIsRefusedAtPlacement() throws {
        var account = Account(name: "a", cash: 2000)
        _ = try engine.place(order(id: 1, .buy, 10, OrderSpec(type: .limit, limitPrice: 180)), on: &account, market: 185, at: time)
        let before = account
        // 2 at 180 with commission holds 360.36; 198.20 is left.
        #expect(throws: TradeRejection.insufficientFunds(needed: decimal("360.36"), available: decimal("198.20"))) {
            try engine.place(order(id: 2, .buy, 2, OrderSpec(type: .limit, limitPrice: 180)), on: &account, market: 185, at: time)
        }
        #expect(account == before)
        // A market order may not spend what the resting buy holds back either.
        #expect(throws: TradeRejection.self) { try engine.execute(Signal(symbol: "AAPL", side: .buy, quantity: 2, price: 185), on: &account) }
        #expect(account == before)
    }

    @Test func aStopThatGapsBeyondWhatTheAccountCanPayIsRejectedWhenItComesToFill() throws {
        var accounts = ["a": Account(name: "a", cash: 1102)]
        let stop = try engine.place(order(.buy, 10, OrderSpec(type: .stop, stopPrice: 110)), on: &accounts["a"]!, market: 100, at: time)
        // 10 at 110 slipped to 110.06 = 1100.60 with 1.11 commission.
        #expect(stop.order.reserved == decimal("1101.71"))
        let events = engine.step([stop.order], through: try bar(120, 121, 119, 120), accounts: &accounts)
        #expect(events.first?.order.status == .rejected && events.first?.fill == nil)
        #expect(events.first?.order.rejection?.code == "insufficient_funds")
        #expect(accounts["a"] == Account(name: "a", cash: 1102), "the cash it held is given back")
    }

    @Test func aSellWithoutThePositionCannotRestWhenShortSellingIsOff() {
        var account = Account(name: "a", cash: 100_000)
        #expect(throws: TradeRejection.insufficientPosition(symbol: "AAPL", needed: 5, held: 0)) {
            try engine.place(order(.sell, 5, OrderSpec(type: .limit, limitPrice: 200)), on: &account, market: 185, at: time)
        }
        account.allowsShortSelling = true
        #expect(
            (try? engine.place(order(.sell, 5, OrderSpec(type: .limit, limitPrice: 200)), on: &account, market: 185, at: time))?.order.status
                == .working
        )
    }

    @Test func immediateOrdersNeverRest() throws {
        var engine = engine
        engine.model.fillRate = decimal("0.5")
        var account = Account(name: "a", cash: 100_000)
        // ioc: half fills at the market, 179, and the rest is cancelled.
        let ioc = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 180, timeInForce: .ioc)), on: &account, market: 179, at: time)
        #expect(ioc.fill?.filledQuantity == 5 && ioc.order.status == .canceled && ioc.order.filledQuantity == 5 && account.reserved == 0)
        // fok: not all of it can fill, so nothing does.
        let before = account
        let fok = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 180, timeInForce: .fok)), on: &account, market: 179, at: time)
        #expect(fok.fill == nil && fok.order.status == .canceled && account == before)
        // Out of reach, both are cancelled at once.
        let far = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 170, timeInForce: .ioc)), on: &account, market: 179, at: time)
        #expect(far.order.status == .canceled && account == before)
    }

    @Test func whatAFillRateLeavesKeepsWorkingAndHoldsCashForTheRest() throws {
        var engine = engine
        engine.model.fillRate = decimal("0.5")
        var accounts = ["a": Account(name: "a", cash: 100_000)]
        let resting = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 180)), on: &accounts["a"]!, market: 185, at: time)
        let events = engine.step([resting.order], through: try bar(181, 182, 179, 181), accounts: &accounts)
        // 5 filled at 180 (900 + 0.90); the other 5 keep working, holding 900.90.
        #expect(events.first?.fill?.filledQuantity == 5 && events.first?.order.status == .working && events.first?.order.remaining == 5)
        #expect(accounts["a"]?.cash == decimal("99099.10") && accounts["a"]?.reserved == decimal("900.90"))
    }

    @Test func endingAnOrderGivesBackTheCashItHeld() throws {
        var account = Account(name: "a", cash: 100_000)
        var resting = try engine.place(order(.buy, 10, OrderSpec(type: .limit, limitPrice: 180)), on: &account, market: 185, at: time).order
        engine.end(&resting, as: .canceled, on: &account, at: later)
        #expect(resting.status == .canceled && resting.endedAt == later && account == Account(name: "a", cash: 100_000))
        engine.end(&resting, as: .expired, on: &account, at: later)
        #expect(resting.status == .canceled && account.reserved == 0, "an ended order stays as it ended")
    }
}
