import Adapters
import Core
import Crypto
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Ledger
import Logging
import SQLiteLedger
import Testing

@testable import Server

/// Every way into the webhook: signatures, address allowlists behind trusted proxies, account tokens, rate limits.
@Suite struct WebhookSecurityTests {
    /// A `whsec_` secret and the key it holds.
    static let key = Array("0123456789abcdef0123456789abcdef".utf8)
    static let standardSecret = "whsec_" + Data(key).base64EncodedString()
    static let githubSecret = "a-github-webhook-secret"

    /// The shipped rules plus three adapters that guard themselves, reached by path.
    static func rules() throws -> AdapterSet {
        var rules = try DefaultRules.load()
        let guarded = try RulesLoader.load(
            yaml: """
                version: 1
                adapters:
                  - name: signed
                    security:
                      signature: {scheme: standard-webhooks, secret_env: SIGNED_SECRET}
                    match: {present: [signed]}
                    fields: {symbol: symbol, side: side, qty: qty, price: price, account: account}
                  - name: github
                    security:
                      signature: {scheme: github, secret_env: GITHUB_SECRET}
                    match: {present: [hub]}
                    fields: {symbol: symbol, side: side, qty: qty, price: price}
                  - name: tradingview-only
                    security:
                      allow_from: [tradingview, 198.51.100.0/24]
                    match: {present: [fenced]}
                    fields: {symbol: symbol, side: side, qty: qty, price: price}
                """,
            file: "test"
        )
        rules.adapters = guarded.adapters + rules.adapters
        return rules
    }

    static func harness(token: String? = "server-token") throws -> Harness {
        var harness = try Harness(token: token)
        harness.configuration.rules = try rules()
        harness.configuration.environment = ["SIGNED_SECRET": standardSecret, "GITHUB_SECRET": githubSecret]
        harness.configuration.trustedProxies = [AddressRange("127.0.0.1")!]
        return harness
    }

    static func standardSignature(id: String, timestamp: Int, body: String, key: [UInt8] = key) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    static func signedHeaders(_ body: String, id: String = "msg_1", age: Int = 0, signature: String? = nil) -> HTTPFields {
        let timestamp = Int(Date().timeIntervalSince1970) - age
        return .named([
            ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signature ?? standardSignature(id: id, timestamp: timestamp, body: body)),
        ])
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aStandardWebhooksSignatureStandsInForTheTokenAndNothingElseDoes(_ setup: TestingSetup) async throws {
        try await Self.harness().run(setup) { client, ledger in
            let body = #"{"signed":1,"symbol":"AAPL","side":"buy","qty":10,"price":185.50}"#
            let signed = try await client.post("/api/webhook", body, headers: Self.signedHeaders(body))
            #expect(signed.status == .ok, "\(signed.text)")
            // The same message again is a replay: webhook-id is its idempotency key.
            let again = try await client.post("/api/webhook", body, headers: Self.signedHeaders(body))
            #expect(again.headers[.init("Idempotent-Replayed")!] == "true")

            func refusal(_ headers: HTTPFields, _ payload: String = body) async throws -> String {
                let response = try await client.post("/api/webhook", payload, headers: headers)
                #expect(response.status == .unauthorized)
                #expect(try response.object()["code"] as? String == "invalid_signature")
                return try response.object()["error"] as? String ?? ""
            }
            #expect(try await refusal(.named([("X-Webhook-Token", "server-token")])) == "Invalid signature: the webhook-id header is missing")
            #expect(try await refusal(Self.signedHeaders(body, id: "msg_2", age: 400)).contains("s old; at most 300 s is accepted"))
            #expect(try await refusal(Self.signedHeaders(body, id: "msg_3", age: -400)).contains("in the future"))
            let tampered = body.replacingOccurrences(of: "\"qty\":10", with: "\"qty\":1000")
            #expect(try await refusal(Self.signedHeaders(body, id: "msg_4"), tampered).contains("does not match"))
            let wrongKey = Self.standardSignature(
                id: "msg_5",
                timestamp: Int(Date().timeIntervalSince1970),
                body: body,
                key: Array(repeating: 7, count: 32)
            )
            #expect(try await refusal(Self.signedHeaders(body, id: "msg_5", signature: wrongKey)).contains("does not match"))
            #expect(try await refusal(Self.signedHeaders(body, id: "msg_6", signature: "v2,abc")).contains("v1,<base64>"))

            // Key rotation: several signatures, one of them valid.
            let timestamp = Int(Date().timeIntervalSince1970)
            let rotated =
                "v1,\(Data(repeating: 1, count: 32).base64EncodedString()) " + Self.standardSignature(id: "msg_7", timestamp: timestamp, body: body)
            let headers = HTTPFields.named([("webhook-id", "msg_7"), ("webhook-timestamp", String(timestamp)), ("webhook-signature", rotated)])
            #expect(try await client.post("/api/webhook", body, headers: headers).status == .ok)
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 20)
        }
    }

    @Test func aGitHubSignatureIsCheckedOverTheRawBytes() async throws {
        try await Self.harness().run(.router) { client, _ in
            let body = #"{"hub":1,"symbol":"MSFT","side":"buy","qty":1,"price":410}"#
            let mac = HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: Array(Self.githubSecret.utf8)))
            let hex = mac.map { String(format: "%02x", $0) }.joined()
            #expect(try await client.post("/api/webhook/github", body, headers: .named([("X-Hub-Signature-256", "sha256=" + hex)])).status == .ok)
            // The same JSON with other spacing is other bytes: refused.
            let spaced = body.replacingOccurrences(of: ",", with: ", ")
            let respaced = try await client.post("/api/webhook/github", spaced, headers: .named([("X-Hub-Signature-256", "sha256=" + hex)]))
            #expect(respaced.status == .unauthorized && respaced.text.contains("does not match"))
            let missing = try await client.post("/api/webhook/github", body)
            #expect(missing.status == .unauthorized && missing.text.contains("X-Hub-Signature-256"))
        }
    }

    @Test func anAllowlistSeesTheClientBehindATrustedProxyAndNoForgedAddress() async throws {
        try await Self.harness().run(.live) { client, _ in
            let body = #"{"fenced":1,"symbol":"AAPL","side":"buy","qty":1,"price":10}"#
            let token = ("X-Webhook-Token", "server-token")
            // The connection is the trusted proxy (127.0.0.1); the client is the last address it forwarded.
            let fromTradingView = try await client.post(
                "/api/webhook",
                body,
                headers: .named([token, ("X-Forwarded-For", "10.9.9.9, 52.89.214.238")])
            )
            #expect(fromTradingView.status == .ok, "\(fromTradingView.text)")
            #expect(try await client.post("/api/webhook", body, headers: .named([token, ("X-Forwarded-For", "198.51.100.77")])).status == .ok)
            let outside = try await client.post("/api/webhook", body, headers: .named([token, ("X-Forwarded-For", "203.0.113.9")]))
            #expect(outside.status == .forbidden)
            #expect(try outside.object()["error"] as? String == "Requests for adapter 'tradingview-only' are not accepted from 203.0.113.9")
            // A client may prepend whatever it likes; only what the proxy appended counts.
            let forged = try await client.post("/api/webhook", body, headers: .named([token, ("X-Forwarded-For", "52.89.214.238, 203.0.113.9")]))
            #expect(forged.status == .forbidden)
            let deliveries = try await client.get("/api/deliveries").array()
            #expect(deliveries.first?["remote_address"] as? String == "203.0.113.9")
        }
        // Without trusting the proxy, X-Forwarded-For is ignored: the client is the connection.
        var untrusting = try Self.harness()
        untrusting.configuration.trustedProxies = []
        try await untrusting.run(.live) { client, _ in
            let body = #"{"fenced":1,"symbol":"AAPL","side":"buy","qty":1,"price":10}"#
            let forged = try await client.post(
                "/api/webhook",
                body,
                headers: .named([("X-Webhook-Token", "server-token"), ("X-Forwarded-For", "52.89.214.238")])
            )
            #expect(forged.status == .forbidden && forged.text.contains("127.0.0.1"))
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anAccountTokenTradesItsAccountOnly(_ setup: TestingSetup) async throws {
        try await Self.harness(token: nil).run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "策略A", cash: 50_000))
            let token = Secret.generate(.accountToken)
            try await ledger.sqlite.addAccountToken(digest: Secret.digest(token), account: "策略A", createdAt: Date())
            // Once an account has a token, every webhook needs one, even without WEBHOOK_TOKEN.
            #expect(try await client.post("/api/webhook", seedStandard).status == .unauthorized)
            let bound = try await client.post("/api/webhook", seedStandard, headers: .named([("X-Webhook-Token", token)]))
            #expect(bound.status == .ok)
            #expect(try (bound.object()["order"] as? [String: Any])?["account"] as? String == "策略A")
            let inBody = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"account":"策略A","token":"\#(token)"}"#
            )
            #expect(inBody.status == .ok)
            let elsewhere = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"account":"default"}"#,
                headers: .named([("X-Webhook-Token", token)])
            )
            #expect(elsewhere.status == .forbidden)
            #expect(try elsewhere.object()["error"] as? String == "This token trades account '策略A' only; the signal names 'default'")
            let quoted = try await client.post("/api/webhook?dry_run=true", seedStandard, headers: .named([("X-Webhook-Token", token)]))
            #expect(try (quoted.object()["account"] as? [String: Any])?["name"] as? String == "策略A")
            #expect(try await ledger.account(named: "default")?.positions.isEmpty == true)
            #expect(try await client.post("/api/webhook", seedStandard, headers: .named([("X-Webhook-Token", "pt_wrong")])).status == .unauthorized)
        }
    }

    @Test func theServerTokenTradesAnyAccountBesideAccountTokens() async throws {
        try await Self.harness().run(.router) { client, ledger in
            try await ledger.addAccount(Account(name: "策略A", cash: 50_000))
            try await ledger.sqlite.addAccountToken(digest: Secret.digest(Secret.generate(.accountToken)), account: "策略A", createdAt: Date())
            let named = #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"account":"策略A"}"#
            #expect(try await client.post("/api/webhook", named, headers: .named([("X-Webhook-Token", "server-token")])).status == .ok)
            #expect(try await client.post("/api/webhook", seedStandard, headers: .named([("X-Webhook-Token", "server-token")])).status == .ok)
        }
    }

    @Test func eachAddressIsRateLimitedAndLoopbackIsNot() async throws {
        var harness = try Self.harness()
        // One request in 1000 s after a burst of two: the test never waits long enough for a refill.
        harness.configuration.rateLimit = 0.001
        try await harness.run(.live) { client, _ in
            func post(from address: String?) async throws -> TestResponse {
                var headers = HTTPFields.named([("X-Webhook-Token", "server-token")])
                if let address { headers[.init("X-Forwarded-For")!] = address }
                return try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":10}"#, headers: headers)
            }
            // A burst of two, then nothing for a long while.
            #expect(try await post(from: "203.0.113.1").status == .ok)
            #expect(try await post(from: "203.0.113.1").status == .ok)
            let limited = try await post(from: "203.0.113.1")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap(Int.init).map { $0 >= 900 } == true)
            #expect(try limited.object()["code"] as? String == "rate_limited")
            #expect(try await post(from: "203.0.113.2").status == .ok, "another address has its own bucket")
            for _ in 0..<5 { #expect(try await post(from: nil).status == .ok, "this machine is not limited") }
            // A limited request is not logged: the log cannot be flooded.
            #expect(try await client.get("/api/deliveries").array().count == 8)
        }
    }

    @Test func aRefusedRequestIsLoggedByAnExcerptOnly() async throws {
        try await Self.harness().run(.router) { client, _ in
            let big = #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"note":""# + String(repeating: "x", count: 60_000) + #""}"#
            #expect(try await client.post("/api/webhook", big).status == .unauthorized)
            let logged = try #require(try await client.get("/api/deliveries").array().first?["body"] as? String)
            #expect(logged.utf8.count < 600)
            #expect(logged.hasSuffix("… (\(big.utf8.count) bytes)"))
        }
    }

    /// A flood of refused requests is logged within the refusal budget (a burst of 100, then 20 a second), on
    /// standard error and in the delivery log alike, and the rest only counted; a server failure is logged whatever
    /// the budget.
    @Test func aFloodOfRefusedRequestsIsLoggedWithinTheBudget() async throws {
        var harness = try Self.harness()
        let lines = DeferredMetadataLogHandlerTests.Lines()
        harness.logger = Logger(label: "papertrade") { DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: lines, metadataProvider: nil)) }
        let flood = 300
        let buy = #"{"symbol":"AAPL","side":"buy","qty":1,"price":10}"#
        try await harness.run(.router) { client, ledger in
            let started = ContinuousClock.now
            for _ in 0..<flood { #expect(try await client.post("/api/webhook", buy).status == .unauthorized) }
            let seconds = (ContinuousClock.now - started).inSeconds
            let logged = try await ledger.deliveries(limit: 1000).count
            let mostAllowed = 100 + 20 * seconds + 1
            #expect(logged >= 100 && Double(logged) <= mostAllowed, "\(logged) refusals logged in \(seconds) s")
            let refusalLines = lines.all.filter { $0.contains("webhook 401 unauthorized") }
            #expect(refusalLines.count == logged, "a line for each refusal logged")
            let metrics = try await client.get("/metrics").text.split(separator: "\n")
            let notLogged = metrics.first { $0.hasPrefix(#"papertrade_requests_not_logged_total{reason="refusal_budget"}"#) }
            // The counter has no sample until something is dropped: a slow machine may refill the budget as fast as
            // it floods.
            let dropped = notLogged.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? 0
            #expect(dropped == Double(flood - logged))

            // The budget spent, looking a token up fails (it is not the server's, so account tokens are asked): that
            // is the server's failure, and it is logged.
            try await ledger.sqlite.database.write { try $0.execute(sql: "DROP TABLE account_token") }
            let headers = HTTPFields.named([("X-Webhook-Token", "some-account-token")])
            #expect(try await client.post("/api/webhook", buy, headers: headers).status == .serviceUnavailable)
            #expect(lines.all.contains { $0.contains("webhook 503 storage_unavailable") })
            #expect(try await ledger.deliveries(limit: 1).first?.status == 503)
        }
    }

    @Test func aSigningAdapterWithoutItsSecretStopsTheStart() async throws {
        var harness = try Self.harness()
        harness.configuration.environment = ["GITHUB_SECRET": Self.githubSecret]
        let ledger = try await harness.openLedger()
        #expect(throws: ConfigurationProblem.self) {
            _ = try buildApplication(configuration: harness.configuration, ledger: ledger, users: ledger.sqlite)
        }
        harness.configuration.environment = ["GITHUB_SECRET": Self.githubSecret, "SIGNED_SECRET": "not-a-whsec"]
        #expect(throws: ConfigurationProblem.self) {
            _ = try buildApplication(configuration: harness.configuration, ledger: ledger, users: ledger.sqlite)
        }
    }
}

/// What a review found: overflows from a sender's numbers, replays of signed messages, and anonymous requests from
/// places they must not come from.
@Suite struct WebhookHardeningTests {
    @Test func aSendersHugeNumbersAreRefusedNotFatal() async throws {
        try await WebhookSecurityTests.harness().run(.router) { client, _ in
            let body = #"{"signed":1,"symbol":"AAPL","side":"buy","qty":1,"price":10}"#
            for timestamp in ["-9223372036854775807", "99999999999999999999", "1e9"] {
                let headers = HTTPFields.named([("webhook-id", "m"), ("webhook-timestamp", timestamp), ("webhook-signature", "v1,AAAA")])
                let response = try await client.post("/api/webhook", body, headers: headers)
                #expect(response.status == .unauthorized && response.text.contains("webhook-timestamp must be whole seconds"), "\(timestamp)")
            }
        }
        var harness = try Harness()
        harness.configuration.rules.adapters.insert(
            try RulesLoader.load(
                yaml:
                    "version: 1\nadapters:\n  - name: t\n    max_age: 60\n    match: {present: [t]}\n    fields: {symbol: symbol, side: side, qty: qty, price: price, time: time}\n",
                file: "t"
            ).adapters[0],
            at: 0
        )
        try await harness.run(.router) { client, _ in
            for time in ["1e22", #""1e64""#, "-5", #""9999999-01-01T00:00:00Z""#] {
                let response = try await client.post("/api/webhook", #"{"t":1,"symbol":"AAPL","side":"buy","qty":1,"price":10,"time":\#(time)}"#)
                #expect(response.status == .badRequest && response.text.contains("is not a time"), "\(time): \(response.text)")
            }
        }
    }

    @Test func aCapturedSignedMessageCannotBeMadeNewWithAnotherKey() async throws {
        try await WebhookSecurityTests.harness().run(.router) { client, ledger in
            let body = #"{"signed":1,"symbol":"AAPL","side":"buy","qty":1,"price":10}"#
            var headers = WebhookSecurityTests.signedHeaders(body, id: "msg_once")
            #expect(try await client.post("/api/webhook", body, headers: headers).status == .ok)
            headers[.init("Idempotency-Key")!] = "fresh-key"
            let again = try await client.post("/api/webhook", body, headers: headers)
            #expect(again.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 1)
        }
    }

    @Test func anAnonymousWebhookNeverComesFromAPageAProxyOrAPublicServer() async throws {
        try await Harness().run(.router) { client, ledger in
            let fromPage = try await client.post("/api/webhook", seedStandard, headers: .named([("Origin", "https://evil.example")]))
            #expect(fromPage.status == .forbidden && fromPage.text.contains("cross_site_request"))
            let crossSite = try await client.post("/api/webhook", seedStandard, headers: .named([("Sec-Fetch-Site", "cross-site")]))
            #expect(crossSite.status == .forbidden)
            let proxied = try await client.post("/api/webhook", seedStandard, headers: .named([("X-Forwarded-For", "203.0.113.5")]))
            #expect(proxied.status == .unauthorized)
            let proxiedRead = try await client.get("/api/accounts", headers: .named([("X-Forwarded-For", "203.0.113.5")]))
            #expect(proxiedRead.status == .forbidden && proxiedRead.text.contains("no_users"))
            #expect(try await client.post("/api/webhook", seedStandard).status == .ok, "a plain sender on this machine")
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 100)
        }
        // A public server decided at start that webhooks need a credential: no token anywhere opens nothing.
        var exposed = try Harness()
        exposed.configuration.allowsAnonymousWebhooks = false
        try await exposed.run(.router) { client, _ in
            let status = try await client.post("/api/webhook", seedStandard).status
            #expect(status == .unauthorized)
        }
    }
}
