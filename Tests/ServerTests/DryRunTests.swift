import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Testing

@Suite struct DryRunTests {
    @Test(arguments: [TestingSetup.router, .live])
    func dryRunTracesAndFillsAgainstTheRealAccountWithoutChangingIt(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            #expect(try await client.post("/api/webhook", seedStandard).status == .ok)
            let response = try await client.post("/api/webhook?dry_run=true", #"{"ticker":"NASDAQ:AAPL","action":"sell","contracts":40,"price":190}"#)
            #expect(response.status == .ok)
            let object = try response.object()
            #expect(object["status"] as? String == "ok")
            #expect(object["dry_run"] as? Bool == true)
            #expect(object["adapter"] as? String == "tradingview")
            let fields = try #require(object["fields"] as? [String: [String: Any]])
            #expect(fields["symbol"]?["alias"] as? String == "ticker")
            #expect(fields["symbol"]?["parsed"] as? String == "AAPL")
            #expect((fields["symbol"]?["steps"] as? [[String: Any]])?.map { $0["step"] as? String } == ["trim", "strip_exchange", "upper"])
            #expect(number(try #require(object["account"] as? [String: Any]), "cash") == "81422.44")
            let fill = try #require(object["fill"] as? [String: Any])
            #expect(number(fill, "exec_price") == "189.91")
            #expect(number(fill, "total_cost") == "7588.8")
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 100)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    @Test(arguments: [
        (#"{"symbol":"AAPL","side":"sell","qty":1,"price":1}"#, 422, "insufficient_position"),
        (#"{"symbol":"AAPL","side":"buy","qty":1,"price":1,"account":"nobody"}"#, 404, "unknown_account"),
        (#"{"symbol":"AAPL","side":"buy"}"#, 400, "missing_field"),
        ("nope", 400, "invalid_json"),
    ])
    func dryRunAnswersWithTheStatusAndCodeTheRealRequestWouldGet(_ body: String, _ status: Int, _ code: String) async throws {
        try await Harness().run(.router) { client, ledger in
            let dry = try await client.post("/api/webhook?dry_run=true", body)
            let real = try await client.post("/api/webhook", body)
            #expect(dry.status.code == status)
            #expect(real.status.code == status)
            #expect(try dry.object()["code"] as? String == code)
            #expect(try real.object()["code"] as? String == code)
            #expect(try dry.object()["dry_run"] as? Bool == true)
            await ledger.flush()
            let outcomes = try await client.get("/api/deliveries").array().compactMap { $0["outcome"] as? String }
            #expect(outcomes == [code, "dry_run: \(code)"])
        }
    }

    @Test func anUnclearDryRunFlagIsRefusedRatherThanExecuted() async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post("/api/webhook?dry_run=yes", seedStandard)
            #expect(response.status == .badRequest)
            #expect(try response.object()["field"] as? String == "dry_run")
            #expect(try await client.post("/api/webhook?dry_run=false", seedStandard).status == .ok)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    @Test func dryRunStillNeedsTheToken() async throws {
        try await Harness(token: "s").run(.router) { client, _ in
            let response = try await client.post("/api/webhook?dry_run=true", seedStandard)
            #expect(response.status == .unauthorized)
        }
    }
}
