import Adapters
import Testing

/// Choosing an adapter: conditions on paths, on the raw body, and their combinations.
@Suite struct MatchConditionTests {
    /// Two adapters: `m` with the given match, then the catch-all `rest`.
    private func pair(_ match: String) throws -> AdapterSet {
        try rules(
            """
            adapters:
              - name: m
                match: \(match)
                fields: {symbol: symbol, side: side, qty: {default: 1}, price: {default: 1}}
              - name: rest
                fields: {symbol: {const: X}, side: {const: buy}, qty: {default: 1}, price: {default: 1}}
            """
        )
    }

    /// The adapter that reads `body`, and the reason `m` gave.
    private func chosen(_ body: String, by set: AdapterSet) -> (String?, String?) {
        let result = normalize(body, with: set)
        return (result.adapter, result.decisions.first { $0.adapter == "m" }?.reason)
    }

    @Test func equalsOneOfSeveralValuesCaseInsensitiveAndNumbersByValue() throws {
        let set = try pair("{equals: {side: [buy, sell], v: 1}}")
        #expect(chosen(#"{"symbol": "A", "side": "SELL", "v": 1.0}"#, by: set).0 == "m")
        #expect(chosen(#"{"symbol": "A", "side": "hold", "v": 1}"#, by: set) == ("rest", #"side is "hold", not one of buy, sell"#))
        #expect(chosen(#"{"symbol": "A", "side": "buy"}"#, by: set) == ("rest", "v is missing"))
    }

    @Test func regexOnAField() throws {
        let set = try pair(#"{regex: {symbol: '^BINANCE:.*\.P$'}}"#)
        #expect(chosen(#"{"symbol": "BINANCE:BTCUSDT.P", "side": "buy"}"#, by: set).0 == "m")
        #expect(
            chosen(#"{"symbol": "NASDAQ:AAPL", "side": "buy"}"#, by: set).1 == #"symbol is "NASDAQ:AAPL", which does not match /^BINANCE:.*\.P$/"#
        )
        // Numbers are matched by their text.
        let numeric = try pair(#"{regex: {v: '^\d+$'}}"#)
        #expect(chosen(#"{"v": 42, "symbol": "A", "side": "buy"}"#, by: numeric).0 == "m")
    }

    @Test func notAbsentAnyAndAllCombine() throws {
        let set = try pair("{all: [{present: symbol}, {not: {equals: {side: hold}}}], any: [{present: a}, {present: b}], absent: test}")
        #expect(chosen(#"{"symbol": "A", "side": "buy", "b": 1}"#, by: set).0 == "m")
        #expect(chosen(#"{"symbol": "A", "side": "hold", "b": 1}"#, by: set).1 == "not (side is hold) does not hold")
        #expect(chosen(#"{"symbol": "A", "side": "buy"}"#, by: set).1 == "none holds: a is missing; b is missing")
        #expect(chosen(#"{"symbol": "A", "side": "buy", "a": 1, "test": true}"#, by: set).1 == "not (test present) does not hold")
    }

    @Test func bodyKindAndBodyRegexWorkForTextAndJSON() throws {
        let text = try rules(
            """
            adapters:
              - name: m
                body: {format: delimited, separator: whitespace}
                match: {body: text, body_regex: '^(?i)(buy|sell) '}
                fields: {symbol: 2, side: 1, qty: {default: 1}, price: {default: 1}}
              - name: rest
                fields: {symbol: symbol, side: side, qty: {default: 1}, price: {default: 1}}
            """
        )
        #expect(normalize("SELL AAPL", with: text).adapter == "m")
        #expect(normalize(#"{"symbol": "A", "side": "buy"}"#, with: text).decisions.first?.reason == "the body is JSON")
        #expect(normalize("hello AAPL", with: text).decisions.first?.reason == "the body does not match /^(?i)(buy|sell) /")
        // Malformed JSON falls through to the JSON catch-all, which says why.
        #expect(normalize(#"{"symbol": "A""#, with: text).outcome.failure?.code == "invalid_json")
        let json = try pair("{body: json}")
        #expect(chosen(#"{"symbol": "A", "side": "buy"}"#, by: json).0 == "m")
        #expect(chosen("buy", by: json) == ("rest", "the body is not JSON"))
    }

    @Test func aBodyTheAdapterCannotReadFailsEveryConditionOnItsPathsNegationsIncluded() throws {
        let set = try rules(
            """
            adapters:
              - name: m
                match: {not: {equals: {source: tradingview}}, absent: x}
                fields: {symbol: symbol, side: side, qty: {default: 1}, price: {default: 1}}
              - name: csv
                body: {format: delimited, separator: ','}
                fields: {symbol: 2, side: 1, qty: {default: 1}, price: {default: 1}}
            """
        )
        let result = normalize("buy,AAPL", with: set)
        #expect(result.adapter == "csv")
        #expect(result.decisions.first?.reason == "the body is not JSON")
        #expect(normalize(#"{"symbol": "A", "side": "buy"}"#, with: set).adapter == "m")
    }

    @Test func conditionsOnPathsOfATextAdapterReadItsPieces() throws {
        let set = try rules(
            """
            adapters:
              - name: m
                body: {format: lines, ignore_case: true}
                match: {equals: {Source: bot}}
                fields: {symbol: s, side: d, qty: {default: 1}, price: {default: 1}}
              - name: rest
                fields: {symbol: symbol, side: side, qty: {default: 1}, price: {default: 1}}
            """
        )
        #expect(normalize("SOURCE=bot\ns=A\nd=buy", with: set).adapter == "m")
        #expect(normalize("not key value", with: set).decisions.first?.reason.hasPrefix("the body cannot be read: line 1") == true)
    }
}
