import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /metrics`: requests by adapter, outcome and status, latency, orders, commit batches, in Prometheus' format.
@Suite struct MetricsTests {
    @Test(arguments: [TestingSetup.router, .live])
    func requestsOrdersAndCommitsAreCounted(_ setup: TestingSetup) async throws {
        try await Harness(token: "t").run(setup) { client, ledger in
            let token = HTTPFields.named([("X-Webhook-Token", "t")])
            for _ in 0..<3 { #expect(try await client.post("/api/webhook", seedStandard, headers: token).status == .ok) }
            _ = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"sell","qty":1000,"price":10}"#, headers: token)
            _ = try await client.post("/api/webhook", seedStandard)
            _ = try await client.post("/api/webhook/nonsense", seedStandard, headers: token)
            await ledger.flush()
            let response = try await client.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            for line in [
                #"papertrade_webhook_requests_total{adapter="standard",outcome="ok",status="200"} 3"#,
                #"papertrade_webhook_requests_total{adapter="standard",outcome="insufficient_position",status="422"} 1"#,
                #"papertrade_webhook_requests_total{adapter="standard",outcome="unauthorized",status="401"} 1"#,
                #"papertrade_orders_total{status="filled"} 3"#,
                #"papertrade_orders_total{status="rejected"} 1"#,
                #"papertrade_webhook_seconds_count{adapter="standard"} 5"#,
            ] {
                #expect(text.contains(line), "\(line) in:\n\(text)")
            }
            #expect(!text.contains(#"adapter="nonsense""#), "a path's name is never a label")
            #expect(text.contains("papertrade_commit_batch_writes_count"))
        }
    }
}
