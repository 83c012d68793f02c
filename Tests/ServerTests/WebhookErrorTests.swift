import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Testing

/// Every way a webhook request can be refused: the status, the code, the field — and nothing changed.
@Suite struct WebhookErrorTests {
    @Test(
        arguments: [
            ("{not json", "invalid_json", nil),
            ("[1,2]", "invalid_payload", nil),
            (#"{"symbol":"AAPL","side":"buy","qty":100}"#, "missing_field", "price"),
            (#"{"side":"buy","price":1}"#, "missing_field", "symbol"),
            (#"{"symbol":"AAPL","side":"hold","price":1}"#, "unknown_side", "side"),
            (#"{"symbol":"AAPL","side":"buy","qty":"NaN","price":1}"#, "invalid_number", "qty"),
            (#"{"symbol":"AAPL","side":"buy","qty":-5,"price":1}"#, "invalid_field", "qty"),
            (#"{"symbol":"AAPL","side":"buy","price":"0x10"}"#, "invalid_number", "price"),
            (#"{"symbol":"AAPL","side":"buy","qty":1,"qty":2,"price":1}"#, "invalid_json", nil),
        ] as [(String, String, String?)]
    )
    func malformedPayloadsAre400WithTheFieldNamed(_ body: String, _ code: String, _ field: String?) async throws {
        try await Harness().run(.router) { client, ledger in
            let response = try await client.post("/api/webhook", body)
            #expect(response.status == .badRequest)
            let object = try response.object()
            #expect(object["code"] as? String == code)
            #expect(object["field"] as? String == field)
            #expect((object["error"] as? String)?.isEmpty == false)
            if let field { #expect((object["error"] as? String)?.contains("'\(field)'") == true || code == "unknown_side") }
            #expect(try await ledger.account(named: "default") == Account(name: "default", cash: 100_000))
            #expect(try await client.get("/api/orders").array().isEmpty)
        }
    }

    /// A quantity or price written as a number beyond what any amount holds is told as beyond the bound, not as text
    /// that is no number.
    @Test(arguments: [
        ("1e400", "Invalid field 'price': must be at most 1e15, got 1e400"),
        ("1e-400", "Invalid field 'price': 1e-400 is nearer to 0 than any amount (at most 64 decimal places)"),
        ("\"1e16\"", "Invalid field 'price': must be at most 1e15, got 1e16"),
    ])
    func numbersBeyondTheBoundsAreToldSo(_ price: String, _ message: String) async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":\#(price)}"#)
            #expect(response.status == .badRequest)
            let object = try response.object()
            #expect(object["code"] as? String == "invalid_field")
            #expect(object["error"] as? String == message)
            #expect(try await client.get("/api/orders").array().isEmpty)
        }
    }

    @Test func chineseMessagesForPayloadErrors() async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy"}"#, headers: [.acceptLanguage: "zh"])
            #expect(try response.object()["error"] as? String == "缺少必填字段 'price' (查找: price, limit_price)")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func sellingWhatIsNotHeldIs422AndRecorded(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let response = try await client.post("/api/webhook", #"{"symbol":"TSLA","side":"sell","qty":50,"price":250}"#)
            #expect(response.status == .unprocessableContent)
            let object = try response.object()
            #expect(object["code"] as? String == "insufficient_position")
            #expect((object["order"] as? [String: Any])?["status"] as? String == "rejected")
            #expect(try await ledger.account(named: "default") == Account(name: "default", cash: 100_000))
        }
    }

    @Test func unknownAdapterIs404() async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post("/api/webhook/nope", seedStandard)
            #expect(response.status == .notFound)
            #expect(try response.object()["code"] as? String == "unknown_adapter")
        }
    }

    @Test func adapterSelectedByPathBypassesMatching() async throws {
        try await Harness().run(.router) { client, _ in
            // The tradingview adapter reads only `ticker`, so a standard payload sent to it lacks its symbol.
            let wrongAdapter = try await client.post("/api/webhook/tradingview", #"{"symbol":"AAPL","action":"buy","price":1}"#)
            #expect(wrongAdapter.status == .badRequest)
            #expect(try wrongAdapter.object()["field"] as? String == "symbol")
            let byName = try await client.post("/api/webhook/standard", seedTradingView)
            #expect(try byName.object()["adapter"] as? String == "standard")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func bodiesOverTheLimitAre413(_ setup: TestingSetup) async throws {
        var harness = try Harness()
        harness.configuration.maxBodySize = 1024
        try await harness.run(setup) { client, _ in
            let padding = String(repeating: " ", count: 2000)
            let response = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","price":1}"# + padding)
            #expect(response.status == .contentTooLarge)
            #expect(try response.object()["code"] as? String == "body_too_large")
        }
    }

    @Test func defaultLimitIs64KiB() throws {
        #expect(try Harness().configuration.maxBodySize == 65_536)
    }

    @Test func everyDeliveryIsLoggedRejectsIncluded() async throws {
        try await Harness().run(.router) { client, ledger in
            _ = try await client.post("/api/webhook", seedStandard)
            _ = try await client.post("/api/webhook", "{bad")
            _ = try await client.post("/api/webhook", #"{"symbol":"A","side":"sell","qty":1,"price":1}"#)
            await ledger.flush()
            let deliveries = try await client.get("/api/deliveries?limit=10").array()
            #expect(deliveries.map { $0["outcome"] as? String } == ["insufficient_position", "invalid_json", "ok"])
            #expect(deliveries.map { $0["status"] as? Int } == [422, 400, 200])
            #expect(deliveries[2]["adapter"] as? String == "standard")
            #expect(deliveries[2]["order_id"] as? Int == 1)
            #expect(deliveries[1]["body"] as? String == "{bad")
            #expect((deliveries[0]["latency_us"] as? Int ?? -1) >= 0)
        }
    }
}
