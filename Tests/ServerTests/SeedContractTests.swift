import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Testing

/// Every request and reply the seed spec shows, through the router and over real HTTP.
@Suite struct SeedContractTests {
    @Test(arguments: [TestingSetup.router, .live])
    func standardPayloadFillsAsTheSeedShows(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let response = try await client.post("/api/webhook", seedStandard, headers: [.contentType: "application/json"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(
                response.text.hasPrefix(
                    #"{"status":"ok","order":{"id":1,"symbol":"AAPL","side":"buy","requested_qty":100,"filled_qty":100,"requested_price":185.5,"exec_price":185.59,"value":18559,"time":""#
                )
            )
            #expect(response.text.contains(#""status":"filled","source":"webhook""#))
            #expect(response.text.contains(seedSimulation))
            #expect(try response.object()["adapter"] as? String == "standard")
            let time = try #require((try response.object()["order"] as? [String: Any])?["time"] as? String)
            #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) != nil)
            #expect(try await ledger.account(named: "default")?.cash == decimal("81422.44"))
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func tradingViewPayloadAsTextPlainFillsTheSame(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let response = try await client.post("/api/webhook", seedTradingView, headers: [.contentType: "text/plain; charset=utf-8"])
            #expect(response.status == .ok)
            #expect(response.text.contains(seedSimulation))
            #expect(try response.object()["adapter"] as? String == "tradingview")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func namedAccountReceivesTheOrder(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let body = #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50,"account":"策略A"}"#
            let unknown = try await client.post("/api/webhook", body)
            #expect(unknown.status == .notFound)
            #expect(try unknown.object()["code"] as? String == "unknown_account")
            #expect(try unknown.object()["error"] as? String == "Unknown account '策略A'")
            try await ledger.addAccount(Account(name: "策略A", cash: 100_000))
            let response = try await client.post("/api/webhook", body)
            #expect(response.status == .ok)
            #expect((try response.object()["order"] as? [String: Any])?["account"] as? String == "策略A")
            let statement = try await client.get("/api/accounts/%E7%AD%96%E7%95%A5A")
            #expect(statement.status == .ok)
            let positions = try #require(try statement.object()["positions"] as? [[String: Any]])
            #expect(positions.first?["symbol"] as? String == "AAPL")
            #expect(number(positions[0], "avg_cost") == "185.7756")
            #expect(try await ledger.account(named: "default")?.cash == 100_000)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func curlBuyThenSellRoundTrips(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let buy = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":100,"price":185}"#)
            #expect(buy.status == .ok)
            let sell = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"sell","qty":100,"price":190}"#)
            #expect(sell.status == .ok)
            #expect(sell.text.contains(#""exec_price":189.91"#))
            let account = try #require(try await ledger.account(named: "default"))
            #expect(account.position("AAPL").quantity == 0)
            // buy: 185.09 × 100 + 18.51; sell: 18991 − 19 (18.991 rounded up: costs round against the trader)
            #expect(account.cash == 100_000 - decimal("18527.51") + 18972)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func insufficientFundsInChineseIsWordedAsTheSeed(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "small", cash: 10_000))
            let body = #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50,"account":"small"}"#
            let chinese = try await client.post("/api/webhook", body, headers: [.acceptLanguage: "zh-CN,zh;q=0.9"])
            #expect(chinese.status == .unprocessableContent)
            #expect(try chinese.object()["error"] as? String == "资金不足: 需要 18577.56, 可用 10000")
            #expect(try chinese.object()["code"] as? String == "insufficient_funds")
            let english = try await client.post("/api/webhook", body)
            #expect(try english.object()["error"] as? String == "Insufficient funds: need 18577.56, available 10000")
            #expect(try await ledger.account(named: "small") == Account(name: "small", cash: 10_000))
            let orders = try await client.get("/api/orders?account=small").array()
            #expect(orders.count == 2)
            #expect(orders.allSatisfy { $0["status"] as? String == "rejected" && ($0["reason"] as? String)?.contains("18577.56") == true })
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func tokenInHeaderOrBodyIsRequiredWhenSet(_ setup: TestingSetup) async throws {
        try await Harness(token: "your-secret-token").run(setup) { client, ledger in
            let missing = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":100,"price":185}"#)
            #expect(missing.status == .unauthorized)
            #expect(try missing.object()["code"] as? String == "unauthorized")
            let wrong = try await client.post("/api/webhook", seedStandard, headers: .named([("X-Webhook-Token", "guess")]))
            #expect(wrong.status == .unauthorized)
            let wrongInBody = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":185,"token":"nope"}"#)
            #expect(wrongInBody.status == .unauthorized)
            let header = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":100,"price":185}"#,
                headers: .named([("Content-Type", "application/json"), ("X-Webhook-Token", "your-secret-token")])
            )
            #expect(header.status == .ok)
            let body = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":100,"price":185,"token":"your-secret-token"}"#)
            #expect(body.status == .ok)
            #expect(!body.text.contains("your-secret-token"))
            await ledger.flush()
            let deliveries = try await client.get("/api/deliveries").text
            #expect(!deliveries.contains("your-secret-token"))
            #expect(try await client.get("/api/orders").array().count == 2)
        }
    }

    @Test func noTokenMeansOpen() async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":185,"token":"anything"}"#)
            #expect(response.status == .ok)
        }
    }
}
