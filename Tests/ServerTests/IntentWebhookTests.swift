import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Exits, reverses and targets from TradersPost and OpenAlgo payloads, through the router and over real HTTP.
@Suite struct IntentWebhookTests {
    @Test(arguments: [TestingSetup.router, .live])
    func traderspostBuysThenExitsTheWholePosition(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let buy = try await client.post("/api/webhook", #"{"ticker":"AAPL","action":"buy","sentiment":"long","quantity":10,"price":185.50}"#)
            #expect(buy.status == .ok)
            #expect(try buy.object()["adapter"] as? String == "traderspost")
            #expect(buy.text.contains(#""simulation":{"slippage":0.09,"commission":1.86,"fill_rate":1.0,"total_cost":1857.76}"#), "\(buy.text)")
            let exit = try await client.post("/api/webhook", #"{"ticker":"NASDAQ:AAPL","action":"exit","price":190}"#)
            #expect(exit.status == .ok)
            let order = try #require(try exit.object()["order"] as? [String: Any])
            #expect(order["side"] as? String == "sell" && number(order, "filled_qty") == "10")
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 0)
            // Nothing left to exit: an explicit no-op, not an error, and no order.
            let again = try await client.post(
                "/api/webhook",
                #"{"ticker":"AAPL","action":"exit","price":190}"#,
                headers: .named([("Accept-Language", "zh")])
            )
            #expect(again.status == .ok)
            #expect(again.text == #"{"status":"ok","no_action":"AAPL 无持仓可平; 无需操作","adapter":"traderspost"}"#)
            #expect(try await client.get("/api/orders").array().count == 2)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aTargetPositionOrdersTheDifferenceAndCrossesZeroInTwoLegs(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "swing", cash: 100_000, allowsShortSelling: true))
            let target = #"{"symbol":"SBIN","position_size":%@,"price":820,"account":"swing"}"#
            let five = try await client.post("/api/webhook", String(format: target, "5"))
            #expect(five.status == .ok)
            #expect(try #require(try five.object()["order"] as? [String: Any])["side"] as? String == "buy")
            let same = try await client.post("/api/webhook", String(format: target, "5"))
            #expect(try same.object()["no_action"] as? String == "The position in SBIN is already 5; nothing to do")
            let short = try await client.post("/api/webhook", String(format: target, "-3"))
            #expect(short.status == .ok)
            let legs = try #require(try short.object()["legs"] as? [[String: Any]])
            let orders = legs.compactMap { $0["order"] as? [String: Any] }
            #expect(orders.map { $0["side"] as? String } == ["sell", "sell"])
            #expect(orders.map { number($0, "filled_qty") } == ["5", "3"])
            #expect(legs.allSatisfy { $0["simulation"] is [String: Any] })
            #expect(try await ledger.account(named: "swing")?.position("SBIN").quantity == -3)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anIntentRefusedOnOneLegRecordsEveryLegAndMovesNothing(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            #expect(try await client.post("/api/webhook", #"{"symbol":"SBIN","position_size":5,"price":820}"#).status == .ok)
            let cash = try #require(try await ledger.account(named: "default")?.cash)
            // The default account may not sell short: the opening leg of -3 is refused, so the closing one is too.
            let refused = try await client.post("/api/webhook", #"{"symbol":"SBIN","position_size":-3,"price":820}"#)
            #expect(refused.status == .unprocessableContent)
            let object = try refused.object()
            #expect(object["code"] as? String == "insufficient_position")
            #expect((object["orders"] as? [[String: Any]])?.map { $0["status"] as? String } == ["rejected", "rejected"])
            #expect(try await ledger.account(named: "default")?.cash == cash)
            #expect(try await ledger.account(named: "default")?.position("SBIN").quantity == 5)
        }
    }

    /// Each leg of a refused intent keeps its own reason, as what it is: read back after a restart, it is told in the
    /// language each request asks for.
    @Test(arguments: [TestingSetup.router, .live])
    func eachRefusedLegKeepsItsOwnReasonInEveryLanguage(_ setup: TestingSetup) async throws {
        let harness = try Harness()
        let opening = "Opening a short of 3 in SBIN, after selling the 5 held, needs short selling, which this account does not allow"
        let english = [
            "Not executed: leg 2 of the signal was refused (\(opening)), and a signal fills whole or not at all", opening,
        ]
        try await harness.run(setup) { client, _ in
            #expect(try await client.post("/api/webhook", #"{"symbol":"SBIN","position_size":5,"price":820}"#).status == .ok)
            let refused = try await client.post("/api/webhook", #"{"symbol":"SBIN","position_size":-3,"price":820}"#)
            #expect(try refused.object()["error"] as? String == opening)
            #expect(try (refused.object()["orders"] as? [[String: Any]])?.map { $0["reason"] as? String } == english)
        }
        // Another server on the same data directory reads them back.
        try await Harness(directory: harness.directory).run(setup) { client, _ in
            var reasons: [[String]] = []
            for headers: HTTPFields in [[:], [.acceptLanguage: "zh"]] {
                let orders = try await client.get("/api/orders", headers: headers).array()
                reasons.append(orders.compactMap { $0["status"] as? String == "rejected" ? $0["reason"] as? String : nil })
            }
            // Newest first.
            #expect(reasons[0] == english.reversed())
            #expect(
                reasons[1] == [
                    "卖出持有的 5 后开空 SBIN 3 需要允许卖空, 本账户不允许",
                    "未执行: 该信号的第 2 腿被拒绝 (卖出持有的 5 后开空 SBIN 3 需要允许卖空, 本账户不允许), 信号要么全部成交, 要么全部不成交",
                ]
            )
        }
    }

    @Test func aNoActionReplyIsReplayedForItsKey() async throws {
        try await Harness().run(.router) { client, _ in
            let key = HTTPFields.named([("Idempotency-Key", "flat-1")])
            let first = try await client.post("/api/webhook", #"{"ticker":"AAPL","position_size":0,"price":185}"#, headers: key)
            let again = try await client.post("/api/webhook", #"{"ticker":"AAPL","position_size":0,"price":185}"#, headers: key)
            #expect(first.status == .ok && again.text == first.text)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func sizedOrdersStoreQuantitiesThatReadBack(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let body = #"{"ticker":"MSFT","action":"buy","quantity":10,"quantityType":"percent_of_equity","price":410.3}"#
            let bought = try await client.post("/api/webhook", body)
            #expect(bought.status == .ok)
            let order = try #require(try bought.object()["order"] as? [String: Any])
            // 10 % of 100000 pays for 24.33558256 at 410.51 (slippage) with 0.1 % commission, to the 1e-8 step.
            #expect(number(order, "requested_qty") == "24.33558256" && order["status"] as? String == "filled")
            let simulation = try #require(try bought.object()["simulation"] as? [String: Any])
            #expect(number(simulation, "total_cost") == "9999.99", "never more than the 10000 it was given")
            let orders = try await client.get("/api/orders")
            let equity = try await client.get("/api/accounts/default/equity")
            #expect(orders.status == .ok && equity.status == .ok)
            #expect(try orders.array().count == 1)
        }
    }
}
