import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Testing

@Suite struct ReadAPITests {
    @Test(arguments: [TestingSetup.router, .live])
    func accountsShowCashPositionsAndEquityAtLastPrices(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "策略B", cash: 5_000, allowsShortSelling: true))
            _ = try await client.post("/api/webhook", seedStandard)
            _ = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"sell","qty":40,"price":190}"#)
            let accounts = try await client.get("/api/accounts").array()
            #expect(accounts.map { $0["name"] as? String } == ["default", "策略B"])
            let account = try await client.get("/api/accounts/default").object()
            #expect(number(account, "cash") == "89011.24")
            let position = try #require((account["positions"] as? [[String: Any]])?.first)
            #expect(number(position, "qty") == "60")
            #expect(number(position, "cost_basis") == "11146.54")
            #expect(number(position, "last_price") == "190")
            #expect(number(position, "market_value") == "11400")
            #expect(number(position, "unrealized_pnl") == "253.46")
            #expect(number(position, "realized_pnl") == "157.78")
            #expect(number(account, "equity") == "100411.24")
            let missing = try await client.get("/api/accounts/ghost")
            #expect(missing.status == .notFound)
            #expect(try missing.object()["code"] as? String == "unknown_account")
        }
    }

    @Test func ordersFilterByAccountAndSymbolNewestFirst() async throws {
        try await Harness().run(.router) { client, ledger in
            try await ledger.addAccount(Account(name: "b", cash: 100_000))
            for body in [
                #"{"symbol":"AAPL","side":"buy","qty":1,"price":10}"#, #"{"symbol":"MSFT","side":"buy","qty":1,"price":10}"#,
                #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"account":"b"}"#, #"{"symbol":"AAPL","side":"buy","qty":2,"price":10}"#,
            ] {
                _ = try await client.post("/api/webhook", body)
            }
            #expect(try await client.get("/api/orders").array().map { $0["id"] as? Int } == [4, 3, 2, 1])
            #expect(try await client.get("/api/orders?account=default&symbol=AAPL").array().map { $0["id"] as? Int } == [4, 1])
            #expect(try await client.get("/api/orders?limit=1").array().map { $0["id"] as? Int } == [4])
            for bad in ["0", "1001", "x", "-1"] {
                let response = try await client.get("/api/orders?limit=\(bad)")
                #expect(response.status == .badRequest)
                #expect(try response.object()["field"] as? String == "limit")
            }
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func unknownEndpointsAnswerWithAJSONError(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let missing = try await client.get("/api/nothing")
            #expect(missing.status == .notFound)
            #expect(try missing.object()["code"] as? String == "not_found")
            #expect(try missing.object()["error"] as? String == "No endpoint GET /api/nothing")
            let chinese = try await client.get("/api/nothing", headers: [.acceptLanguage: "zh"])
            #expect(try chinese.object()["error"] as? String == "没有此接口: GET /api/nothing")
        }
    }

    @Test func theSeedDiagramsWebhookPathWorksToo() async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post("/webhook", seedStandard)
            #expect(response.status == .ok)
            #expect(response.text.contains(seedSimulation))
            #expect(try await client.post("/webhook/tradingview", seedTradingView).status == .ok)
        }
    }

    @Test func adaptersAndHealth() async throws {
        try await Harness().run(.router) { client, _ in
            let adapters = try await client.get("/api/adapters").object()
            let list = try #require(adapters["adapters"] as? [[String: Any]])
            #expect(list.map { $0["name"] as? String } == ["traderspost", "target-position", "tradingview", "quant-model", "text", "standard"])
            #expect(list[5]["match"] as? String == "catch-all")
            #expect(list[4]["body"] as? String == "regex")
            #expect((list[2]["fields"] as? [String: [String]])?["symbol"] == ["ticker"])
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.text == #"{"status":"ok"}"#)
        }
    }
}
