import Adapters
import Core
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Synchronization
import Testing

@Suite struct IdempotencyTests {
    @Test(arguments: [TestingSetup.router, .live])
    func repeatedKeyReturnsTheOriginalReplyAndCreatesNothing(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let headers = HTTPFields.named([("Idempotency-Key", "alert-1")])
            let first = try await client.post("/api/webhook", seedStandard, headers: headers)
            #expect(first.status == .ok)
            #expect(first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            let second = try await client.post("/api/webhook", seedStandard, headers: headers)
            #expect(second.status == .ok)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(second.text == first.text)
            #expect(try await client.get("/api/orders").array().count == 1)
            #expect(try await ledger.account(named: "default")?.cash == decimal("81422.44"))
        }
    }

    /// A key compares the parsed body without its token, as a payment API compares parameters: the same JSON with its
    /// keys in another order, or carrying its token at the adapter's path rather than in a header, is the same request.
    @Test(arguments: [TestingSetup.router, .live])
    func aResendDifferingOnlyInKeyOrderOrTokenIsAReplay(_ setup: TestingSetup) async throws {
        var harness = try Harness(token: "t0k-secret")
        harness.configuration.rules = try RulesLoader.load(
            yaml: "adapters: [{name: bot, fields: {symbol: s, side: d, qty: q, price: p, id: id, token: secret}}]",
            file: "test.yaml"
        )
        try await harness.run(setup) { client, _ in
            let first = try await client.post("/api/webhook", #"{"id":"k-1","s":"AAPL","d":"buy","q":1,"p":10,"secret":"t0k-secret"}"#)
            #expect(first.status == .ok)
            let reordered = try await client.post("/api/webhook", #"{"secret":"t0k-secret","p":10,"q":1,"d":"buy","s":"AAPL","id":"k-1"}"#)
            #expect(reordered.headers[HTTPField.Name("Idempotent-Replayed")!] == "true", "\(reordered.text)")
            let byHeader = try await client.post(
                "/api/webhook",
                #"{"id":"k-1","s":"AAPL","d":"buy","q":1,"p":10}"#,
                headers: .named([("X-Webhook-Token", "t0k-secret")])
            )
            #expect(byHeader.headers[HTTPField.Name("Idempotent-Replayed")!] == "true", "\(byHeader.text)")
            #expect(byHeader.text == first.text && reordered.text == first.text)
            // Another value is another request, however it is ordered.
            let other = try await client.post("/api/webhook", #"{"p":11,"q":1,"d":"buy","s":"AAPL","id":"k-1","secret":"t0k-secret"}"#)
            #expect(other.status == .conflict)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    /// A key recorded by an earlier version, whose fingerprint was made from the body's text, answers a retry after
    /// the upgrade with its original reply: its fingerprint cannot be compared, and a 409 would fail a good retry.
    @Test func aKeyRecordedBeforeTheUpgradeAnswersItsRetry() async throws {
        let harness = try Harness()
        let headers = HTTPFields.named([("webhook-id", "msg_7")])
        let first = Mutex("")
        try await harness.run(.router) { client, ledger in
            let reply = try await client.post("/api/webhook", seedStandard, headers: headers).text
            first.withLock { $0 = reply }
            await ledger.flush()
            try await ledger.database.write { db in try db.execute(sql: "UPDATE idempotency SET fingerprint = 'b94d27b9934d3e08a52e52d7da7dabfa'") }
        }
        let original = first.withLock { $0 }
        try await Harness(directory: harness.directory).run(.router) { client, _ in
            // Re-serialized by the sender with its keys in another order: the old fingerprint would have differed.
            let retry = try await client.post("/api/webhook", #"{"qty":100,"price":185.50,"side":"buy","symbol":"AAPL"}"#, headers: headers)
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(retry.text == original)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    /// A dry run answers as the real request would: a key used with another body is 409, a key used with this body
    /// is a replay; neither records anything.
    @Test(arguments: [TestingSetup.router, .live])
    func aDryRunOfAUsedKeyAnswersConflictOrReplay(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let headers = HTTPFields.named([("Idempotency-Key", "alert-7")])
            #expect(try await client.post("/api/webhook", seedStandard, headers: headers).status == .ok)
            let other = #"{"symbol":"AAPL","side":"buy","qty":1,"price":185.50}"#
            let conflict = try await client.post("/api/webhook?dry_run=true", other, headers: headers)
            #expect(conflict.status == .conflict)
            #expect(try conflict.object()["code"] as? String == "idempotency_conflict")
            #expect(try conflict.object()["dry_run"] as? Bool == true)
            let replay = try await client.post("/api/webhook?dry_run=true", seedStandard, headers: headers)
            #expect(replay.status == .ok)
            #expect(try replay.object()["replay"] as? Bool == true)
            let fresh = try await client.post("/api/webhook?dry_run=true", other, headers: .named([("Idempotency-Key", "alert-8")]))
            #expect(fresh.status == .ok)
            #expect(try fresh.object()["replay"] == nil)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    @Test func sameKeyWithADifferentBodyIs409() async throws {
        try await Harness().run(.router) { client, _ in
            let headers = HTTPFields.named([("webhook-id", "msg_1")])
            #expect(try await client.post("/api/webhook", seedStandard, headers: headers).status == .ok)
            let conflict = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":185.50}"#, headers: headers)
            #expect(conflict.status == .conflict)
            #expect(try conflict.object()["code"] as? String == "idempotency_conflict")
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    /// A key the real request would refuse is refused by its dry run too, which answers as the real request would; a
    /// `webhook-id` outside its documented length is refused even beside an `Idempotency-Key` that takes precedence.
    @Test func aKeyOutsideOneTo256CharactersIs400DryRunOrNot() async throws {
        try await Harness().run(.router) { client, _ in
            let longID = String(repeating: "k", count: 257)
            let cases: [(HTTPFields, String)] = [
                (.named([("Idempotency-Key", "")]), "Idempotency-Key"), (.named([("webhook-id", longID)]), "webhook-id"),
                (.named([("webhook-id", "")]), "webhook-id"), (.named([("Idempotency-Key", "k-1"), ("webhook-id", longID)]), "webhook-id"),
            ]
            for path in ["/api/webhook", "/api/webhook?dry_run=true"] {
                for (headers, field) in cases {
                    let refused = try await client.post(path, seedStandard, headers: headers)
                    #expect(refused.status == .badRequest, "\(path): \(refused.text)")
                    #expect(try refused.object()["code"] as? String == "invalid_parameter")
                    #expect(try refused.object()["field"] as? String == field, "\(refused.text)")
                }
            }
            #expect(try await client.get("/api/orders").array().isEmpty)
        }
    }

    @Test func theAdaptersIdFieldIsAKeyAndTheTokenIsNotPartOfTheBody() async throws {
        try await Harness(token: "t0k").run(.router) { client, _ in
            let first = try await client.post("/api/webhook", #"{"id":"sig-9","symbol":"AAPL","side":"buy","qty":1,"price":10,"token":"t0k"}"#)
            let again = try await client.post(
                "/api/webhook",
                #"{"id":"sig-9","symbol":"AAPL","side":"buy","qty":1,"price":10}"#,
                headers: .named([("X-Webhook-Token", "t0k")])
            )
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(again.text == first.text)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func keysAreScopedToTheAccountTheyTrade(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "策略A", cash: 50_000))
            let key = HTTPFields.named([("Idempotency-Key", "run-1/signal-1")])
            let onDefault = try await client.post("/api/webhook", seedStandard, headers: key)
            let onA = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50,"account":"策略A"}"#, headers: key)
            #expect(onDefault.status == .ok && onA.status == .ok)
            #expect(onA.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            #expect(try await client.get("/api/orders").array().count == 2)
            #expect(try await ledger.account(named: "策略A")?.cash == decimal("31422.44"))
            // A repeat on the same account still replays; another body with the key is still 409.
            let repeatA = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50,"account":"策略A"}"#,
                headers: key
            )
            #expect(repeatA.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(repeatA.text == onA.text)
            let conflict = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":1,"price":185.50,"account":"策略A"}"#,
                headers: key
            )
            #expect(conflict.status == .conflict)
            #expect(try await client.get("/api/orders").array().count == 2)
        }
    }

    @Test func rejectedRepliesAreReplayedToo() async throws {
        try await Harness().run(.router) { client, _ in
            let headers = HTTPFields.named([("Idempotency-Key", "k")])
            let body = #"{"symbol":"AAPL","side":"sell","qty":1,"price":10}"#
            let first = try await client.post("/api/webhook", body, headers: headers)
            let second = try await client.post("/api/webhook", body, headers: headers)
            #expect(first.status == .unprocessableContent && second.status == .unprocessableContent)
            #expect(second.text == first.text)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    /// Replies are rendered per request from what was recorded: a replay answers in the language it asks for, and
    /// in the same language it is the same bytes, for refusals, no-actions and two-leg intents alike.
    @Test(arguments: [TestingSetup.router, .live])
    func aReplayAnswersInTheLanguageItAsksFor(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "swing", cash: 100_000, allowsShortSelling: true))
            func post(_ body: String, key: String, chinese: Bool) async throws -> TestResponse {
                var headers = HTTPFields.named([("Idempotency-Key", key)])
                if chinese { headers[.acceptLanguage] = "zh-CN,zh;q=0.9" }
                return try await client.post("/api/webhook", body, headers: headers)
            }
            let refusedBody = #"{"symbol":"AAPL","side":"sell","qty":1,"price":10}"#
            let refused = try await post(refusedBody, key: "sell", chinese: false)
            let refusedInChinese = try await post(refusedBody, key: "sell", chinese: true)
            #expect(try refused.object()["error"] as? String == "Insufficient position in AAPL: selling 1, held 0")
            #expect(try refusedInChinese.object()["error"] as? String == "持仓不足: AAPL 卖出 1, 持有 0")
            #expect(refusedInChinese.status == .unprocessableContent)
            #expect(refusedInChinese.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await post(refusedBody, key: "sell", chinese: false).text == refused.text)

            let exitBody = #"{"ticker":"MSFT","action":"exit","price":400}"#
            let nothing = try await post(exitBody, key: "exit", chinese: true)
            #expect(try nothing.object()["no_action"] as? String == "MSFT 无持仓可平; 无需操作")
            let nothingInEnglish = try await post(exitBody, key: "exit", chinese: false)
            #expect(try nothingInEnglish.object()["no_action"] as? String == "No position in MSFT to exit; nothing to do")

            let buy = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.50,"account":"swing"}"#)
            #expect(buy.status == .ok)
            let reverseBody = #"{"ticker":"AAPL","action":"reverse","price":190,"account":"swing"}"#
            let reverse = try await post(reverseBody, key: "rev", chinese: false)
            #expect(try (reverse.object()["legs"] as? [Any])?.count == 2, "\(reverse.text)")
            #expect(try await post(reverseBody, key: "rev", chinese: true).text == reverse.text, "numbers are the same in every language")
            #expect(try await client.get("/api/orders").array().count == 4)
        }
    }

    @Test func concurrentDuplicatesExecuteOnce() async throws {
        try await Harness().run(.router) { client, _ in
            let headers = HTTPFields.named([("Idempotency-Key", "burst")])
            let replies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await client.post("/api/webhook", seedStandard, headers: headers).text } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(replies).count == 1)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    @Test func keysSurviveARestart() async throws {
        var harness = try Harness()
        // A fill rate other than 1 shows the simulation is rendered again from the stored order.
        harness.configuration.executionModel.fillRate = decimal("0.5")
        let headers = HTTPFields.named([("Idempotency-Key", "persist-me")])
        let original = LockedBox<String>()
        try await harness.run(.live) { client, _ in
            original.value = try await client.post("/api/webhook", seedStandard, headers: headers).text
        }
        try await harness.run(.live) { client, _ in
            let replay = try await client.post("/api/webhook", seedStandard, headers: headers)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(replay.text == original.value)
            #expect(replay.text.contains(#""fill_rate":0.5"#), "\(replay.text)")
            let conflict = try await client.post("/api/webhook", seedTradingView, headers: headers)
            #expect(conflict.status == .conflict)
            #expect(try await client.get("/api/orders").array().count == 1)
        }
    }

    @Test func tooLongKeyIsRefused() async throws {
        try await Harness().run(.router) { client, _ in
            let response = try await client.post(
                "/api/webhook",
                seedStandard,
                headers: .named([("Idempotency-Key", String(repeating: "k", count: 300))])
            )
            #expect(response.status == .badRequest)
            #expect(try response.object()["field"] as? String == "Idempotency-Key")
        }
    }
}

/// A value shared between test closures.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    // Guarded by `lock`; every access goes through `value`.
    private let lock = NSLock()
    private var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
