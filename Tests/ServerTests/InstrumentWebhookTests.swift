import Adapters
import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Orders on the shipped instruments, through the router and over real HTTP on loopback.
@Suite struct InstrumentWebhookTests {
    private func harness() throws -> Harness {
        var harness = try Harness()
        harness.configuration.executionModel.instruments = try DefaultInstruments.load()
        return harness
    }

    @Test(arguments: [TestingSetup.router, .live])
    func forexFillsToTheFifthDecimal(_ setup: TestingSetup) async throws {
        try await harness().run(setup) { client, ledger in
            let response = try await client.post("/api/webhook", #"{"symbol":"EURUSD","side":"buy","qty":10000,"price":1.0845}"#)
            #expect(response.status == .ok)
            #expect(
                response.text.contains(#""exec_price":1.08452,"value":10845.2"#)
                    && response.text.contains(#""simulation":{"slippage":0.00002,"commission":0.33,"fill_rate":1.0,"total_cost":10845.53}"#),
                "\(response.text)"
            )
            #expect(try await ledger.account(named: "default")?.cash == decimal("89154.47"))
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aSharesTradeInLotsAndPayStampDutyOnSells(_ setup: TestingSetup) async throws {
        try await harness().run(setup) { client, ledger in
            let buy = try await client.post("/api/webhook", "buy 250 600000.SH @ 7.50")
            #expect(buy.status == .ok)
            let order = try #require(try buy.object()["order"] as? [String: Any])
            #expect(
                number(order, "requested_qty") == "250" && number(order, "filled_qty") == "200" && order["status"] as? String == "partially_filled"
            )
            let sell = try await client.post("/api/webhook", "sell 100 600000.SH @ 7.50")
            #expect(
                sell.text.contains(#""simulation":{"slippage":0.01,"commission":5,"tax":0.38,"fill_rate":1.0,"total_cost":743.62}"#),
                "\(sell.text)"
            )
            let odd = try await client.post("/api/webhook", "buy 99 600000.SH @ 7.50", headers: .named([("Accept-Language", "zh")]))
            #expect(odd.status == .unprocessableContent)
            #expect(try odd.object()["code"] as? String == "nothing_filled")
            #expect((try odd.object()["error"] as? String)?.contains("最小 100") == true)
            #expect(try await ledger.account(named: "default")?.position("600000.SH").quantity == 100)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aPriceBelowOneTickIsRefusedAndCreatesNoMoney(_ setup: TestingSetup) async throws {
        try await harness().run(setup) { client, ledger in
            let penny = try await client.post("/api/webhook", #"{"symbol":"PENNY","side":"buy","qty":1000000000,"price":0.004}"#)
            #expect(penny.status == .badRequest)
            #expect(try penny.object()["code"] as? String == "invalid_field")
            #expect(try penny.object()["error"] as? String == "Invalid field 'price': 0.004 is below one price tick (0.01)")
            let huge = try await client.post("/api/webhook", #"{"symbol":"X","side":"buy","qty":1000000000000000,"price":1000}"#)
            #expect(huge.status == .unprocessableContent)
            #expect(try huge.object()["code"] as? String == "amount_too_large")
            #expect(try await ledger.account(named: "default")?.cash == 100_000)
        }
    }

    @Test func futuresPositionsKeepTheirMultiplierAcrossARestart() async throws {
        var harness = try harness()
        harness.configuration.defaultAccountCash = 1_000_000
        try await harness.run(.router) { client, _ in
            let bought = try await client.post("/api/webhook", #"{"symbol":"ES1!","side":"buy","qty":1,"price":5000}"#)
            #expect(bought.status == .ok, "\(bought.text)")
        }
        try await harness.run(.router) { client, _ in
            let account = try await client.get("/api/accounts/default").object()
            let position = try #require((account["positions"] as? [[String: Any]])?.first)
            #expect(number(position, "multiplier") == "50")
            // Bought at 5000.25: value 250012.5 plus 2.25 a contract; marked at the last price 5000.
            #expect(number(position, "market_value") == "250000")
            #expect(number(position, "unrealized_pnl") == "-14.75")
        }
    }
}
