import Adapters
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Senders that stamp their signals, resend on errors and fire twice: stale signals are refused, and an identical
/// signal within the adapter's window is the same delivery.
@Suite struct SignalFreshnessTests {
    static func harness() throws -> Harness {
        var harness = try Harness()
        var rules = try DefaultRules.load()
        let stamped = try RulesLoader.load(
            yaml: """
                version: 1
                adapters:
                  - name: stamped
                    max_age: 60
                    dedupe_window: 30
                    match: {present: [alert]}
                    fields: {symbol: symbol, side: side, qty: qty, price: price, time: time, account: account}
                """,
            file: "test"
        )
        rules.adapters = stamped.adapters + rules.adapters
        harness.configuration.rules = rules
        return harness
    }

    static func body(time: String, qty: Int = 1) -> String {
        #"{"alert":1,"symbol":"AAPL","side":"buy","qty":\#(qty),"price":10,"time":\#(time)}"#
    }

    /// `offset` seconds from `now` as a quoted ISO 8601 time; one `now` for the times one test compares.
    static func iso(_ offset: TimeInterval, from now: Date = Date()) -> String {
        "\"" + now.addingTimeInterval(offset).formatted(.iso8601) + "\""
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aSignalOlderThanTheAdaptersMaxAgeIsRefused(_ setup: TestingSetup) async throws {
        try await Self.harness().run(setup) { client, _ in
            #expect(try await client.post("/api/webhook", Self.body(time: Self.iso(-5))).status == .ok)
            let milliseconds = String(Int((Date().timeIntervalSince1970 - 2) * 1000))
            #expect(try await client.post("/api/webhook", Self.body(time: milliseconds, qty: 2)).status == .ok)
            let stale = try await client.post("/api/webhook", Self.body(time: Self.iso(-120)))
            #expect(stale.status == .unprocessableContent)
            #expect(try stale.object()["code"] as? String == "stale_signal")
            #expect(try (stale.object()["error"] as? String)?.contains("s ago; this adapter accepts at most 60 s") == true)
            let ahead = try await client.post("/api/webhook", Self.body(time: Self.iso(600)))
            #expect(ahead.status == .unprocessableContent && ahead.text.contains("ahead"))
            let unstamped = try await client.post("/api/webhook", #"{"alert":1,"symbol":"AAPL","side":"buy","qty":1,"price":10}"#)
            let field = try unstamped.object()["field"] as? String
            #expect(unstamped.status == .badRequest && field == "time")
            let garbled = try await client.post("/api/webhook", Self.body(time: #""yesterday""#))
            #expect(garbled.status == .badRequest && garbled.text.contains("is not a time"))
            let quoted = try await client.post("/api/webhook?dry_run=true", Self.body(time: Self.iso(-120)))
            #expect(quoted.status == .unprocessableContent, "a dry run says what the real request would get")
            #expect(try await client.get("/api/orders").array().count == 2)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anIdenticalSignalWithinTheWindowIsAReplay(_ setup: TestingSetup) async throws {
        try await Self.harness().run(setup) { client, ledger in
            let now = Date()
            let time = Self.iso(-1, from: now)
            let first = try await client.post("/api/webhook", Self.body(time: time))
            let resent = try await client.post("/api/webhook", Self.body(time: time))
            #expect(first.status == .ok && resent.status == .ok)
            #expect(resent.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(resent.text == first.text)
            // Naming the current account is the same signal as naming none.
            let named = Self.body(time: time).replacingOccurrences(of: #""alert":1,"#, with: #""alert":1,"account":"default","#)
            #expect(try await client.post("/api/webhook", named).headers[.init("Idempotent-Replayed")!] == "true")
            // Another quantity, or another time, is another signal.
            #expect(try await client.post("/api/webhook", Self.body(time: time, qty: 2)).headers[.init("Idempotent-Replayed")!] == nil)
            #expect(try await client.post("/api/webhook", Self.body(time: Self.iso(-2, from: now))).headers[.init("Idempotent-Replayed")!] == nil)
            // A sender's own key wins over the content.
            let keyed = try await client.post("/api/webhook", Self.body(time: time), headers: .named([("Idempotency-Key", "k1")]))
            #expect(keyed.headers[.init("Idempotent-Replayed")!] == nil)
            #expect(try await client.get("/api/orders").array().count == 4)
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 5)
        }
    }

    @Test func theWindowAndTheMaxAgeAreChecked() throws {
        func error(_ extra: String) -> String? {
            let yaml = "version: 1\nadapters:\n  - name: a\n\(extra)\n    fields: {symbol: symbol, side: side, qty: qty, price: price}\n"
            do {
                _ = try RulesLoader.load(yaml: yaml, file: "f")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("    max_age: 60")?.contains("max_age needs a 'time' field") == true)
        #expect(error("    dedupe_window: 0")?.contains("dedupe_window must be a whole number of seconds from 1 to 604800") == true)
        #expect(error("    dedupe_window: soon")?.contains("got 'soon'") == true)
    }
}
