import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import NIOCore
import SQLiteLedger
import Server
import Testing

/// Who may use the web API: sessions, API tokens, roles, the Origin check, and the webhook token kept apart.
@Suite struct WebAuthTests {
    /// A page of this server: the Origin a browser sends with its state changes.
    static let sameOrigin: [(String, String)] = [("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")]

    /// Signs in and returns the `Cookie` header the browser would send after.
    static func signIn(_ client: any TestClientProtocol, _ name: String, password: String = "correct horse") async throws -> (String, String) {
        let response = try await client.post("/api/login", #"{"username":"\#(name)","password":"\#(password)"}"#)
        #expect(response.status == .ok, "\(response.text)")
        let cookie = try #require(response.headers[.setCookie])
        return ("Cookie", String(cookie.split(separator: ";")[0]))
    }

    @Test(arguments: [TestingSetup.router, .live])
    func withoutUsersLoopbackStaysOpenButNoOneTradesByHand(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            #expect(try await client.get("/api/accounts").status == .ok)
            let me = try await client.get("/api/me").object()
            #expect(me["user"] is NSNull && me["setup"] as? String == "papertrade user add NAME --role admin")
            #expect(me["current_account"] as? String == "default")
            let order = try await client.post("/api/orders", seedStandard, headers: .named(Self.sameOrigin))
            #expect(order.status == .unauthorized && order.text.contains("login_required"))
        }
    }

    @Test func aPublicServerWithoutUsersRefusesReads() async throws {
        var harness = try Harness(token: "t0k")
        harness.configuration.host = "0.0.0.0"
        try await harness.run(.router) { client, _ in
            let response = try await client.get("/api/orders")
            #expect(response.status == .forbidden)
            #expect(try response.object()["code"] as? String == "no_users")
            #expect(try await client.get("/healthz").status == .ok)
            #expect(try await client.get("/").status == .ok, "the page itself loads, to show the sign-in form")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func onceAUserExistsEveryReadNeedsASessionOrAToken(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addUser("ana", .viewer)
            for path in [
                "/api/accounts", "/api/accounts/default", "/api/accounts/default/equity", "/api/orders", "/api/deliveries", "/api/adapters",
                "/api/me", "/api/events",
            ] {
                let response = try await client.get(path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(try response.object()["code"] as? String == "login_required", "\(path)")
            }
            let chinese = try await client.get("/api/accounts", headers: [.acceptLanguage: "zh-CN"])
            #expect(try chinese.object()["error"] as? String == "请先登录: 需要会话或 API Token")

            let cookie = try await Self.signIn(client, "ana")
            #expect(try await client.get("/api/accounts", headers: .named([cookie])).status == .ok)
            let me = try await client.get("/api/me", headers: .named([cookie])).object()
            #expect(me["user"] as? [String: String] == ["name": "ana", "role": "viewer"])

            let token = Secret.generate(.apiToken)
            try await ledger.sqlite.addToken(digest: Secret.digest(token), user: "ana", createdAt: Date())
            #expect(try await client.get("/api/orders", headers: [.authorization: "Bearer \(token)"]).status == .ok)
            #expect(try await ledger.sqlite.removeTokens(user: "ana") == 1)
            #expect(try await client.get("/api/orders", headers: [.authorization: "Bearer \(token)"]).status == .unauthorized, "revoked")
            let wrong = try await client.get("/api/orders", headers: [.authorization: "Bearer pt_nope"])
            #expect(wrong.status == .unauthorized && wrong.text.contains("invalid_token"))
            let basic = try await client.get("/api/orders", headers: [.authorization: "Basic YW5hOng="])
            #expect(basic.status == .unauthorized && basic.text.contains("Bearer TOKEN"))
            let stale = try await client.get("/api/orders", headers: .named([("Cookie", "papertrade_session=pts_forged")]))
            #expect(stale.status == .unauthorized && stale.text.contains("session_expired"))
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    @Test func theSessionCookieIsHttpOnlySameSiteStrictAndSecureBehindHTTPS() async throws {
        try await Harness().run(.router) { client, ledger in
            try await ledger.addUser("ana", .admin)
            let plain = try await client.post("/api/login", #"{"username":"ana","password":"correct horse"}"#)
            let cookie = try #require(plain.headers[.setCookie])
            // No port in Host, as replicas behind a proxy on 80 or 443 are asked: they all read the same cookie.
            #expect(cookie.hasPrefix("papertrade_session=pts_"), "\(cookie)")

            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=604800"] { #expect(cookie.contains(attribute), "\(cookie)") }
            #expect(!cookie.contains("Secure"))
            let behindProxy = try await client.post(
                "/api/login",
                #"{"username":"ana","password":"correct horse"}"#,
                headers: [.init("X-Forwarded-Proto")!: "https"]
            )
            #expect(behindProxy.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test func badSignInsAreRefusedAndRepeatedOnesSlowed() async throws {
        try await Harness().run(.router) { client, ledger in
            try await ledger.addUser("ana", .admin)
            let unknown = try await client.post("/api/login", #"{"username":"bob","password":"whatever1"}"#)
            #expect(unknown.status == .unauthorized && unknown.text.contains("invalid_credentials"))
            let missing = try await client.post("/api/login", #"{"username":"ana"}"#)
            let missingField = try missing.object()["field"] as? String
            #expect(missing.status == .badRequest && missingField == "password")
            #expect(try await client.post("/api/login", "not json").status == .badRequest)
            for _ in 0..<5 {
                #expect(try await client.post("/api/login", #"{"username":"ana","password":"wrong-one"}"#).status == .unauthorized)
            }
            // Locked out for a while, even with the right password.
            let locked = try await client.post("/api/login", #"{"username":"ana","password":"correct horse"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true)
            #expect(try locked.object()["code"] as? String == "too_many_attempts")
        }
    }

    @Test func behindATrustedProxyFailuresAreCountedPerClientNotPerProxy() async throws {
        var harness = try Harness()
        harness.configuration.trustedProxies = [AddressRange("127.0.0.1")!]
        try await harness.run(.live) { client, ledger in
            try await ledger.addUser("root", .admin)
            func login(_ name: String, _ password: String, from address: String) async throws -> HTTPResponse.Status {
                try await client.post(
                    "/api/login",
                    #"{"username":"\#(name)","password":"\#(password)"}"#,
                    headers: .named([("X-Forwarded-For", address)])
                ).status
            }
            // Twenty names guessed from one address lock that address out, and no one else.
            for index in 0..<20 { #expect(try await login("guess\(index)", "wrong-password", from: "203.0.113.1") == .unauthorized) }
            #expect(try await login("root", "correct horse", from: "203.0.113.1") == .tooManyRequests)
            #expect(try await login("root", "correct horse", from: "198.51.100.7") == .ok)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func manualOrdersAreForAdminsFromThisPageOrWithAToken(_ setup: TestingSetup) async throws {
        try await Harness(token: "hook-secret").run(setup) { client, ledger in
            try await ledger.addUser("root", .admin)
            try await ledger.addUser("ana", .viewer)
            #expect(try await client.post("/api/orders", seedStandard, headers: .named(Self.sameOrigin)).status == .unauthorized)
            let viewer = try await Self.signIn(client, "ana")
            let forbidden = try await client.post("/api/orders", seedStandard, headers: .named([viewer] + Self.sameOrigin))
            #expect(forbidden.status == .forbidden && forbidden.text.contains("Only an admin"))

            let admin = try await Self.signIn(client, "root")
            // A session without this page's Origin is a cross-site request, whatever the role.
            let crossSite = try await client.post("/api/orders", seedStandard, headers: .named([admin, ("Origin", "https://evil.example")]))
            #expect(crossSite.status == .forbidden && crossSite.text.contains("cross_site_request"))
            #expect(try await client.post("/api/orders", seedStandard, headers: .named([admin])).status == .forbidden)
            let siteHeader = try await client.post(
                "/api/orders",
                seedStandard,
                headers: .named([admin, ("Origin", "http://localhost"), ("Sec-Fetch-Site", "cross-site")])
            )
            #expect(siteHeader.status == .forbidden)

            let placed = try await client.post("/api/orders", seedStandard, headers: .named([admin] + Self.sameOrigin))
            #expect(placed.status == .ok, "\(placed.text)")
            let order = try #require(try placed.object()["order"] as? [String: Any])
            #expect(order["source"] as? String == "manual" && order["exec_price"] as? Double == 185.59)
            #expect(try (placed.object()["simulation"] as? [String: Any])?["total_cost"] as? Double == 18577.56)

            // The webhook token is no key to the web API, and a session is none to the webhook.
            let hookAsBearer = try await client.post("/api/orders", seedStandard, headers: [.authorization: "Bearer hook-secret"])
            #expect(hookAsBearer.status == .unauthorized)
            #expect(try await client.post("/api/orders", seedStandard, headers: [.init("X-Webhook-Token")!: "hook-secret"]).status == .unauthorized)
            #expect(try await client.post("/api/webhook", seedStandard, headers: .named([admin] + Self.sameOrigin)).status == .unauthorized)

            // A script's token needs no Origin: no other site can make a browser send it.
            let token = Secret.generate(.apiToken)
            try await ledger.sqlite.addToken(digest: Secret.digest(token), user: "root", createdAt: Date())
            let scripted = try await client.post(
                "/api/orders",
                #"{"symbol":"AAPL","side":"sell","qty":40,"price":190}"#,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(scripted.status == .ok, "\(scripted.text)")
            let bad = try await client.post(
                "/api/orders",
                #"{"symbol":"AAPL","side":"sideways","qty":1,"price":1}"#,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(bad.status == .badRequest && bad.text.contains("unknown_side"))
            // A form's quantity is never guessed, and the body's id makes a manual order safe to repeat.
            let noQuantity = try await client.post(
                "/api/orders",
                #"{"symbol":"AAPL","side":"buy","price":190}"#,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(noQuantity.status == .badRequest && noQuantity.text.contains("qty"))
            let keyed = #"{"symbol":"AAPL","side":"sell","qty":1,"price":190,"id":"form-7"}"#
            #expect(try await client.post("/api/orders", keyed, headers: [.authorization: "Bearer \(token)"]).status == .ok)
            let again = try await client.post("/api/orders", keyed, headers: [.authorization: "Bearer \(token)"])
            #expect(again.headers[.init("Idempotent-Replayed")!] == "true")
            let changed = try await client.post(
                "/api/orders",
                keyed.replacingOccurrences(of: #""qty":1"#, with: #""qty":2"#),
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(changed.status == .conflict && changed.text.contains("'form-7'") && !changed.text.contains("manual:"), "\(changed.text)")
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 59)
            #expect(try await client.get("/api/orders", headers: .named([viewer])).array().count == 3)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func theCurrentAccountTakesWebhooksWithoutAnAccountAndOutlivesARestart(_ setup: TestingSetup) async throws {
        let harness = try Harness()
        try await harness.run(setup) { client, ledger in
            try await ledger.addUser("root", .admin)
            try await ledger.addUser("ana", .viewer)
            let admin = try await Self.signIn(client, "root")
            let created = try await client.post(
                "/api/accounts",
                #"{"name":"策略A","cash":"50000","allow_short":true}"#,
                headers: .named([admin] + Self.sameOrigin)
            )
            let cash = try created.object()["cash"] as? Int
            #expect(created.status == .created && cash == 50_000)
            let again = try await client.post("/api/accounts", #"{"name":"策略A","cash":1}"#, headers: .named([admin] + Self.sameOrigin))
            #expect(again.status == .conflict)
            let badCash = try await client.post("/api/accounts", #"{"name":"B","cash":"lots"}"#, headers: .named([admin] + Self.sameOrigin))
            let badField = try badCash.object()["field"] as? String
            #expect(badCash.status == .badRequest && badField == "cash")
            // An optional boolean is true, false or absent: null is not a default, and nothing is created.
            let nullShort = try await client.post(
                "/api/accounts",
                #"{"name":"C","cash":1,"allow_short":null}"#,
                headers: .named([admin] + Self.sameOrigin)
            )
            let nullField = try nullShort.object()["field"] as? String
            #expect(nullShort.status == .badRequest && nullField == "allow_short")
            #expect(try await ledger.account(named: "C") == nil)

            let viewer = try await Self.signIn(client, "ana")
            #expect(
                try await client.put("/api/current-account", #"{"account":"策略A"}"#, headers: .named([viewer] + Self.sameOrigin)).status == .forbidden
            )
            #expect(
                try await client.put("/api/current-account", #"{"account":"nobody"}"#, headers: .named([admin] + Self.sameOrigin)).status == .notFound
            )
            let switched = try await client.put("/api/current-account", #"{"account":"策略A"}"#, headers: .named([admin] + Self.sameOrigin))
            #expect(switched.status == .ok)
            #expect(try await client.post("/api/webhook", seedStandard).status == .ok)
            #expect(try await ledger.account(named: "策略A")?.position("AAPL").quantity == 100)
            #expect(try await ledger.account(named: "default")?.positions.isEmpty == true)
        }
        try await harness.run(setup) { client, ledger in
            // The session and the current account both outlive the restart.
            let current = try await ledger.currentAccountName()
            #expect(current == "策略A")
            let admin = try await Self.signIn(client, "root")
            let me = try await client.get("/api/me", headers: .named([admin])).object()
            #expect(me["current_account"] as? String == "策略A")
            #expect(try await client.post("/api/webhook", seedStandard).status == .ok)
            #expect(try await ledger.account(named: "策略A")?.position("AAPL").quantity == 200)
        }
    }

    @Test func sessionsOutliveARestartAndEndAtSignOutOrAPasswordChange() async throws {
        // The session cookie is named for the port: the restarted server listens where the first did.
        var harness = try Harness()
        harness.configuration.port = try Harness.freePort()
        let cookie = LockedBox<String>()
        try await harness.run(.live) { client, ledger in
            try await ledger.addUser("ana", .viewer)
            cookie.value = try await Self.signIn(client, "ana").1
        }
        try await harness.run(.live) { client, ledger in
            let session = try #require(cookie.value)
            let headers = HTTPFields.named([("Cookie", session)])
            #expect(try await client.get("/api/orders", headers: headers).status == .ok)
            let out = try await client.post("/api/logout", "", headers: .named([("Cookie", session)] + Self.sameOrigin))
            #expect(out.status == .ok && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.get("/api/orders", headers: headers).status == .unauthorized)

            let second = try await Self.signIn(client, "ana")
            #expect(try await client.get("/api/orders", headers: .named([second])).status == .ok)
            _ = try await ledger.sqlite.setPasswordHash(try await Passwords.hash("another one", cost: 4), user: "ana")
            #expect(try await client.get("/api/orders", headers: .named([second])).status == .unauthorized)
            _ = try await Self.signIn(client, "ana", password: "another one")
        }
    }

    @Test func theDryRunBoxQuotesForAReaderWithoutTheWebhookToken() async throws {
        try await Harness(token: "hook-secret").run(.router) { client, ledger in
            try await ledger.addUser("ana", .viewer)
            let viewer = try await Self.signIn(client, "ana")
            let quoted = try await client.post("/api/dry-run", seedStandard, headers: .named([viewer]))
            #expect(quoted.status == .ok)
            #expect(try (quoted.object()["fill"] as? [String: Any])?["exec_price"] as? Double == 185.59)
            let pinned = try await client.post("/api/dry-run?adapter=tradingview", seedStandard, headers: .named([viewer]))
            #expect(pinned.status == .badRequest && pinned.text.contains("missing_field"))
            #expect(try await client.post("/api/dry-run", seedStandard).status == .unauthorized)
            #expect(try await client.get("/api/orders", headers: .named([viewer])).array().isEmpty)
        }
    }
}
