import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Server

/// HTTP as clients expect it: HEAD wherever GET answers, 405 with `Allow` for a known path asked the wrong way, a
/// percent-encoded adapter name decoded.
@Suite struct HTTPMannersTests {
    @Test(arguments: [TestingSetup.router, .live])
    func headAnswersWhereverGetDoesWithoutABody(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            for path in ["/healthz", "/", "/app.js", "/api/accounts", "/api/accounts/default", "/api/orders"] {
                let get = try await client.get(path)
                let head = try await client.executeRequest(uri: path, method: .head, headers: [:], body: nil)
                #expect(head.status == get.status && get.status == .ok, "\(path)")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                if client.port != nil { #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(path)") }
            }
            #expect(try await client.executeRequest(uri: "/nowhere", method: .head, headers: [:], body: nil).status == .notFound)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aKnownPathAskedTheWrongWayIs405WithAllow(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let wrongWays: [(HTTPRequest.Method, String, String)] = [
                (.get, "/api/webhook", "POST"), (.get, "/api/webhook/tradingview", "POST"), (.delete, "/api/accounts/default", "GET, HEAD"),
                (.post, "/healthz", "GET, HEAD"), (.put, "/api/accounts", "GET, HEAD, POST"), (.get, "/api/current-account", "PUT"),
            ]
            for (method, path, allowed) in wrongWays {
                let response = try await client.executeRequest(uri: path, method: method, headers: [:], body: nil)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[HTTPField.Name("Allow")!] == allowed, "\(method) \(path)")
                #expect(try response.object()["code"] as? String == "method_not_allowed")
            }
            let chinese = try await client.executeRequest(uri: "/api/webhook", method: .get, headers: [.acceptLanguage: "zh"], body: nil)
            #expect(try chinese.object()["error"] as? String == "此处不支持 GET; 请使用 POST")
            #expect(try await client.get("/api/nowhere").status == .notFound)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aPercentEncodedAdapterNameIsDecoded(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let response = try await client.post("/api/webhook/trading%76iew", seedTradingView)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try await ledger.deliveries(limit: 1).first?.adapter == "tradingview")
        }
    }

    /// An error thrown by a route is its own status and code, told in the request's language, and the reply is marked
    /// as every reply is (its request id, nosniff).
    @Test(arguments: [TestingSetup.router, .live])
    func anErrorThrownByARouteIsItsOwnStatusAndMarkedLikeAnyReply(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (.get, "/api/accounts/nobody", nil, .notFound, "unknown_account"),
                (.get, "/api/orders?limit=0", nil, .badRequest, "invalid_parameter"),
                (.get, "/api/orders?account=a%00b", nil, .badRequest, "invalid_parameter"),
                (.post, "/api/dry-run?adapter=nope", seedStandard, .notFound, "unknown_adapter"),
            ]
            for (method, path, body, status, code) in cases {
                let response = try await client.executeRequest(
                    uri: path,
                    method: method,
                    headers: [.acceptLanguage: "zh", HTTPField.Name("X-Request-Id")!: "trace-42", .contentType: "application/json"],
                    body: body.map { ByteBuffer(string: $0) }
                )
                #expect(response.status == status, "\(method) \(path): \(response.text)")
                let object = try response.object()
                #expect(object["code"] as? String == code, "\(method) \(path)")
                let message = object["error"] as? String ?? ""
                #expect(message.unicodeScalars.contains { $0.properties.isIdeographic }, "in Chinese: \(message)")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "trace-42", "\(method) \(path)")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(method) \(path)")
            }
        }
    }
}
