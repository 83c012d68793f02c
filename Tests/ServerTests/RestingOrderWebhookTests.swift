import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Limit and stop orders that wait for their price, and the marks of `POST /api/prices` that fill them, through the
/// router and over real HTTP.
@Suite struct RestingOrderWebhookTests {
    /// A mark's time this many seconds from now: after every signal the test has sent.
    private func later(_ seconds: Int) -> Int { Int(Date().timeIntervalSince1970) + seconds }

    @Test(arguments: [TestingSetup.router, .live])
    func aLimitBelowTheMarketRestsThenFillsAtItsLimitOnABar(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let placed = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.50,"order_type":"limit","limit_price":180}"#
            )
            #expect(placed.status == .ok, "\(placed.text)")
            let order = try #require(try placed.object()["order"] as? [String: Any])
            #expect(order["status"] as? String == "working" && order["type"] as? String == "limit" && number(order, "limit_price") == "180")
            // 10 at 180 with 1.80 commission is held back, not spent.
            #expect(number(order, "filled_qty") == "0")
            let account = try #require(try await ledger.account(named: "default"))
            #expect(account.cash == 100_000 && account.reserved == decimal("1801.80"))
            let working = try await client.get("/api/orders?status=working").array()
            #expect(working.map { number($0, "id") } == [number(order, "id")])

            // 184 → 186 → 179 → 181 passes 180 on its way down.
            let bar = #"{"symbol":"AAPL","time":\#(later(5)),"open":184,"high":186,"low":179,"close":181}"#
            let marked = try await client.post("/api/prices", bar)
            #expect(marked.text == #"{"status":"ok","marks":1,"applied":1,"stale":0,"fills":1}"#)
            let fills = try await client.get("/api/orders").array()
            #expect(fills.count == 1 && number(fills[0], "exec_price") == "180" && number(fills[0], "working_order") == number(order, "id"))
            #expect(try await ledger.account(named: "default")?.cash == decimal("98198.20"))
            #expect(try await client.get("/api/orders?status=working").array().isEmpty)
            // The same bar again changes nothing.
            #expect(try await client.post("/api/prices", bar).text == #"{"status":"ok","marks":1,"applied":0,"stale":1,"fills":0}"#)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aStopFillsAtTheGapWithSlippageAndAnOlderMarkTriggersNothing(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            #expect(try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":10,"price":180}"#).status == .ok)
            // The standard format's stop: its price is the stop, never taken for the market.
            let stop = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"sell","qty":10,"price":175,"order_type":"stop"}"#)
            #expect(try #require(try stop.object()["order"] as? [String: Any])["status"] as? String == "working", "\(stop.text)")
            // NDJSON: a price above the stop, then a bar that gaps down through it to open at 170.
            let lines =
                #"{"symbol":"AAPL","time":\#(later(5)),"price":178}"# + "\n"
                + #"{"symbol":"NASDAQ:aapl","time":\#(later(6)),"open":170,"high":171,"low":169,"close":170.5}"# + "\n"
            let marked = try await client.post("/api/prices", lines)
            #expect(marked.text == #"{"status":"ok","marks":2,"applied":2,"stale":0,"fills":1}"#, "\(marked.text)")
            let fill = try #require(try await client.get("/api/orders?limit=1").array().first)
            // 170 slipped 5 bp down: 169.915 → 169.92.
            #expect(number(fill, "exec_price") == "169.92" && fill["side"] as? String == "sell")
            #expect(try await ledger.account(named: "default")?.position("AAPL").quantity == 0)
            let older = #"{"symbol":"AAPL","time":\#(later(1)),"price":100}"#
            #expect(try await client.post("/api/prices", older).text == #"{"status":"ok","marks":1,"applied":0,"stale":1,"fills":0}"#)
            let account = try #require(try await client.get("/api/accounts").array().first)
            let position = try #require((account["positions"] as? [[String: Any]])?.first)
            #expect(number(position, "last_price") == "170.5", "the older mark moved nothing")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func badPricesNameTheMarkAndFieldAndChangeNothing(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let cases: [(body: String, message: String)] = [
                (#"[{"symbol":"AAPL","price":1},{"symbol":"AAPL","price":"x"}]"#, #"Invalid field 'price': mark 2: expected a number, got "x""#),
                (#"{"symbol":"AAPL","open":184,"high":183,"low":179,"close":181}"#, "The bar's open 184 lies outside its low 179 and high 183"),
                (#"{"symbol":"AAPL","open":180,"high":183,"low":184,"close":181}"#, "The bar's low 184 is above its high 183"),
                (#"{"price":10}"#, "Invalid field 'symbol': is required (or ticker)"),
                (#"{"symbol":"AAPL","price":-1}"#, "Invalid field 'price': must be greater than 0 and at most 1e15, got -1"),
                (
                    #"{"symbol":"AAPL","price":1,"time":"yesterday"}"#,
                    #"Invalid field 'time': "yesterday" is not a time: use ISO 8601 or seconds or milliseconds since 1970"#
                ),
                ("[]", "Invalid prices: the body holds no mark"),
                ("not json", "Invalid prices: line 1 is not JSON: the body must be a JSON object, a JSON array of objects, or one object a line"),
            ]
            for (body, message) in cases {
                let reply = try await client.post("/api/prices", body)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(try reply.object()["error"] as? String == message, "\(body): \(reply.text)")
            }
            #expect(try await ledger.marks().isEmpty, "no mark of a refused body was taken")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func orderFieldsThatCannotBeTakenAreRefusedNamingTheField(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let order = #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,%@}"#
            let cases: [(fields: String, field: String, message: String)] = [
                (
                    #""order_type":"iceberg""#, "order_type",
                    "Invalid field 'order_type': \"iceberg\" is not an order type; use market, limit, stop, stop_limit or trailing_stop"
                ),
                (#""order_type":"trailing_stop""#, "trail_amount", "Invalid field 'trail_amount': a trailing_stop order needs one"),
                (
                    #""order_type":"trailing_stop","trail_amount":1,"trail_percent":2"#, "trail_percent",
                    "Invalid field 'trail_percent': give trail_amount or trail_percent, not both"
                ),
                (#""order_type":"stop_limit","limit_price":180"#, "stop_price", "Invalid field 'stop_price': a stop_limit order needs one"),
                (
                    #""order_type":"limit","time_in_force":"forever""#, "time_in_force",
                    "Invalid field 'time_in_force': \"forever\" is not a time in force; use gtc, day, ioc or fok"
                ),
                (#""order_type":"limit","limit_price":0.001"#, "limit_price", "Invalid field 'limit_price': 0.001 is below one price tick (0.01)"),
                (
                    #""order_type":"limit","limit_price":180,"expire_at":"2020-01-01T00:00:00Z""#, "expire_at",
                    "Invalid field 'expire_at': 2020-01-01T00:00:00Z has passed"
                ),
            ]
            for (fields, field, message) in cases {
                let reply = try await client.post("/api/webhook", String(format: order, fields))
                #expect(reply.status == .badRequest, "\(fields): \(reply.text)")
                #expect(try reply.object()["error"] as? String == message, "\(fields): \(reply.text)")
                #expect(try reply.object()["code"] as? String == "invalid_field", "\(fields)")
                _ = field
            }
            // A limit off the tick grid is put on it on the side that never fills worse: a buy's down.
            let rounded = try await client.post("/api/webhook", String(format: order, #""order_type":"limit","limit_price":179.999"#))
            #expect(number(try #require(try rounded.object()["order"] as? [String: Any]), "limit_price") == "179.99", "\(rounded.text)")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aReplayedKeyAnswersTheOrderAsPlacedEvenAfterItFilled(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            let body = #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,"order_type":"limit","limit_price":180}"#
            let headers = HTTPFields.named([("Idempotency-Key", "limit-1")])
            let placed = try await client.post("/api/webhook", body, headers: headers)
            let marked = try await client.post("/api/prices", #"{"symbol":"AAPL","time":\#(later(5)),"price":179}"#)
            #expect(marked.status == .ok, "\(marked.text)")
            #expect(try await client.get("/api/orders?status=working").array().isEmpty, "filled")
            let replayed = try await client.post("/api/webhook", body, headers: headers)
            #expect(replayed.text == placed.text, "\(replayed.text) vs \(placed.text)")
            #expect(replayed.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await client.get("/api/orders").array().count == 1, "filled once, never again")
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aDryRunSaysWhetherTheOrderWouldRestOrFillAndChangesNothing(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            let resting = try await client.post(
                "/api/webhook?dry_run=true",
                #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,"order_type":"limit","limit_price":180}"#
            )
            let order = try #require(try resting.object()["order"] as? [String: Any], "\(resting.text)")
            #expect(order["status"] as? String == "working" && number(order, "reserved") == "1801.8" && order["id"] == nil)
            #expect(try resting.object()["fill"] == nil)
            let marketable = try await client.post(
                "/api/webhook?dry_run=true",
                #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,"order_type":"limit","limit_price":186}"#
            )
            #expect(number(try #require(try marketable.object()["fill"] as? [String: Any]), "exec_price") == "185.5", "\(marketable.text)")
            #expect(try await client.get("/api/orders?status=working").array().isEmpty)
            #expect(try await ledger.account(named: "default")?.reserved == 0)
        }
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aSignalsMarketPriceIsAMarkThatFillsOtherAccountsWorkingOrders(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            try await ledger.addAccount(Account(name: "other", cash: 50_000))
            let limit = #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,"order_type":"limit","limit_price":180}"#
            #expect(try await client.post("/api/webhook", limit).status == .ok)
            // The default account's own stop: its 195 is the order's level, never taken for the market.
            let stop = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":195,"order_type":"stop"}"#)
            #expect(try #require(try stop.object()["order"] as? [String: Any])["status"] as? String == "working", "\(stop.text)")
            #expect(try await client.get("/api/orders?status=working").array().count == 2)
            // Another account's market buy at 179 is the market at 179: the limit fills there, the stop waits.
            let bought = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":179,"account":"other"}"#)
            #expect(bought.status == .ok, "\(bought.text)")
            let fill = try #require(try await client.get("/api/orders?account=default").array().first)
            #expect(number(fill, "exec_price") == "179" && number(fill, "filled_qty") == "10" && fill["working_order"] != nil)
            let account = try #require(try await ledger.account(named: "default"))
            #expect(account.position("AAPL").quantity == 10 && account.cash == decimal("98208.21"), "\(account.cash)")
            let working = try await client.get("/api/orders?status=working").array()
            #expect(working.count == 1 && working[0]["type"] as? String == "stop")
        }
    }

    @Test func workingOrdersSurviveARestartAndFillAfterIt() async throws {
        let harness = try Harness()
        try await harness.run(.router) { client, _ in
            let placed = try await client.post(
                "/api/webhook",
                #"{"symbol":"AAPL","side":"buy","qty":10,"price":185.5,"order_type":"limit","limit_price":180}"#
            )
            #expect(placed.status == .ok)
        }
        try await Harness(directory: harness.directory).run(.live) { client, ledger in
            #expect(try await ledger.account(named: "default")?.reserved == decimal("1801.80"), "the cash stays held across the restart")
            #expect(try await client.get("/api/orders?status=working").array().count == 1)
            let marked = try await client.post("/api/prices", #"{"symbol":"AAPL","time":\#(later(5)),"price":179.5}"#)
            #expect(try marked.object()["fills"] as? Int == 1, "\(marked.text)")
            // A marketable limit fills at the market's price, never worse than its limit: 179.5, no slippage.
            #expect(number(try #require(try await client.get("/api/orders").array().first), "exec_price") == "179.5")
        }
    }
}
