import Adapters
import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import Logging
import Testing

@testable import Server

/// The findings of the outside probe, each as it was reproduced: DNS rebinding, slow connections, credentials in the
/// delivery log, NUL bytes in names, an echoed secret, one cookie for every port, streams that outlive their user,
/// hidden characters in names, and replies without `nosniff`.
@Suite struct SecurityProbeTests {
    // MARK: - Loopback means loopback

    @Test func onlyWholeLoopbackAddressesAndLocalhostAreLocal() {
        for local in ["127.0.0.1", "127.0.0.1:11182", "127.1.2.3:80", "localhost", "LOCALHOST:8080", "[::1]", "[::1]:11182", "127.255.255.255"] {
            #expect(LocalHost.isLocal(authority: local), "\(local)")
        }
        for foreign in [
            "127.0.0.1.evil.example", "127.0.0.1.evil.example:11182", "127.evil.example", "127.0.0.1.nip.io", "evil.example",
            "localhost.evil.example", "127.0.0.256", "127.0.0", "127.0.0.1.", "[::1].evil", "[::2]", "127.0.0.1:", "127.0.0.1:x",
            "128.0.0.1", "0x7f.0.0.1", "[::1",
        ] {
            #expect(!LocalHost.isLocal(authority: foreign), "\(foreign)")
        }
    }

    /// A page whose DNS name was rebound to this machine sends its own name as `Host`: a server without users, open to
    /// this machine, refuses it and says which host it refused.
    @Test(arguments: [TestingSetup.router, .live])
    func aRebindingHostNameReadsNothing(_ setup: TestingSetup) async throws {
        try await Harness().runHosted(setup) { client, _, send in
            let port = client.port ?? 11182
            for host in ["127.0.0.1.evil.example:\(port)", "127.evil.example:\(port)", "evil.example:\(port)"] {
                for path in ["/api/accounts", "/api/deliveries", "/api/me", "/api/events"] {
                    let reply = try await send(HostedRequest(authority: host, path: path))
                    #expect(reply.status == .forbidden, "\(host) \(path): \(reply.text)")
                    #expect(reply.text.contains("no_users") && reply.text.contains("Refused Host '\(host)'"), "\(reply.text)")
                }
                let dryRun = try await send(HostedRequest(authority: host, path: "/api/dry-run", method: .post))
                #expect(dryRun.status == .forbidden)
                let webhook = try await send(HostedRequest(authority: host, path: "/api/webhook", method: .post))
                #expect(webhook.status == .unauthorized, "an anonymous webhook only from this machine")
            }
            for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] {
                #expect(try await send(HostedRequest(authority: host, path: "/api/accounts")).status == .ok, "\(host)")
            }
            let chinese = try await send(HostedRequest(authority: "127.evil.example", path: "/api/accounts", headers: [.acceptLanguage: "zh"]))
            #expect(chinese.text.contains("已拒绝 Host '127.evil.example'"))
        }
    }

    @Test func aForwardedRequestToALoopbackServerIsToldSo() async throws {
        try await Harness().run(.router) { client, _ in
            let reply = try await client.get("/api/accounts", headers: .named([("X-Forwarded-For", "203.0.113.5")]))
            #expect(reply.status == .forbidden)
            let message = try reply.object()["error"] as? String ?? ""
            #expect(message.contains("not a request forwarded by a proxy") && !message.contains("listens beyond loopback"), "\(message)")
        }
    }

    // MARK: - Connections cannot be held

    /// Headers that announce a body which never comes, or comes a byte at a time: the connection is closed at the
    /// request's deadline, and the delivery log says the request timed out.
    @Test func aRequestMustBeReadWholeWithinItsDeadline() async throws {
        var harness = try Harness()
        harness.configuration.requestTimeout = .milliseconds(600)
        harness.configuration.idleTimeout = .seconds(30)
        try await harness.run(.live) { client, ledger in
            let port = try #require(client.port)
            let silent = try RawConnection(port: port)
            try silent.send("POST /api/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n")
            #expect(await silent.isClosed(within: 5), "a body that never comes")

            let trickle = try RawConnection(port: port)
            try trickle.send("POST /api/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 60\r\n\r\n")
            var closed = false
            for _ in 0..<60 where !closed {
                try? trickle.send("{")
                closed = await trickle.isClosed(within: 0.1)
            }
            #expect(closed, "a byte every 100 ms cannot hold the connection")

            let slowHeaders = try RawConnection(port: port)
            var headersClosed = false
            try slowHeaders.send("GET /healthz HTTP/1.1\r\n")
            for _ in 0..<60 where !headersClosed {
                try? slowHeaders.send("X-Slow: 1\r\n")
                headersClosed = await slowHeaders.isClosed(within: 0.1)
            }
            #expect(headersClosed, "headers a line every 100 ms cannot hold it either")

            #expect(try await client.get("/healthz").status == .ok)
            let outcomes = try await ledger.deliveries(limit: 10).map(\.outcome)
            #expect(outcomes.filter { $0 == "request_timeout" }.count == 2, "\(outcomes)")
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains(#"papertrade_connections_closed_total{reason="request_timeout"} 3"#), "\(metrics)")
        }
    }

    /// A connection that sends nothing, before its first request or after a reply, is closed at the idle timeout; a
    /// reply still being written (an event stream) is never cut short by it.
    @Test func aSilentConnectionIsClosedButAStreamIsNot() async throws {
        var harness = try Harness()
        harness.configuration.idleTimeout = .milliseconds(400)
        let metrics = harness.metrics
        try await harness.run(.live) { client, _ in
            let port = try #require(client.port)
            let silent = try RawConnection(port: port)
            #expect(await silent.isClosed(within: 5), "nothing sent at all")
            let kept = try RawConnection(port: port)
            try kept.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await kept.receive(until: #"{"status":"ok"}"#, within: 5).hasPrefix("HTTP/1.1 200"))
            #expect(await kept.isClosed(within: 5), "silent after its reply")
            // A reply sent before its body was read (a refusal, or a route that reads none): once the body ends, the
            // connection is idle like any other.
            let early = try RawConnection(port: port)
            try early.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n")
            #expect(await early.receive(until: #"{"status":"ok"}"#, within: 5).hasPrefix("HTTP/1.1 200"))
            try early.send("0123456789")
            #expect(await early.isClosed(within: 5), "silent after a reply that came before its body")
            let stream = try await Self.openStream(port: port, credential: nil)
            #expect(await !stream.isClosed(within: 1.2), "an event stream outlives the idle timeout")
            // The test client's own connection idles too: the count is read off the metrics themselves.
            let idle = metrics.text.split(separator: "\n").first { $0.hasPrefix(#"papertrade_connections_closed_total{reason="idle"}"#) }
            #expect((idle?.split(separator: " ").last).flatMap { Int($0) } ?? 0 >= 2, "\(idle ?? "no idle closes")")
        }
    }

    @Test func aClientGoneMidBodyIsLoggedAsThat() async throws {
        try await Harness().run(.live) { client, ledger in
            let port = try #require(client.port)
            do {
                let connection = try RawConnection(port: port)
                try connection.send("POST /api/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"symbol\":")
                try await Task.sleep(for: .milliseconds(200))
            }
            var deliveries: [Delivery] = []
            for _ in 0..<50 where deliveries.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                deliveries = try await ledger.deliveries(limit: 10)
            }
            let delivery = try #require(deliveries.first)
            #expect(delivery.outcome == "incomplete_body" && delivery.status == 400, "\(delivery)")
        }
    }

    /// One address may hold so many connections and no more; another address is served all the while.
    @Test func aClientAddressHoldsABoundedNumberOfConnections() async throws {
        var harness = try Harness()
        harness.configuration.maxConnectionsPerClient = 3
        harness.configuration.rateLimitsLoopback = true
        try await harness.run(.live) { client, _ in
            let port = try #require(client.port)
            // Each answered before the next opens: connections are admitted on two event loops, in any order.
            var held: [RawConnection] = []
            for _ in 0..<3 {
                let connection = try RawConnection(port: port, source: "127.0.0.2")
                try connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(await connection.receive(until: #"{"status":"ok"}"#, within: 5).hasPrefix("HTTP/1.1 200"))
                held.append(connection)
            }
            let refused = try RawConnection(port: port, source: "127.0.0.2")
            #expect(await refused.isClosed(within: 2), "a fourth connection from the same address")
            for connection in held {
                let closed = await connection.isClosed(within: 0.05)
                #expect(!closed, "the first three stay open")
            }
            #expect(try await client.get("/healthz").status == .ok, "127.0.0.1 is another address")
            #expect(try await client.get("/metrics").text.contains(#"papertrade_connections_closed_total{reason="too_many_connections"} 1"#))
        }
    }

    @Test func aClosedConnectionGivesItsPlaceBack() {
        let limiter = ConnectionLimiter(limit: 2, trustedProxies: [AddressRange("10.0.0.1")!], limitsLoopback: false)
        #expect(limiter.open("192.0.2.1") && limiter.open("192.0.2.1") && !limiter.open("192.0.2.1"))
        #expect(limiter.open("192.0.2.2"), "another address")
        limiter.close("192.0.2.1")
        #expect(limiter.count("192.0.2.1") == 1 && limiter.open("192.0.2.1"))
        #expect((0..<10).allSatisfy { _ in limiter.open("10.0.0.1") }, "a trusted proxy carries many clients")
        limiter.close("192.0.2.2")
        #expect(limiter.count("192.0.2.2") == 0)
        #expect((0..<10).allSatisfy { _ in limiter.open("127.0.0.2") }, "this machine, unless told otherwise")
        let local = ConnectionLimiter(limit: 2, trustedProxies: [], limitsLoopback: true)
        #expect(local.open("127.0.0.2") && local.open("127.0.0.2") && !local.open("127.0.0.2"))
    }

    // MARK: - Credentials never reach the delivery log

    /// Every form the probe used: the webhook token as the path, account tokens in fields that are not the token path,
    /// a Python repr body, `tok=` in text, a header token repeated in the body.
    @Test(arguments: [TestingSetup.router, .live])
    func noCredentialIsKeptInTheDeliveryLogTheLogOrTheMetrics(_ setup: TestingSetup) async throws {
        let webhookToken = "hook-" + String(repeating: "k", count: 20)
        var harness = try Harness(token: webhookToken)
        let lines = DeferredMetadataLogHandlerTests.Lines()
        harness.logger = Logger(label: "papertrade") { DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: lines, metadataProvider: nil)) }
        try await harness.run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "策略A", cash: 50_000))
            let accountToken = Secret.generate(.accountToken)
            try await ledger.sqlite.addAccountToken(digest: Secret.digest(accountToken), account: "策略A", createdAt: Date())
            let legacy = "pt_" + String(repeating: "L", count: 43)
            let header = HTTPFields.named([("X-Webhook-Token", accountToken)])
            let sends: [(String, String, HTTPFields)] = [
                ("/api/webhook/\(webhookToken)", seedStandard, [:]),
                ("/api/webhook/\(accountToken)", seedStandard, [:]),
                ("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"webhook_token":"\#(accountToken)"}"#, header),
                ("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"apikey":"\#(accountToken)","note":"old \#(legacy)"}"#, header),
                ("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"webhook_token":"\#(webhookToken)"}"#, [:]),
                ("/api/webhook", "{'symbol': 'AAPL', 'token': '\(webhookToken)'}", [:]),
                ("/api/webhook", "{'symbol': 'AAPL', 'token': '\(accountToken)'}", [:]),
                ("/api/webhook", "buy 1 AAPL @ 10 tok=\(accountToken)", [:]),
                ("/api/webhook", "buy 1 AAPL @ 10 token=\(webhookToken)", [:]),
                ("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"token":"\#(accountToken)","echo":"\#(accountToken)"}"#, [:]),
                ("/api/webhook", seedStandard, header),
            ]
            for (path, body, headers) in sends { _ = try await client.post(path, body, headers: headers) }
            let deliveries = try await ledger.deliveries(limit: 100)
            #expect(deliveries.count == sends.count)
            let stored = deliveries.map { "\($0.path) \($0.adapter ?? "") \($0.body)" }.joined(separator: "\n")
            for secret in [webhookToken, accountToken, legacy] {
                #expect(!stored.contains(secret), "\(secret) kept in:\n\(stored)")
                #expect(!lines.all.joined().contains(secret), "\(secret) logged")
                #expect(!(try await client.get("/metrics").text.contains(secret)), "\(secret) in the metrics")
            }
            #expect(stored.contains("/api/webhook/[redacted]"))
            #expect(stored.contains(#""webhook_token":"[redacted]""#), "\(stored)")
            #expect(stored.contains("tok=[redacted]"))
        }
    }

    /// A credential after an escape in JSON (`\n`, `\t`) or ending in a character that ends a `token=` piece in
    /// text is still found whole, and kept out of the delivery log.
    @Test func aTokenAfterAnEscapeOrWithASeparatorInsideIsStillScrubbed() async throws {
        let token = "s3cr}et-value"
        try await Harness(token: token).run(.router) { client, ledger in
            let json = #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"note":"ops\n\#(token)\t\#(token)","token":"\#(token)"}"#
            #expect(try await client.post("/api/webhook", json).status == .ok)
            #expect(try await client.post("/api/webhook", "buy AAPL token=\(token) note=\(token)").status != .ok)
            await ledger.flush()
            let logged = try await ledger.deliveries(limit: 2).map(\.body)
            #expect(!logged.contains { $0.contains("cr}et") || $0.contains("et-value") }, "\(logged)")
            #expect(logged.contains { $0.contains(#""note":"ops\n[redacted]\t[redacted]""#) }, "\(logged)")
        }
    }

    /// A short body token is taken out at its path, never out of other words: `x` stays in `tv_exchange`.
    @Test func aShortTokenIsTakenOutWhereItStandsNotInsideWords() async throws {
        try await Harness(token: "x").run(.router) { client, ledger in
            let body = #"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"token":"x","tv_exchange":"NASDAQ","max_lag":"x"}"#
            #expect(try await client.post("/api/webhook", body).status == .ok)
            let logged = try #require(try await ledger.deliveries(limit: 1).first?.body)
            #expect(logged.contains(#""tv_exchange":"NASDAQ""#) && logged.contains(#""max_lag":"x""#) && !logged.contains(#""token""#), "\(logged)")
        }
    }

    @Test func theScrubberFindsWholeTokensOnly() {
        let scrubber = CredentialScrubber(webhookToken: "s3cret-token")
        let shaped = Secret.generate(.apiToken)
        #expect(scrubber.scrub("a s3cret-token b") == "a [redacted] b")
        #expect(scrubber.scrub("xs3cret-token s3cret-tokenx s3cret-token_2") == "xs3cret-token s3cret-tokenx s3cret-token_2")
        #expect(scrubber.scrub("=\(shaped)&") == "=[redacted]&")
        #expect(scrubber.scrub("key\(shaped)") == "key\(shaped)", "inside a word it is no token of ours")
        #expect(scrubber.scrub("pt_short") == "pt_short")
        #expect(scrubber.scrub("策略 \(shaped) 策略") == "策略 [redacted] 策略")
        #expect(scrubber.scrubPath("/api/webhook/abc", also: ["abc"]) == "/api/webhook/[redacted]", "a short token as a whole segment")
        #expect(scrubber.scrubPath("/api/webhook/abcd", also: ["abc"]) == "/api/webhook/abcd")
        #expect(CredentialScrubber(webhookToken: "short").scrub("a short b") == "a short b", "too short to look for in free text")
    }

    // MARK: - Names are text

    @Test(arguments: [TestingSetup.router, .live])
    func aNULByteNeverShortensAName(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addUser("root", .admin)
            let variant = try await client.post("/api/login", #"{"username":"root\u0000x","password":"correct horse"}"#)
            #expect(variant.status == .badRequest, "\(variant.text)")
            #expect(try variant.object()["field"] as? String == "username" && variant.text.contains("U+0000"))
            let cookie = try await WebAuthTests.signIn(client, "root")
            for path in [
                "/api/accounts/default%00x", "/api/accounts/default%00x/equity", "/api/orders?account=default%00zzz", "/api/orders?account=",
            ] {
                let reply = try await client.get(path, headers: .named([cookie]))
                #expect(reply.status == .badRequest, "\(path): \(reply.text)")
                #expect(try reply.object()["code"] as? String == "invalid_parameter", "\(path)")
            }
            #expect(try await client.get("/api/orders?symbol=AA%E2%80%AEPL", headers: .named([cookie])).status == .badRequest)
            #expect(try await client.get("/api/accounts/%E7%AD%96%E7%95%A5A", headers: .named([cookie])).status == .notFound, "策略A, decoded")
        }
    }

    /// Each failed sign-in of a `root\0N` variant was counted apart from `root`'s: now none is a name at all.
    @Test func nulVariantsCannotSpreadTheLockoutThin() async throws {
        try await Harness().run(.router) { client, ledger in
            try await ledger.addUser("root", .admin)
            for attempt in 0..<12 {
                let reply = try await client.post("/api/login", #"{"username":"root\u0000\#(attempt)","password":"guess"}"#)
                #expect(reply.status == .badRequest)
            }
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func hiddenCharactersAreRefusedInNamesAndSymbols(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            for (body, field) in [
                (#"{"symbol":"\u202ELPAA","side":"buy","qty":1,"price":10}"#, "symbol"),
                (#"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"account":"\u202Eevil"}"#, "account"),
                (#"{"symbol":"AA\u200BPL","side":"buy","qty":1,"price":10}"#, "symbol"),
                (#"{"symbol":"AAPL","side":"buy","qty":1,"price":10,"id":"a\u2066b"}"#, "id"),
            ] {
                let reply = try await client.post("/api/webhook", body)
                #expect(reply.status == .badRequest, "\(body): \(reply.text)")
                #expect(try reply.object()["field"] as? String == field)
            }
            let path = try await client.post("/api/webhook/%E2%80%AEstandard", seedStandard)
            #expect(path.status == .badRequest && path.text.contains("'adapter'"), "\(path.text)")
            try await ledger.addUser("root", .admin)
            let cookie = try await WebAuthTests.signIn(client, "root")
            let account = try await client.post(
                "/api/accounts",
                #"{"name":"\u202Eevil","cash":1000}"#,
                headers: .named([cookie] + WebAuthTests.sameOrigin)
            )
            let field = try account.object()["field"] as? String
            #expect(account.status == .badRequest && field == "name", "\(account.text)")
            await #expect(throws: LedgerError.self) { try await ledger.addAccount(Account(name: "a\u{2067}b", cash: 1)) }
            #expect(try await ledger.statements().count == 1, "nothing was created")
        }
    }

    // MARK: - Cookies per server

    /// Two servers on one host: a browser sends each the other's cookies too, and each reads only its own; each is
    /// asked at its own port, as a browser asks, and the cookie is named for it.
    @Test func twoServersOnOneHostNeverReadEachOthersSessions() async throws {
        let first = try Harness()
        let second = try Harness()
        let firstCookie = LockedBox<String>()
        @Sendable func signIn(_ name: String, at port: Int, _ send: Harness.Send) async throws -> String {
            let body = #"{"username":"\#(name)","password":"correct horse"}"#
            let reply = try await send(HostedRequest(authority: "127.0.0.1:\(port)", path: "/api/login", method: .post, body: body))
            return String(try #require(reply.headers[.setCookie]).split(separator: ";")[0])
        }
        try await first.runHosted(.live) { client, ledger, send in
            try await ledger.addUser("ana", .viewer)
            let port = try #require(client.port)
            let cookie = try await signIn("ana", at: port, send)
            #expect(cookie.hasPrefix("papertrade_session_\(port)="), "\(cookie)")
            firstCookie.value = cookie
        }
        try await second.runHosted(.live) { client, ledger, send in
            try await ledger.addUser("bob", .viewer)
            let port = try #require(client.port)
            let theirs = try #require(firstCookie.value)
            let own = try await signIn("bob", at: port, send)
            // What the browser sends: every cookie of the host.
            let me = try await send(
                HostedRequest(authority: "127.0.0.1:\(port)", path: "/api/me", headers: .named([("Cookie", "\(theirs); \(own)")]))
            )
            #expect(me.text.contains(#""name":"bob""#), "\(me.text)")
            let foreign = try await send(HostedRequest(authority: "127.0.0.1:\(port)", path: "/api/me", headers: .named([("Cookie", theirs)])))
            #expect(foreign.status == .unauthorized && foreign.text.contains("login_required"), "not an expired session of its own: \(foreign.text)")
        }
    }

    // MARK: - Revocation reaches streams

    @Test(arguments: ["remove", "passwd", "revoke"])
    func aRevokedCallersEventStreamEndsWithinASecond(_ change: String) async throws {
        try await Harness().run(.live) { client, ledger in
            try await ledger.addUser("ana", .viewer)
            let token = Secret.generate(.apiToken)
            try await ledger.sqlite.addToken(digest: Secret.digest(token), user: "ana", createdAt: Date())
            let credential = change == "passwd" ? "Cookie: \(try await WebAuthTests.signIn(client, "ana").1)" : "Authorization: Bearer \(token)"
            let stream = try await Self.openStream(port: try #require(client.port), credential: credential)
            let revoked = ContinuousClock.now
            switch change {
            case "remove": #expect(try await ledger.sqlite.removeUser(named: "ana"))
            case "passwd": #expect(try await ledger.sqlite.setPasswordHash(try await Passwords.hash("a new password", cost: 4), user: "ana"))
            default: #expect(try await ledger.sqlite.removeTokens(user: "ana") == 1)
            }
            #expect(await stream.receive(until: "0\r\n\r\n", within: 5).hasSuffix("0\r\n\r\n"), "the stream's last chunk")
            let waited = ContinuousClock.now - revoked
            #expect(waited < .milliseconds(2500), "the stream ended \(waited) after the change")
        }
    }

    @Test func anAnonymousStreamEndsOnceAUserExists() async throws {
        try await Harness().run(.live) { client, ledger in
            let stream = try await Self.openStream(port: try #require(client.port), credential: nil)
            try await ledger.addUser("root", .admin)
            #expect(await stream.receive(until: "0\r\n\r\n", within: 5).hasSuffix("0\r\n\r\n"))
        }
    }

    /// An event stream, once the server has started it (its first comment has arrived).
    private static func openStream(port: Int, credential: String?) async throws -> RawConnection {
        let connection = try RawConnection(port: port)
        try connection.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n" + (credential.map { $0 + "\r\n" } ?? "") + "\r\n")
        let opening = await connection.receive(until: ": papertrade events", within: 5)
        #expect(opening.hasPrefix("HTTP/1.1 200") && opening.contains(": papertrade events"), "\(opening)")
        return connection
    }

    // MARK: - nosniff

    @Test(arguments: [TestingSetup.router, .live])
    func everyReplyIsMarkedNoSniff(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            for response in [
                try await client.get("/healthz"), try await client.get("/api/accounts"), try await client.get("/nowhere"),
                try await client.post("/api/webhook", "{"), try await client.post("/api/webhook", seedStandard), try await client.get("/"),
                try await client.get("/metrics"),
            ] {
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(response.status)")
            }
        }
    }
}
