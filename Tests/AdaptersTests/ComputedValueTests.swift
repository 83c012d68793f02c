import Adapters
import Core
import JSON
import Testing

/// Templates and the transforms that compute values: numbers, signs, replacements, prefixes and suffixes.
@Suite struct ComputedValueTests {
    /// The standard four fields with `replacement` swapped in for one of them.
    private func set(_ original: String, _ replacement: String, extra: String = "") throws -> AdapterSet {
        try rules(oneAdapter(fields: extra).replacingOccurrences(of: original, with: replacement))
    }

    @Test func templatesJoinPathsAndLiterals() throws {
        let set = try set("", "", extra: #"      id: {template: "{bot.uuid}-{timestamp}/{{n}}"}"#)
        let result = normalize(#"{"symbol": "A", "side": "buy", "price": 1, "bot": {"uuid": "b7"}, "timestamp": 1700000000}"#, with: set)
        #expect(result.signal?.clientID == "b7-1700000000/{n}")
        #expect(result.fields.first { $0.field == .id }?.source == .template("{bot.uuid}-{timestamp}/{{n}}"))
        // A missing reference makes the field missing: absent when optional, an error naming the path when required.
        let partial = #"{"symbol": "A", "side": "buy", "price": 1, "bot": {"uuid": "b7"}}"#
        #expect(normalize(partial, with: set).signal?.clientID == nil)
        let required = try self.set("", "", extra: #"      id: {template: "{bot.uuid}-{timestamp}", required: true}"#)
        #expect(normalize(partial, with: required).outcome.failure == .missingField(.id, lookedFor: ["timestamp"]))
        let withDefault = try self.set("", "", extra: #"      account: {template: "{desk}-{book}", default: main}"#)
        #expect(normalize(#"{"symbol": "A", "side": "buy", "price": 1, "desk": "x"}"#, with: withDefault).signal?.account == "main")
    }

    @Test(arguments: [
        ("abs", "-200", "200"), ("negate", "5", "-5"), ("negate", "-0.5", "0.5"), ("{multiply: 100}", "3", "300"),
        ("{multiply: 100}", "1e2", "10000"), ("{divide: 1000}", "2500", "2.5"), ("{round: 0.01}", "1.005", "1.01"),
        ("{round: 0.01}", "-1.005", "-1.01"), ("{round_down: 100}", "250", "200"), ("{round_down: 100}", "-250", "-200"),
        ("{round: 0.5}", "1.3", "1.5"),
    ])
    func numericTransformsAreExactDecimal(_ transform: String, _ input: String, _ output: String) throws {
        let set = try set("side: side", "side: side\n      account: {from: n, transforms: [\(transform)]}")
        let result = normalize(#"{"symbol": "A", "side": "buy", "price": 1, "n": "\#(input)"}"#, with: set)
        #expect(result.signal?.account == output, "\(result.outcome)")
    }

    @Test func numericTransformsRefuseText() throws {
        let set = try set("qty: {from: qty, default: 100}", "qty: {from: qty, transforms: [abs]}")
        #expect(
            normalize(#"{"symbol": "A", "side": "buy", "price": 1, "qty": "ten"}"#, with: set).outcome.failure
                == .invalidNumber(.qty, text: #""ten""#)
        )
    }

    @Test func aSignedQuantityGivesTheSideAndTheSize() throws {
        let set = try rules(
            """
            adapters:
              - name: delta
                fields:
                  symbol: symbol
                  side: {from: delta, transforms: [side_from_sign]}
                  qty: {from: delta, transforms: [abs]}
                  price: price
            """
        )
        #expect(
            normalize(#"{"symbol": "A", "delta": -200, "price": 5}"#, with: set).signal == Signal(symbol: "A", side: .sell, quantity: 200, price: 5)
        )
        #expect(normalize(#"{"symbol": "A", "delta": "+3", "price": 5}"#, with: set).signal == Signal(symbol: "A", side: .buy, quantity: 3, price: 5))
        let zero = normalize(#"{"symbol": "A", "delta": 0, "price": 5}"#, with: set).outcome.failure
        #expect(zero?.code == "invalid_field")
        #expect(zero?.field == .side)
        #expect(zero?.message.english == #"Invalid field 'side': "0" has no side: positive is buy, negative is sell"#)
    }

    @Test func replaceAndStripPrefixOrSuffix() throws {
        let set = try set(
            "symbol: symbol",
            #"symbol: {from: symbol, transforms: [{strip_prefix: ['BINANCE:', 'BYBIT:']}, {strip_suffix: .P}, {replace: {pattern: '^(\w+)/(\w+)$', with: '$1$2'}}]}"#
        )
        let cases = ["BINANCE:BTCUSDT.P": "BTCUSDT", "BYBIT:ETH/USDT": "ETHUSDT", "SOLUSDT": "SOLUSDT", "BTCUSDT.P.P": "BTCUSDT.P"]
        for (input, expected) in cases {
            #expect(normalize(#"{"symbol": "\#(input)", "side": "buy", "price": 1}"#, with: set).signal?.symbol == expected, "\(input)")
        }
        let trace = normalize(#"{"symbol": "BINANCE:BTCUSDT.P", "side": "buy", "price": 1}"#, with: set).fields.first { $0.field == .symbol }
        #expect(trace?.steps.map(\.after) == ["BTCUSDT.P", "BTCUSDT", "BTCUSDT"])
    }

    @Test func lotsBecomeUnits() throws {
        let set = try set("qty: {from: qty, default: 100}", "qty: {from: lots, transforms: [{multiply: 100}]}")
        #expect(normalize(#"{"symbol": "600519.SH", "side": "buy", "price": 1, "lots": 3}"#, with: set).signal?.quantity == 300)
    }
}
