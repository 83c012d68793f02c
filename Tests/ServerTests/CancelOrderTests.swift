import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `DELETE /api/orders/{id}`: an admin cancels a working order, and the cash it held comes back.
@Suite struct CancelOrderTests {
    private let limit = #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,"order_type":"limit","limit_price":180}"#

    /// Posts `body` to the webhook and returns the id of the order it made.
    private func placeLimit(_ client: any TestClientProtocol, _ body: String? = nil) async throws -> String {
        let order = try #require(try await client.post("/api/webhook", body ?? limit).object()["order"] as? [String: Any])
        return try #require(number(order, "id"))
    }

    @Test(arguments: [TestingSetup.router, .live])
    func anAdminCancelsAWorkingOrderOnceAndItsCashComesBack(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addUser("root", .admin)
            let admin = HTTPFields.named([try await WebAuthTests.signIn(client, "root")] + WebAuthTests.sameOrigin)
            let id = try await placeLimit(client)
            #expect(try await ledger.account(named: "default")?.reserved == decimal("1801.80"))

            let canceled = try await client.delete("/api/orders/\(id)", headers: admin)
            #expect(canceled.status == .ok, "\(canceled.text)")
            let order = try #require(try canceled.object()["order"] as? [String: Any])
            #expect(order["status"] as? String == "canceled" && number(order, "id") == id && number(order, "filled_qty") == "0")
            let account = try #require(try await ledger.account(named: "default"))
            #expect(account.reserved == 0 && account.cash == 100_000)
            #expect(try await client.get("/api/orders?status=working", headers: admin).array().isEmpty)
            #expect(try await client.get("/api/orders?status=canceled", headers: admin).array().map { number($0, "id") } == [id])

            // A mark through the old limit fills nothing now.
            let mark = #"{"symbol":"AAPL","time":\#(Int(Date().timeIntervalSince1970) + 5),"price":170}"#
            #expect(try await client.post("/api/prices", mark).object()["fills"] as? Int == 0)

            let again = try await client.delete("/api/orders/\(id)", headers: admin)
            #expect(try again.status == .conflict && again.object()["code"] as? String == "order_not_working")
            #expect(try again.object()["error"] as? String == "Order \(id) is not working: it is canceled, nothing is left to cancel")
            let chinese = try await client.delete("/api/orders/\(id)", headers: admin + .named([("Accept-Language", "zh")]))
            #expect(try chinese.object()["error"] as? String == "订单 \(id) 已不在挂单中 (canceled), 无可撤销")
            let unknown = try await client.delete("/api/orders/999", headers: admin)
            #expect(try unknown.status == .notFound && unknown.object()["code"] as? String == "unknown_order")
            let fillID = try await placeLimit(client, #"{"symbol":"AAPL","side":"buy","qty":1,"price":170}"#)
            #expect(try await client.delete("/api/orders/\(fillID)", headers: admin).status == .notFound, "a fill is no working order")
            for bad in ["abc", "0", "-3", "1.5"] {
                let refused = try await client.delete("/api/orders/\(bad)", headers: admin)
                #expect(refused.status == .badRequest && refused.text.contains("must be an order id"), "\(bad): \(refused.text)")
            }
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func onlyAnAdminFromThisPageCancels(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addUser("root", .admin)
            try await ledger.addUser("ana", .viewer)
            let id = try await placeLimit(client)
            #expect(try await client.delete("/api/orders/\(id)").status == .unauthorized)
            let viewer = try await WebAuthTests.signIn(client, "ana")
            #expect(try await client.delete("/api/orders/\(id)", headers: .named([viewer] + WebAuthTests.sameOrigin)).status == .forbidden)
            let root = try await WebAuthTests.signIn(client, "root")
            let crossSite = try await client.delete("/api/orders/\(id)", headers: .named([root, ("Origin", "https://evil.example")]))
            #expect(crossSite.status == .forbidden)
            #expect(try await client.get("/api/orders?status=working", headers: .named([root])).array().count == 1, "still working")
        }
    }
}
