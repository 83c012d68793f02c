import Adapters
import Core
import JSON
import Testing

/// Text bodies: delimited, lines and regex formats, read into pieces the field rules address.
@Suite struct BodyFormatTests {
    /// One adapter reading `body` with the given format, its fields taken from `fields`.
    private func adapter(body: String, fields: String) -> String {
        """
        adapters:
          - name: t
            body: \(body)
            fields:
        \(fields)
        """
    }

    /// A body's text is its UTF-8 without a leading byte-order mark, or none when the bytes are not UTF-8.
    @Test func aBodysTextDropsOneByteOrderMarkAndNeedsUTF8() {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(Body(mark + Array("buy 1 é".utf8)).text == "buy 1 é")
        #expect(Body(mark).text == "")
        #expect(Body(mark + mark).text == "\u{FEFF}")
        #expect(Body([0x62, 0xFF]).text == nil)
        #expect(Body(mark + [0x80]).text == nil)
        #expect(Body(Array("{}".utf8)).text == "{}")
    }

    /// The text is decoded once, when first asked for, and every reader after, on any task, gets the same: nil too.
    @Test func aBodysTextIsTheSameForEveryReader() async {
        for body in [Body(Array("buy 1 AAPL @ 185.50 策略".utf8)), Body([0x62, 0xFF])] {
            let first = body.text
            let texts = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<50 { group.addTask { body.text } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(texts.count == 50 && texts.allSatisfy { $0 == first } && body.text == first)
        }
        #expect(Body(Array("buy 1 AAPL @ 185.50 策略".utf8)).text == "buy 1 AAPL @ 185.50 策略")
    }

    @Test func delimitedReadsPositionsColumnsAndKeyValuePiecesMixed() throws {
        let set = try rules(
            adapter(
                body: "{format: delimited, separator: ',', columns: [id, side, symbol]}",
                fields: "      symbol: symbol\n      side: 2\n      qty: {from: size, default: 1}\n      price: price\n      id: id"
            )
        )
        let result = normalize("c-17, buy ,EURUSD,risk=1,price=1.0845\n", with: set)
        let signal = try #require(result.signal, "\(result.outcome)")
        #expect(signal == Signal(symbol: "EURUSD", side: .buy, quantity: 1, price: decimal("1.0845"), clientID: "c-17"))
        #expect(result.fields.first { $0.field == .side }?.source == .alias("2"))
        #expect(result.fields.first { $0.field == .price }?.raw == .string("1.0845"))
    }

    @Test(arguments: [("';'", "A;buy;2;10"), ("'|'", "A|buy|2|10"), ("tab", "A\tbuy\t2\t10"), ("whitespace", "  A   buy\t 2  10  ")])
    func everySeparatorSplitsPieces(_ separator: String, _ body: String) throws {
        let set = try rules(
            adapter(body: "{format: delimited, separator: \(separator)}", fields: "      symbol: 1\n      side: 2\n      qty: 3\n      price: 4")
        )
        #expect(normalize(body, with: set).signal == Signal(symbol: "A", side: .buy, quantity: 2, price: 10))
    }

    @Test func aLeadingEmptyPieceKeepsItsPosition() throws {
        let set = try rules(
            adapter(body: "{format: delimited, separator: tab}", fields: "      symbol: 2\n      side: 3\n      qty: 4\n      price: 5")
        )
        #expect(
            normalize("\tAAPL\tbuy\t100\t185.5\r\n", with: set).signal == Signal(symbol: "AAPL", side: .buy, quantity: 100, price: decimal("185.5"))
        )
    }

    @Test func aMissingPositionIsNamedAsAPosition() throws {
        let set = try rules(
            adapter(
                body: "{format: delimited, separator: ',', columns: [side, symbol]}",
                fields: "      symbol: symbol\n      side: side\n      qty: {from: 3, default: 1}\n      price: [4, price]"
            )
        )
        let result = normalize("buy,EURUSD", with: set)
        #expect(result.outcome.failure == .missingField(.price, lookedFor: ["position 4", "key 'price'"]))
        // An empty piece is missing too, not an empty value.
        #expect(normalize("buy,,", with: set).outcome.failure == .missingField(.symbol, lookedFor: ["column 'symbol'"]))
    }

    @Test func linesReadKeyValueAndKeyColonValueWithCRLF() throws {
        let set = try rules(
            adapter(
                body: "{format: lines, ignore_case: true}",
                fields: "      symbol: Ticker\n      side: ACTION\n      qty: qty\n      price: price\n      account: account"
            )
        )
        let body = "TICKER=MSFT\r\nAction: sell\r\n\r\nQty = 3\r\nprice: 410.10\r\naccount: 策略A\r\n"
        let signal = try #require(normalize(body, with: set).signal)
        #expect(signal == Signal(symbol: "MSFT", side: .sell, quantity: 3, price: decimal("410.10"), account: "策略A"))
        // A value may hold the other separator: the first '=' or ':' splits.
        let time = normalize("ticker=A\naction=buy\nqty=1\nprice=2\naccount=at 12:30", with: set)
        #expect(time.signal?.account == "at 12:30")
    }

    @Test func spacesInsideAKeyBecomeUnderscores() throws {
        let set = try rules(
            adapter(body: "{format: lines}", fields: "      symbol: Symbol_Name\n      side: side\n      qty: qty\n      price: Order_Price")
        )
        #expect(
            normalize("Symbol  Name: A\nside: buy\nqty: 1\nOrder Price: 10", with: set).signal
                == Signal(symbol: "A", side: .buy, quantity: 1, price: 10)
        )
    }

    @Test func keysAreCaseSensitiveUnlessAsked() throws {
        let set = try rules(adapter(body: "{format: lines}", fields: "      symbol: symbol\n      side: side\n      qty: qty\n      price: price"))
        #expect(normalize("SYMBOL=A\nside=buy\nqty=1\nprice=1", with: set).outcome.failure == .missingField(.symbol, lookedFor: ["key 'symbol'"]))
    }

    @Test func malformedTextIsACodedErrorNamingTheProblem() throws {
        let set = try rules(adapter(body: "{format: lines}", fields: "      symbol: s\n      side: d\n      qty: q\n      price: p"))
        let notKeyValue = normalize("s=A\nhello there\n", with: set).outcome.failure
        #expect(notKeyValue?.code == "invalid_body")
        #expect(notKeyValue?.message.english == #"Body cannot be read: line 2 is not KEY=VALUE or KEY: VALUE: "hello there""#)
        #expect(notKeyValue?.message.chinese.contains("第 2 行") == true)
        #expect(normalize("s=A\ns=B", with: set).outcome.failure?.message.english == "Body cannot be read: 's' is given twice")
        #expect(normalize(" \r\n ", with: set).outcome.failure?.message.english == "Body cannot be read: it is empty")
        #expect(normalize(body: [0x73, 0x3D, 0xFF, 0xFE], with: set).outcome.failure?.message.english == "Body cannot be read: it is not UTF-8 text")
    }

    @Test func regexReadsNamedGroupsAndSkipsOnesThatTookNoPart() throws {
        let set = try rules(
            adapter(
                body: #"{format: regex, pattern: '(?<side>buy|sell) (?<qty>\d+) (?<symbol>\w+)(?: for (?<account>\S+))?'}"#,
                fields:
                    "      symbol: symbol\n      side: side\n      qty: qty\n      price: {default: 1}\n      account: {from: account, required: false}"
            )
        )
        #expect(normalize("Alert: buy 3 TSLA now", with: set).signal == Signal(symbol: "TSLA", side: .buy, quantity: 3, price: 1))
        #expect(normalize("sell 3 TSLA for swing", with: set).signal?.account == "swing")
        let noMatch = normalize("hold 3 TSLA", with: set).outcome.failure
        #expect(noMatch == .invalidBody(reason: LocalizedMessage(english: "it does not match the adapter's pattern", chinese: "不匹配适配器的正则表达式")))
    }

    @Test func textIsReadWhateverItLooksLikeAndJSONAdaptersSayItIsNotJSON() throws {
        let set = try rules(
            """
            adapters:
              - name: j
                match: {present: symbol}
                fields: {symbol: symbol, side: side, qty: qty, price: price}
              - name: t
                body: {format: delimited, separator: whitespace}
                fields: {symbol: 3, side: 1, qty: 2, price: 4}
            """
        )
        let result = normalize("buy 2 AAPL 185.5", with: set)
        #expect(result.signal == Signal(symbol: "AAPL", side: .buy, quantity: 2, price: decimal("185.5")))
        #expect(result.decisions.map(\.reason) == ["the body is not JSON", "catch-all"])
    }

    @Test func withOnlyJSONAdaptersATextBodyIsInvalidJSON() throws {
        let set = try rules(oneAdapter(match: "{present: symbol}"))
        #expect(normalize("buy 1 A @ 1", with: set).outcome.failure?.code == "invalid_json")
        #expect(normalize("[1]", with: set).outcome.failure?.code == "invalid_payload")
        #expect(normalize(#"{"x": 1}"#, with: set).outcome.failure?.code == "no_matching_adapter")
    }
}
