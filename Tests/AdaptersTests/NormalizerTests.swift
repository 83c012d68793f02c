import Adapters
import Core
import Foundation
import JSON
import Testing

@Suite struct NormalizerTests {
    /// Symbols are refused for their length in characters, control characters and spaces, ASCII (checked byte by
    /// byte) and not alike: CR LF is one character of two bytes.
    @Test(
        arguments: [
            (String(repeating: "A", count: 128), nil),
            (String(repeating: "A", count: 129), "longer than 128 characters"),
            (String(repeating: "股", count: 128), nil),
            (String(repeating: "股", count: 129), "longer than 128 characters"),
            (String(repeating: "A", count: 127) + "\r\n", "contains the control character U+000D"),
            ("AA\u{7F}PL", "contains the control character U+007F"),
            ("AA\tPL", "contains the control character U+0009"),
            ("股\u{85}票", "contains the control character U+0085"),
            ("\u{202E}LPAA", "contains U+202E, a bidi control that changes how the text around it is shown"),
            ("AA\u{2066}PL", "contains U+2066, a bidi control that changes how the text around it is shown"),
            ("AA\u{200B}PL", "contains U+200B, an invisible character"),
            ("AAPL\u{FEFF}", "contains U+FEFF, an invisible character"),
            ("AA\u{0}PL", "contains the control character U+0000"),
            ("AA PL", "must not contain spaces, got \"AA PL\""),
            ("股\u{3000}票", "must not contain spaces, got \"股\u{3000}票\""),
            ("e\u{301}", nil),
        ] as [(String, String?)]
    )
    func symbolTextIsCheckedByCharacter(_ symbol: String, refusal: String?) throws {
        let set = try rules("adapters:\n  - name: a\n    fields: {symbol: s, side: {const: buy}, qty: {const: 1}, price: {const: 1}}\n")
        let body = try #require(String(data: try JSONSerialization.data(withJSONObject: ["s": symbol]), encoding: .utf8))
        let result = normalize(body, with: set)
        #expect(result.outcome.failure?.message.english == refusal.map { "Invalid field 'symbol': \($0)" })
    }

    @Test func firstPresentAliasWinsAndNullCountsAsMissing() throws {
        let set = try rules(
            """
            adapters:
              - name: a
                fields:
                  symbol: [s1, s2, s3]
                  side: side
                  qty: {from: [q1, q2], default: 7}
                  price: price
            """
        )
        let result = normalize(#"{"s1": null, "s2": "MSFT", "s3": "X", "side": "buy", "price": 1}"#, with: set)
        let signal = try #require(result.signal)
        #expect(signal.symbol == "MSFT")
        #expect(signal.quantity == 7)
        #expect(result.fields.first { $0.field == .symbol }?.source == .alias("s2"))
        #expect(result.fields.first { $0.field == .qty }?.source == .defaultValue)
    }

    @Test func zeroFalseAndEmptyStringAreValuesNotMissing() throws {
        let set = try rules(oneAdapter())
        let zero = normalize(#"{"symbol": "A", "side": "buy", "qty": 0, "price": 1}"#, with: set)
        #expect(
            zero.outcome.failure == .invalidField(.qty, reason: LocalizedMessage(english: "must be greater than 0, got 0", chinese: "必须大于 0, 收到 0"))
        )
        let empty = normalize(#"{"symbol": "", "side": "buy", "price": 1}"#, with: set)
        #expect(empty.outcome.failure?.code == "invalid_field")
        #expect(empty.outcome.failure?.field == .symbol)
        let bool = normalize(#"{"symbol": "A", "side": false, "price": 1}"#, with: set)
        #expect(bool.outcome.failure?.code == "invalid_field")
        #expect(bool.outcome.failure?.field == .side)
    }

    @Test func missingRequiredFieldNamesTheFieldAndItsAliases() throws {
        let result = normalize(#"{"symbol": "A", "side": "buy"}"#, with: try rules(oneAdapter()))
        #expect(result.outcome.failure == .missingField(.price, lookedFor: ["price"]))
        #expect(result.outcome.failure?.message.english == "Missing required field 'price' (looked for: price)")
    }

    @Test func optionalFieldsMayBeRequired() throws {
        let set = try rules(oneAdapter(fields: "      account: {from: acct, required: true}"))
        let result = normalize(#"{"symbol": "A", "side": "buy", "price": 1}"#, with: set)
        #expect(result.outcome.failure == .missingField(.account, lookedFor: ["acct"]))
    }

    @Test func nestedPathsAndConstants() throws {
        let set = try rules(
            """
            adapters:
              - name: a
                fields:
                  symbol: signal.instrument.code
                  side: {const: long}
                  qty: {const: 3}
                  price: signal.px
                  account: {const: 策略A}
            """
        )
        let signal = try #require(normalize(#"{"signal": {"instrument": {"code": "ES"}, "px": "5000.25"}}"#, with: set).signal)
        #expect(signal == Signal(symbol: "ES", side: .buy, quantity: 3, price: decimal("5000.25"), account: "策略A"))
    }

    @Test(arguments: [
        ("buy", Side.buy), ("LONG", .buy), (" buy_to_open ", .buy), ("sell", .sell), ("Short", .sell), ("sell_to_close", .sell), ("close", .sell),
    ])
    func seedSideSynonyms(_ text: String, _ side: Side) throws {
        let result = normalize(#"{"symbol": "A", "side": "\#(text)", "price": 1}"#, with: try rules(oneAdapter()))
        #expect(result.signal?.side == side)
    }

    @Test func valueMapsMatchCaseInsensitivelyAndNumbersByValue() throws {
        let set = try rules(
            """
            adapters:
              - name: a
                fields:
                  symbol: {from: s, map: {xbt: BTC}}
                  side: {from: d, map: {"1": buy, "-1": sell, Flat: close}}
                  qty: {from: q, default: 1}
                  price: p
            """
        )
        #expect(normalize(#"{"s": " XBT ", "d": 1.0, "p": 1}"#, with: set).signal?.side == .buy)
        #expect(normalize(#"{"s": "XBT", "d": "-1", "p": 1}"#, with: set).signal?.side == .sell)
        #expect(normalize(#"{"s": "XBT", "d": "FLAT", "p": 1}"#, with: set).signal?.side == .sell)
        #expect(normalize(#"{"s": "XBT", "d": 1, "p": 1}"#, with: set).signal?.symbol == "BTC")
        #expect(normalize(#"{"s": "ETH", "d": 1, "p": 1}"#, with: set).signal?.symbol == "ETH")
        let unmapped = normalize(#"{"s": "A", "d": 0, "p": 1}"#, with: set)
        #expect(unmapped.outcome.failure == .unknownSide(text: "\"0\"", mapped: ["1", "-1", "Flat"]))
        // The sender is told this adapter's words first, as written, then the built-in ones.
        #expect(
            unmapped.outcome.failure?.message.english
                == #"Unknown side "0": this adapter maps "1", "-1" or "Flat"; buy, long, buy_to_open, sell, short, sell_to_close or close are read too"#
        )
        #expect(
            normalize(
                #"{"s": "A", "d": "hold", "p": 1}"#,
                with: try rules("adapters: [{name: b, fields: {symbol: s, side: d, qty: {default: 1}, price: p}}]")
            ).outcome
                .failure?.message.english == #"Unknown side "hold": use buy, long, buy_to_open, sell, short, sell_to_close or close"#
        )
    }

    @Test func transformChainsRunInOrder() throws {
        let set = try rules(
            oneAdapter().replacingOccurrences(
                of: "symbol: symbol",
                with: #"symbol: {from: symbol, transforms: [trim, strip_exchange, lower, {regex: "^([a-z]+)"}, upper]}"#
            )
        )
        let result = normalize(#"{"symbol": "  NASDAQ:aapl.us ", "side": "buy", "price": 1}"#, with: set)
        #expect(result.signal?.symbol == "AAPL")
        let steps = result.fields.first { $0.field == .symbol }?.steps.map(\.after)
        #expect(steps == ["NASDAQ:aapl.us", "aapl.us", "aapl.us", "aapl", "AAPL"])
        let noMatch = normalize(#"{"symbol": "123", "side": "buy", "price": 1}"#, with: set)
        #expect(noMatch.outcome.failure?.code == "invalid_field")
    }

    @Test(arguments: [#""NaN""#, #""inf""#, #""0x10""#, #""""#, #""1,5""#, #""12abc""#, #"" 1""#])
    func strictNumbersRejectNonDecimalText(_ price: String) throws {
        let result = normalize(#"{"symbol": "A", "side": "buy", "price": \#(price)}"#, with: try rules(oneAdapter()))
        #expect(result.outcome.failure?.code == "invalid_number")
        #expect(result.outcome.failure?.field == .price)
    }

    @Test(arguments: [#""100""#, "100", "1e2", #""100.0""#, "100.000"])
    func strictNumbersAcceptNumbersAndNumericStrings(_ qty: String) throws {
        let result = normalize(#"{"symbol": "A", "side": "buy", "qty": \#(qty), "price": "185.5"}"#, with: try rules(oneAdapter()))
        #expect(result.signal?.quantity == 100)
        #expect(result.signal?.price == decimal("185.5"))
    }

    @Test(arguments: ["-1", "0", "1e16", #"[1]"#, #"{"a":1}"#, "true"])
    func nonPositiveHugeAndNonScalarQuantitiesAreInvalid(_ qty: String) throws {
        let result = normalize(#"{"symbol": "A", "side": "buy", "qty": \#(qty), "price": 1}"#, with: try rules(oneAdapter()))
        #expect(result.outcome.failure?.code == "invalid_field")
        #expect(result.outcome.failure?.field == .qty)
    }

    @Test func matchRulesPickTheFirstMatchingAdapterInFileOrder() throws {
        let set = try rules(
            """
            adapters:
              - name: tv
                match: {present: [ticker, action]}
                fields: {symbol: ticker, side: action, qty: {const: 1}, price: price}
              - name: model
                match: {equals: {source: Model}}
                fields: {symbol: s, side: d, qty: {const: 2}, price: p}
              - name: fallback
                fields: {symbol: symbol, side: side, qty: {const: 3}, price: price}
            """
        )
        #expect(normalize(#"{"ticker": "A", "action": "buy", "price": 1}"#, with: set).adapter == "tv")
        let model = normalize(#"{"source": " model ", "s": "A", "d": "sell", "p": 1}"#, with: set)
        #expect(model.adapter == "model")
        #expect(model.decisions.map(\.reason) == ["ticker is missing", "match rule holds", "not tried: 'model' matched first"])
        let fallback = normalize(#"{"ticker": null, "action": "buy", "source": "other", "symbol": "A", "side": "buy", "price": 1}"#, with: set)
        #expect(fallback.adapter == "fallback")
        #expect(fallback.decisions.map(\.reason) == ["ticker is missing", #"source is "other", not Model"#, "catch-all"])
    }

    @Test func selectingByNameBypassesMatching() throws {
        let set = try rules(oneAdapter(match: "{present: [never]}"))
        #expect(normalize(#"{"symbol": "A", "side": "buy", "price": 1}"#, with: set).outcome.failure == .noMatchingAdapter)
        #expect(normalize(#"{"symbol": "A", "side": "buy", "price": 1}"#, with: set, adapter: "a").signal != nil)
        #expect(normalize("{}", with: set, adapter: "nope").outcome.failure == .unknownAdapter(name: "nope"))
    }

    @Test func bodiesThatAreNotJSONObjectsAreRefused() throws {
        let set = try rules(oneAdapter())
        #expect(normalize("symbol=AAPL", with: set).outcome.failure?.code == "invalid_json")
        #expect(normalize("[1]", with: set).outcome.failure == .notAnObject(type: "array"))
        #expect(normalize(#""text""#, with: set).outcome.failure == .notAnObject(type: "string"))
    }

    @Test func symbolsWithSpacesOrControlCharactersAreInvalid() throws {
        let set = try rules(oneAdapter())
        #expect(normalize(#"{"symbol": "AA PL", "side": "buy", "price": 1}"#, with: set).outcome.failure?.code == "invalid_field")
        #expect(normalize(#"{"symbol": "A\u0000", "side": "buy", "price": 1}"#, with: set).outcome.failure?.code == "invalid_field")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
