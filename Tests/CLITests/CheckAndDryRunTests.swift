import Foundation
import Testing

@Suite struct CheckAndDryRunTests {
    @Test func checkPassesOnTheShippedRules() throws {
        let output = try CommandRunner.run(["check"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("6 adapters (traderspost, target-position, tradingview, quant-model, text, standard)"))
        #expect(output.stdout.contains("33 of 33 examples pass"))
    }

    @Test func checkPrintsFileLineColumnForAnInvalidFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try "adapters:\n  - name: a\n    fields:\n      symbol: s\n      sid: x\n".write(to: file, atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["check", file.path])
        #expect(output.status == 2)
        // Every problem in one run, in file order.
        #expect(
            output.stderr.split(separator: "\n") == [
                "\(file.path):4:7: adapter 'a' does not say where 'side' comes from (give 'from', 'template', 'const' or 'default')",
                "\(file.path):4:7: adapter 'a' does not say where 'qty' comes from (give 'from', 'template', 'const' or 'default')",
                "\(file.path):4:7: adapter 'a' does not say where 'price' comes from (give 'from', 'template', 'const' or 'default')",
                "\(file.path):5:7: unknown key 'sid' in fields; expected one of: symbol, action, side, qty, sizing, price, account, id, time, token, order_type, limit_price, stop_price, trail_amount, "
                    + "trail_percent, time_in_force, expire_at",
            ]
        )
    }

    @Test func checkReportsEachFailingExampleAndExitsNonZero() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("a.yaml")
        try """
        adapters:
          - name: a
            fields: {symbol: s, side: d, qty: {default: 1}, price: p}
            examples:
              - {name: ok, payload: {s: A, d: buy, p: 1}, expect: {symbol: A}}
              - {name: bad1, payload: {s: A, d: buy, p: 1}, expect: {side: sell}}
              - {name: bad2, payload: {s: A, d: buy, p: 1}, error: missing_field}
        """.write(to: file, atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["check", file.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("\(file.path):6:9: adapter 'a', example 'bad1': side is buy, expected sell"))
        #expect(output.stdout.contains("example 'bad2': expected error missing_field, got a signal"))
        #expect(output.stdout.contains("1 of 3 examples pass"))
    }

    @Test func checkOnAMissingFileFails() throws {
        let output = try CommandRunner.run(["check", "/nonexistent/adapters.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("/nonexistent/adapters.yaml:1:1: cannot read the file"))
    }

    @Test func dryRunShowsTheTraceAndTheSeedFill() throws {
        let output = try CommandRunner.run(["dry-run"], stdin: #"{"ticker":"NASDAQ:aapl","action":"buy","contracts":100,"price":185.50}"#)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("tradingview      yes  match rule holds"))
        #expect(
            output.stdout.contains(
                "traderspost      no   none holds: sentiment is missing; quantityType is missing; action is \"buy\", not one of exit"
            )
        )
        #expect(output.stdout.contains("standard         no   not tried: 'tradingview' matched first"))
        #expect(
            output.stdout.contains(#"symbol  from 'ticker' "NASDAQ:aapl" → trim → "NASDAQ:aapl" → strip_exchange → "aapl" → upper → "AAPL" ⇒ AAPL"#)
        )
        #expect(output.stdout.contains("filled: 100 of 100 at 185.59, value 18559, slippage 0.09, commission 18.56, total_cost 18577.56"))
    }

    @Test func dryRunJSONCarriesTheFieldsSignalAndFill() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let payload = directory.appendingPathComponent("p.json")
        try #"{"symbol":"AAPL","side":"long","price":"185.50"}"#.write(to: payload, atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["dry-run", "--json", "--adapter", "standard", payload.path])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["adapter"] as? String == "standard")
        let fields = try #require(json["fields"] as? [String: [String: Any]])
        #expect(fields["qty"]?["source"] as? String == "default")
        #expect(fields["side"]?["alias"] as? String == "side")
        let fill = try #require(json["fill"] as? [String: Any])
        #expect("\(fill["total_cost"]!)" == "18577.56")
    }

    @Test func dryRunOfARejectedPayloadExitsOneWithTheError() throws {
        let output = try CommandRunner.run(["dry-run", "-"], stdin: #"{"symbol":"AAPL","side":"hold","price":1}"#)
        #expect(output.status == 1)
        #expect(output.stdout.contains("error unknown_side"))
        let poor = try CommandRunner.run(["dry-run"], stdin: #"{"symbol":"AAPL","side":"buy","qty":1000,"price":185.5}"#)
        #expect(poor.status == 1)
        #expect(poor.stdout.contains("rejected insufficient_funds: Insufficient funds: need 185775.59, available 100000"))
    }

    @Test(arguments: [
        ("{not json", "error invalid_json: Body is not valid JSON"), ("[1,2]", "error invalid_payload: Body must be a JSON object, got array"),
    ])
    func dryRunOfAnUnreadableBodyShowsWhyAndExitsOne(_ body: String, _ message: String) throws {
        let output = try CommandRunner.run(["dry-run"], stdin: body)
        #expect(output.status == 1)
        #expect(output.stdout.contains(message))
        #expect(output.stderr.isEmpty)
    }

    @Test func dryRunOfAMissingFileIsExitTwo() throws {
        let output = try CommandRunner.run(["dry-run", "/nonexistent.json"])
        #expect(output.status == 2)
        #expect(output.stderr == "/nonexistent.json: no such file or not readable\n")
    }
}
