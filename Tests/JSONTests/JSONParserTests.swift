import Testing

@testable import JSON

@Suite struct JSONParserTests {
    @Test func keepsNumbersAsExactText() throws {
        let value = try JSONParser.parse(#"{"price": 185.50, "qty": 1e2, "neg": -0.015}"#)
        #expect(value.value(atPath: "price") == .number("185.50"))
        #expect(value.value(atPath: "qty") == .number("1e2"))
        #expect(value.value(atPath: "neg") == .number("-0.015"))
    }

    @Test func keepsKeyOrderAndNestedPaths() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": {"c": [true, null, "x"]}}"#)
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value.value(atPath: "a.c") == .array([.bool(true), .null, .string("x")]))
        #expect(value.value(atPath: "a.missing") == nil)
        #expect(value.value(atPath: "b.c") == nil)
    }

    /// A `.` with a combining mark after it is one character, not a separator, when reading and when removing alike:
    /// so a token found at a path is always the one redacted.
    @Test func aDotWithACombiningMarkIsPartOfTheKey() throws {
        let value = try JSONParser.parse(#"{"a.\u0301b": 1, "a": {"\u0301b": 2}, "é": {"x": 3}}"#)
        #expect(value.value(atPath: "a.\u{301}b") == .number("1"))
        #expect(value.removing(path: "a.\u{301}b").objectValue?.keys == ["a", "é"])
        #expect(value.value(atPath: "é.x") == .number("3"))
        #expect(value.removing(path: "é.x").value(atPath: "é") == .object([:]))
    }

    /// A path split once into its keys reads what the path names, whatever its dots, marks and empty steps.
    @Test func aPathSplitIntoKeysReadsWhatThePathNames() throws {
        let value = try JSONParser.parse(
            #"{"a.\u0301b": 1, "a": {"\u0301b": 2, "": {"c": 4}}, "é": {"x": 3}, "": 5, "s": {"t": {"u": [6]}}}"#
        )
        let expected: [(String, JSON?)] = [
            ("a.\u{301}b", .number("1")), ("a.", .object(["c": .number("4")])), ("a..c", .number("4")), ("é.x", .number("3")),
            ("", .number("5")), (".", nil), ("s.t.u", .array([.number("6")])), ("s.t.u.v", nil),
            ("s.t", .object(["u": .array([.number("6")])])), ("missing", nil), ("a.\u{301}b.c", nil), ("é", .object(["x": .number("3")])),
        ]
        for (path, answer) in expected {
            #expect(value.value(atKeys: JSON.keys(ofPath: path)) == answer, "\(path)")
            #expect(value.value(atPath: path) == answer, "\(path)")
        }
        #expect(JSON.keys(ofPath: "a..c") == ["a", "", "c"] && JSON.keys(ofPath: "a.\u{301}b") == ["a.\u{301}b"])
    }

    @Test func decodesEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#"["策略A", "a\"b\\c\/\n", "\u00e9\ud83d\ude00"]"#)
        #expect(value == .array(["策略A", "a\"b\\c/\n", "é😀"]))
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "0x1F", "NaN", "Infinity", "'a'", "tru",
        "{\"a\":1} x", "\"\\ud800\"", "\"\\q\"", "\"a\u{01}\"", "{\"a\":1,\"a\":2}", "{1:2}",
    ])
    func rejectsInvalidDocuments(_ text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func namesTheDuplicateKey() {
        #expect(throws: JSONParser.Error(reason: "duplicate key \"qty\"", offset: 11)) { try JSONParser.parse(#"{"qty": 1, "qty": 2}"#) }
    }

    /// Small objects compare keys one by one, large ones hash them: a duplicate is found either way, wherever it is.
    @Test(arguments: [2, 15, 16, 17, 40])
    func findsADuplicateKeyInAnObjectOfAnySize(members: Int) throws {
        let keys = (0..<members).map { "k\($0)" }
        let distinct = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        #expect(try JSONParser.parse(distinct).objectValue?.keys == keys)
        for repeated in [keys.first!, keys[members / 2], keys.last!] {
            let text = String(distinct.dropLast()) + ",\"\(repeated)\":2}"
            #expect(throws: JSONParser.Error(reason: "duplicate key \"\(repeated)\"", offset: distinct.utf8.count)) {
                try JSONParser.parse(text)
            }
        }
    }

    /// The ASCII shortcut answers as the standard library's validation does, valid or not.
    @Test func validatesUTF8AsTheStandardLibraryDoes() {
        let samples: [[UInt8]] = [
            [], Array("plain ascii".utf8), Array("é中𝄞".utf8), [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x61, 0x80],
            [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80], Array("ok".utf8) + [0xF0, 0x9D, 0x84, 0x9E],
        ]
        for bytes in samples {
            #expect(String(validUTF8: bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
            #expect(String(validUTF8: bytes[...]) == String(validating: bytes, as: UTF8.self), "\(bytes)")
            #expect(String(validUTF8: NonContiguousBytes(bytes)) == String(validating: bytes, as: UTF8.self))
        }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(deep) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSONParser.parse(allowed)
    }

    @Test func serializesCompactlyAndRoundTrips() throws {
        let text = #"{"status":"ok","order":{"id":1,"price":185.59,"name":"策略A","q":"a\"\n\u0001"},"list":[true,false,null]}"#
        let value = try JSONParser.parse(text)
        #expect(value.serialized == text)
        #expect(try JSONParser.parse(value.prettyPrinted) == value)
    }

    /// Quotes, backslashes, control characters and the two line separators JavaScript cannot take raw are escaped;
    /// everything else, Chinese included, is kept as UTF-8, and runs around an escape are kept whole.
    @Test func escapesExactlyWhatJSONAndJavaScriptNeed() {
        let value = JSON.string("a\"b\\c\n\r\t\u{0}\u{1F}\u{2028}x\u{2029}策略…")
        #expect(value.serialized == #""a\"b\\c\n\r\t\u0000\u001f\u2028x\u2029策略…""#)
        #expect(JSON.string("end\u{2029}").serialized == #""end\u2029""#, "a separator as the last three bytes")
        #expect(String(decoding: value.serializedBytes, as: UTF8.self) == value.serialized)
        #expect(JSON.string("").serialized == #""""#)
    }

    /// Random texts of the characters escaping looks at, and their neighbours, serialize as a plain per-character
    /// escaper writes them, and read back the same; long ones grow the output well past its first allocation.
    @Test func escapesEveryMixOfCharactersAsAPlainEscaperDoes() throws {
        let scalars: [Unicode.Scalar] = [
            "a", "Z", " ", "~", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{2028}", "\u{2029}",
            "\u{2026}", "\u{20AC}", "\u{2027}", "\u{202A}", "\u{E000}", "策", "😀",
        ]
        func reference(_ text: String) -> String {
            var escaped = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": escaped += #"\""#
                case "\\": escaped += #"\\"#
                case "\n": escaped += #"\n"#
                case "\r": escaped += #"\r"#
                case "\t": escaped += #"\t"#
                case "\u{2028}": escaped += #"\u2028"#
                case "\u{2029}": escaped += #"\u2029"#
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    escaped += #"\u"# + String(repeating: "0", count: 4 - hex.count) + hex
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped + "\""
        }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3_000 {
            let count = round % 100 == 0 ? Int.random(in: 300...3_000, using: &generator) : Int.random(in: 0...24, using: &generator)
            var text = ""
            for _ in 0..<count { text.unicodeScalars.append(scalars.randomElement(using: &generator)!) }
            let serialized = JSON.string(text).serialized
            #expect(serialized == reference(text), "\(text.debugDescription)")
            #expect(try JSONParser.parse(#"{"k":"# + serialized + "}") == ["k": .string(text)])
        }
        // A document far larger than the first allocation, in one piece and in order.
        let big = JSON.array((0..<2_000).map { .object(["i": .number(String($0)), "s": .string("x\($0)\u{2028}")]) })
        #expect(try JSONParser.parse(big.serialized) == big)
        #expect(big.serializedBytes.count == big.serialized.utf8.count && big.serialized.hasSuffix(#"{"i":1999,"s":"x1999\u2028"}]"#))
        // One piece far larger than twice what was allocated, after a few bytes.
        let piece = String(repeating: "策", count: 2_000)
        #expect(JSON.array([1, .string(piece)]).serialized == "[1,\"" + piece + "\"]")
    }

    @Test func prettyPrintsTwoSpacesAPlaceAndEmptyContainersOnOneLine() {
        let value: JSON = ["a": [1, 2], "b": [:], "c": []]
        #expect(value.prettyPrinted == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test func objectSubscriptReplacesAppendsAndRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 3
        object["c"] = 4
        object["b"] = nil
        #expect(JSON.object(object).serialized == #"{"a":3,"c":4}"#)
    }
}

/// Bytes in a collection without contiguous storage, to reach the validation's general path.
private struct NonContiguousBytes: Collection {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var startIndex: Int { bytes.startIndex }
    var endIndex: Int { bytes.endIndex }
    subscript(position: Int) -> UInt8 { bytes[position] }
    func index(after index: Int) -> Int { index + 1 }
}
