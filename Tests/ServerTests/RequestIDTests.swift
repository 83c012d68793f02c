import HTTPTypes
import HummingbirdTesting
import Testing

/// Every reply names its request, so a user can find its log line.
@Suite struct RequestIDTests {
    @Test(arguments: [TestingSetup.router, .live])
    func everyReplyCarriesARequestIDTheCallersOwnWhenWellFormed(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let first = try await client.post("/api/webhook", seedStandard)
            let second = try await client.get("/api/orders")
            let ids = [first.headers[.init("X-Request-Id")!], second.headers[.init("X-Request-Id")!]]
            #expect(ids.allSatisfy { $0?.isEmpty == false } && ids[0] != ids[1])
            let given = try await client.post("/api/webhook", seedStandard, headers: .named([("X-Request-Id", "tv-alert_42")]))
            #expect(given.headers[.init("X-Request-Id")!] == "tv-alert_42")
            let forged = try await client.get("/healthz", headers: .named([("X-Request-Id", "a b\u{7}")]))
            #expect(forged.headers[.init("X-Request-Id")!] != "a b\u{7}")
            let missing = try await client.get("/nowhere")
            #expect(missing.status == .notFound && missing.headers[.init("X-Request-Id")!] != nil)
        }
    }
}
