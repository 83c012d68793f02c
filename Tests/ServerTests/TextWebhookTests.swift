import Adapters
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Plain-text bodies through the webhook, through the router and over real HTTP on loopback.
@Suite struct TextWebhookTests {
    private let textPlain = HTTPFields.named([("Content-Type", "text/plain; charset=utf-8")])

    @Test(arguments: [TestingSetup.router, .live])
    func aSentenceExecutesWithTheSeedsReply(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let response = try await client.post("/api/webhook", "buy 100 AAPL @ 185.50\n", headers: textPlain)
            #expect(response.status == .ok)
            #expect(response.text.contains(seedSimulation))
            let reply = try response.object()
            #expect(reply["adapter"] as? String == "text")
            let order = try #require(reply["order"] as? [String: Any])
            #expect(order["symbol"] as? String == "AAPL" && number(order, "exec_price") == "185.59")
            #expect(try await ledger.account(named: "default")?.cash == decimal("81422.44"))
            // The same sentence by the adapter's URL, without a content type.
            let byName = try await client.post("/api/webhook/text", "SELL 40 AAPL @ 190")
            #expect(byName.status == .ok)
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 60)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aTokenInTheTextAuthenticatesAndIsNeverLoggedOrEchoed(_ setup: TestingSetup) async throws {
        try await Harness(token: "t0k-secret").run(setup) { client, ledger in
            let accepted = try await client.post("/api/webhook", "buy 1 AAPL @ 185 token=t0k-secret", headers: textPlain)
            #expect(accepted.status == .ok)
            #expect(!accepted.text.contains("t0k-secret"))
            let wrong = try await client.post("/api/webhook", "buy 1 AAPL @ 185 token=guess")
            #expect(wrong.status == .unauthorized)
            let none = try await client.post("/api/webhook", "buy 1 AAPL @ 185")
            #expect(none.status == .unauthorized)
            let header = try await client.post("/api/webhook", "buy 1 AAPL @ 185", headers: .named([("X-Webhook-Token", "t0k-secret")]))
            #expect(header.status == .ok)
            // Unauthenticated, a malformed body learns nothing about its form, only that its token could not be looked for.
            let unread = try await client.post("/api/webhook", "buy AAPL token=t0k-secret")
            #expect(unread.status == .unauthorized)
            #expect(
                try unread.object()["error"] as? String
                    == "Missing or wrong webhook token (no adapter could read the body, so a token inside it was not found; the X-Webhook-Token header always works)"
            )
            #expect(try await client.post("/api/webhook", "buy AAPL", headers: .named([("X-Webhook-Token", "t0k-secret")])).status == .badRequest)
            await ledger.flush()
            let deliveries = try await client.get("/api/deliveries").array()
            #expect(deliveries.contains { $0["body"] as? String == "buy 1 AAPL @ 185 token=[redacted]" })
            #expect(!deliveries.contains { ($0["body"] as? String)?.contains("t0k-secret") == true })
            #expect(try await client.get("/api/orders").array().count == 2)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func idempotencyHeadersWorkForText(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let key = HTTPFields.named([("Idempotency-Key", "note-1")])
            let first = try await client.post("/api/webhook", "buy 2 MSFT @ 400", headers: key)
            let again = try await client.post("/api/webhook", "buy 2 MSFT @ 400", headers: key)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(again.text == first.text)
            let changed = try await client.post("/api/webhook", "buy 3 MSFT @ 400", headers: key)
            #expect(changed.status == .conflict)
            // The sentence's own id is a key too.
            let withID = try await client.post("/api/webhook", "buy 1 MSFT @ 400 id=n-2")
            #expect(try await client.post("/api/webhook", "buy 1 MSFT @ 400 id=n-2").text == withID.text)
            #expect(try await client.get("/api/orders").array().count == 2)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func malformedTextIsACoded400NamingTheProblemInEitherLanguage(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let english = try await client.post("/api/webhook", "buy 100 AAPL")
            #expect(english.status == .badRequest)
            let object = try english.object()
            #expect(object["code"] as? String == "missing_field")
            #expect(object["error"] as? String == "Missing required field 'price' (looked for: group 'price')")
            let twice = try await client.post("/api/webhook", "buy 1 AAPL @ 185 account=a account=b")
            #expect(try twice.object()["code"] as? String == "invalid_body")
            #expect(
                (try twice.object()["error"] as? String)?.hasPrefix(
                    "Body cannot be read: it does not match the adapter's pattern; adapter 'text' reads:"
                ) == true
            )
            let chinese = try await client.post("/api/webhook", "buy ten AAPL @ 185", headers: .named([("Accept-Language", "zh-CN")]))
            #expect(try chinese.object()["error"] as? String == #"字段 'qty' 必须是十进制数字, 收到 "ten""#)
            #expect(try chinese.object()["field"] as? String == "qty")
            #expect(try await client.get("/api/orders").array().isEmpty)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aDryRunOfTextShowsTheTraceAndChangesNothing(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let response = try await client.post("/api/webhook?dry_run=true", "buy 100 nasdaq:aapl @ 185.50")
            #expect(response.status == .ok)
            let trace = try response.object()
            #expect(trace["adapter"] as? String == "text")
            let fields = try #require(trace["fields"] as? [String: [String: Any]])
            #expect(fields["symbol"]?["raw"] as? String == "nasdaq:aapl")
            #expect(fields["symbol"]?["parsed"] as? String == "AAPL")
            #expect((trace["fill"] as? [String: Any]).flatMap { number($0, "total_cost") } == "18577.56")
            let bad = try await client.post("/api/webhook?dry_run=1", "sell 1 AAPL")
            #expect(bad.status == .badRequest)
            #expect(try bad.object()["code"] as? String == "missing_field")
            #expect(try await client.get("/api/orders").array().isEmpty)
            #expect(try await ledger.account(named: "default")?.cash == 100_000)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func textOverTheSizeLimitIs413(_ setup: TestingSetup) async throws {
        var harness = try Harness()
        harness.configuration.maxBodySize = 64
        try await harness.run(setup) { client, _ in
            let response = try await client.post("/api/webhook", "buy 1 AAPL @ 185 " + String(repeating: "x", count: 100))
            #expect(response.status == .contentTooLarge)
            #expect(try response.object()["code"] as? String == "body_too_large")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func noWayOfWritingATokenGetsItIntoTheDeliveryLog(_ setup: TestingSetup) async throws {
        var harness = try Harness(token: "ab/cd+ef==")
        harness.configuration.rules = try RulesLoader.load(
            yaml: """
                adapters:
                  - name: nested
                    match: {present: auth}
                    fields: {symbol: s, side: d, qty: {default: 1}, price: p, token: auth.token}
                  - name: text
                    body: {format: regex, pattern: '(?<side>buy|sell) (?<symbol>\\S+) (?<price>\\S+)'}
                    match: {body: text}
                    fields: {symbol: symbol, side: side, qty: {default: 1}, price: price}
                """,
            file: "test.yaml"
        )
        try await harness.run(setup) { client, ledger in
            // JSON escapes: `\/` is `/`, and the token is found at the adapter's path.
            let escaped = try await client.post("/api/webhook", #"{"s":"AAPL","d":"buy","p":10,"auth":{"token":"ab\/cd+ef=="}}"#)
            #expect(escaped.status == .ok)
            // The server's token anywhere else in the body is masked too, every time it appears.
            let elsewhere = #"{"s":"MSFT","d":"buy","p":10,"note":"ab/cd+ef== twice: ab/cd+ef==","auth":{"token":"ab\/cd+ef=="}}"#
            #expect(try await client.post("/api/webhook", elsewhere).status == .ok)
            // Bodies no adapter can read keep their token out of the log too, right or wrong.
            #expect(try await client.post("/api/webhook", "hold AAPL token=wrong-secret-1").status == .unauthorized)
            #expect(try await client.post("/api/webhook", #"{"s": "AAPL", "token": "wrong-secret-2""#).status == .unauthorized)
            await ledger.flush()
            let log = try await client.get("/api/deliveries").array().compactMap { $0["body"] as? String }
            #expect(log.contains(#"{"s":"AAPL","d":"buy","p":10,"auth":{}}"#), "\(log)")
            #expect(log.contains(#"{"s":"MSFT","d":"buy","p":10,"note":"[redacted] twice: [redacted]","auth":{}}"#), "\(log)")
            #expect(log.contains("hold AAPL token=[redacted]"), "\(log)")
            #expect(log.contains(#"{"s": "AAPL", "token": "[redacted]""#), "\(log)")
            #expect(!log.contains { $0.contains("ab") || $0.contains("wrong-secret") })
        }
    }

    @Test func aBodyTokenIsComparedWhateverItsLength() async throws {
        let token = String(repeating: "k", count: 200)
        let json = #"{"symbol":"AAPL","side":"buy","qty":1,"price":185,"token":"\#(token)"}"#
        let text = "buy 1 AAPL @ 185 token=\(token)"
        try await Harness(token: token).run(.router) { client, _ in
            let fromJSON = try await client.post("/api/webhook", json)
            let fromText = try await client.post("/api/webhook", text)
            #expect(fromJSON.status == .ok && fromText.status == .ok)
        }
    }
}
