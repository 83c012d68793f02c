import Adapters
import Core
import Foundation
import Testing

@Suite struct ShippedAdaptersTests {
    @Test func everyShippedExamplePasses() throws {
        let (count, failures) = ExampleRunner(rules: try shippedRules()).run()
        #expect(count >= 9)
        #expect(failures.isEmpty, "\(failures)")
        #expect(try shippedRules().adapters.map(\.name) == ["traderspost", "target-position", "tradingview", "quant-model", "text", "standard"])
        #expect(try shippedRules().adapters.allSatisfy { $0.examples.count >= 3 })
    }

    @Test(arguments: [
        #"{"symbol": "AAPL", "side": "buy", "qty": 100, "price": 185.50}"#,
        #"{"ticker": "AAPL", "action": "buy", "contracts": 100, "price": 185.50}"#,
        #"{"symbol": "AAPL", "side": "buy", "qty": 100, "price": 185.50, "account": "策略A"}"#,
        #"{"symbol": "AAPL", "side": "buy", "quantity": 100, "limit_price": 185.50, "token": "secret"}"#,
    ])
    func seedPayloadsNormalizeToTheSameSignal(_ body: String) throws {
        let signal = try #require(normalize(body, with: try shippedRules()).signal)
        #expect(signal.symbol == "AAPL" && signal.side == .buy && signal.quantity == 100 && signal.price == decimal("185.5"))
    }

    @Test func tradingViewStripsTheExchangePrefix() throws {
        let result = normalize(#"{"ticker": "NASDAQ:AAPL", "action": "sell", "contracts": "3", "price": "190"}"#, with: try shippedRules())
        #expect(result.adapter == "tradingview")
        #expect(result.signal == Signal(symbol: "AAPL", side: .sell, quantity: 3, price: 190))
    }

    @Test func quantModelReadsNestedFieldsAndNumericDirection() throws {
        let body = #"{"run_id": 7, "signal": {"id": 71, "instrument": "btcusd", "direction": -1, "size": 0.015}, "reference_price": 64000}"#
        let result = normalize(body, with: try shippedRules())
        #expect(result.adapter == "quant-model")
        #expect(result.signal == Signal(symbol: "BTCUSD", side: .sell, quantity: decimal("0.015"), price: 64000, clientID: "71"))
        // The run id is not the signal's id: a run sends many signals.
        let second = #"{"run_id": 7, "signal": {"instrument": "btcusd", "direction": 1}, "reference_price": 64000}"#
        #expect(normalize(second, with: try shippedRules()).signal?.clientID == nil)
    }

    @Test(arguments: [
        ("buy 100 AAPL @ 185.50", Signal(symbol: "AAPL", side: .buy, quantity: 100, price: Decimal(18550, scale: 2))),
        ("SELL 0.5 BTCUSD @ 64000 account=策略A", Signal(symbol: "BTCUSD", side: .sell, quantity: Decimal(5, scale: 1), price: 64000, account: "策略A")),
        ("  short 3 NYSE:ibm 150.25 id=x-1\r\n", Signal(symbol: "IBM", side: .sell, quantity: 3, price: Decimal(15025, scale: 2), clientID: "x-1")),
    ])
    func theTextAdapterReadsAnOrderWrittenAsASentence(_ body: String, _ expected: Signal) throws {
        let result = normalize(body, with: try shippedRules())
        #expect(result.adapter == "text")
        #expect(result.signal == expected)
    }

    @Test func theTextAdapterTakesATokenAndNeverShowsIt() throws {
        let result = normalize("buy 1 AAPL @ 185 token=s3cret", with: try shippedRules())
        #expect(result.token == "s3cret")
        #expect(result.signal?.symbol == "AAPL")
        let trace = try #require(result.fields.first { $0.field == .token })
        #expect(trace.raw == .string("[redacted]"))
        #expect(trace.parsed == nil && trace.steps.isEmpty)
    }

    @Test func malformedJSONStillSaysInvalidJSON() throws {
        #expect(normalize(#"{"symbol": "AAPL", "side": "buy""#, with: try shippedRules()).outcome.failure?.code == "invalid_json")
        #expect(normalize("hello world", with: try shippedRules()).outcome.failure?.code == "invalid_json")
        #expect(normalize("buy 1 AAPL @ 1 id=a id=b", with: try shippedRules()).outcome.failure?.code == "invalid_body")
        #expect(normalize("buy 100 AAPL", with: try shippedRules()).outcome.failure == .missingField(.price, lookedFor: ["group 'price'"]))
        // A byte-order mark from Notepad or PowerShell does not hide the sentence.
        #expect(normalize("\u{FEFF}buy 100 AAPL @ 185.50", with: try shippedRules()).signal?.symbol == "AAPL")
    }

    @Test func checkReportsAFailingExampleWithItsLocation() throws {
        let set = try rules(
            oneAdapter()
                + "\n    examples:\n      - name: wrong\n        payload: {symbol: A, side: buy, price: 2}\n        expect: {price: 3, qty: 100}\n"
        )
        let (count, failures) = ExampleRunner(rules: set).run()
        #expect(count == 1)
        #expect(failures.map(\.description) == ["test.yaml:11:9: adapter 'a', example 'wrong': price is 2, expected 3"])
    }

    /// An example read by another adapter because its own match rule does not hold names that rule at its line, and
    /// says so when it can never hold on the adapter's bodies; only an adapter that matches too but comes later is
    /// told to select by name.
    @Test func anExampleReadByAnotherAdapterNamesTheConditionThatFailed() throws {
        let set = try rules(
            """
            adapters:
              - name: first
                match: {present: ticker}
                fields: {symbol: ticker, side: {const: buy}, qty: {default: 1}, price: {default: 1}}
              - name: pine
                body: {format: delimited, separator: ",", columns: [license, side, symbol]}
                match: {present: signal.side}
                fields: {symbol: symbol, side: side, qty: {default: 1}, price: {default: 1}}
                examples: [{name: dotted, body: "6012,buy,EURUSD", expect: {symbol: EURUSD}}]
              - name: words
                body: {format: regex, pattern: '(?<side>buy|sell) (?<symbol>\\S+)'}
                match: {body: json}
                fields: {symbol: symbol, side: side, qty: {default: 1}, price: {default: 1}}
                examples: [{name: text, body: "buy AAPL", expect: {symbol: AAPL}}]
              - name: later
                match: {present: ticker}
                fields: {symbol: ticker, side: {const: sell}, qty: {default: 1}, price: {default: 1}}
                examples: [{name: shadowed, payload: {ticker: X}, expect: {side: sell}}]
              - name: catchall
                body: {format: delimited, separator: ","}
                fields: {symbol: "3", side: "2", qty: {default: 1}, price: {default: 1}}
            """
        )
        let problems = ExampleRunner(rules: set).run().failures.map(\.problem)
        #expect(
            problems == [
                "the payload was read by adapter 'catchall', not 'pine': its match rule does not hold for it (the condition at test.yaml:7:22): "
                    + "signal.side is missing; a text body is never nested: 'signal.side' is found only as a key written 'signal.side=…'; "
                    + "name a position, a column or a key",
                "the payload was read by adapter 'catchall', not 'words': its match rule does not hold for it (the condition at test.yaml:12:19): "
                    + "the body is not JSON; 'body: json' can never hold for this adapter's text bodies: leave it out, or match the text with body_regex",
                "the payload was read by adapter 'first', not 'later', which comes first and matches it too (add by_name: true to select it by name)",
            ]
        )
    }
}

@Suite struct DefaultRulesTests {
    @Test func embeddedRulesAreTheShippedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("adapters.yaml"), encoding: .utf8)
        #expect(DefaultRules.yaml + "\n" == file || DefaultRules.yaml == file, "run scripts/embed-rules after editing adapters.yaml")
        #expect(try withoutLocations(DefaultRules.load()) == withoutLocations(shippedRules()))
    }

    private func withoutLocations(_ rules: AdapterSet) -> AdapterSet {
        var rules = rules
        for index in rules.adapters.indices {
            for example in rules.adapters[index].examples.indices { rules.adapters[index].examples[example].location = "" }
            rules.adapters[index].matchLocations = [:]
        }
        return rules
    }
}
