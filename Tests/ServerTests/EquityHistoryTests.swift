import Foundation
import HummingbirdTesting
import Testing

/// `GET /api/accounts/{name}/equity`: a point at creation and one per fill, kept across restarts.
@Suite struct EquityHistoryTests {
    @Test(arguments: [TestingSetup.router, .live])
    func everyFillAddsAPointMarkedAtTheLastPrices(_ setup: TestingSetup) async throws {
        let harness = try Harness()
        try await harness.run(setup) { client, _ in
            let buy = try await client.post("/api/webhook", seedStandard)
            let sell = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"sell","qty":100,"price":190}"#)
            // A rejected order moves nothing and adds no point.
            let rejected = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"sell","qty":1,"price":190}"#)
            #expect(buy.status == .ok && sell.status == .ok && rejected.status == .unprocessableContent)
        }
        try await harness.run(setup) { client, _ in
            let points = try await client.get("/api/accounts/default/equity").array()
            #expect(points.map { number($0, "cash") } == ["100000", "81422.44", "100394.44"])
            // After the buy: cash plus 100 AAPL at the last price 185.50.
            #expect(points.map { number($0, "equity") } == ["100000", "99972.44", "100394.44"])
            #expect(points.map { $0["order_id"] is NSNull } == [true, false, false])
            let latest = try await client.get("/api/accounts/default/equity?limit=1").array()
            #expect(latest.map { number($0, "equity") } == ["100394.44"])
            let ghost = try await client.get("/api/accounts/ghost/equity")
            let zero = try await client.get("/api/accounts/default/equity?limit=0")
            #expect(ghost.status == .notFound && zero.status == .badRequest)
        }
    }
}
