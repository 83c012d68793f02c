extension JSON {
    /// Compact JSON text, keys in their stored order, non-ASCII characters kept as UTF-8.
    public var serialized: String {
        String(decoding: serializedBytes, as: UTF8.self)
    }

    /// Compact JSON as UTF-8 bytes, ready to send.
    public var serializedBytes: [UInt8] {
        var output = ByteWriter(capacity: 256)
        write(to: &output, indent: nil, level: 0)
        return output.bytes()
    }

    /// Indented JSON text for people to read.
    public var prettyPrinted: String {
        var output = ByteWriter(capacity: 256)
        write(to: &output, indent: "  ", level: 0)
        return String(decoding: output.bytes(), as: UTF8.self)
    }

    private func write(to output: inout ByteWriter, indent: StaticString?, level: Int) {
        switch self {
        case .null: output.write(static: "null")
        case .bool(let value): output.write(static: value ? "true" : "false")
        case .number(let lexeme): output.write(lexeme)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            output.write(UInt8(ascii: "["))
            for index in elements.indices {
                Self.separate(index, to: &output, indent: indent, level: level)
                elements[index].write(to: &output, indent: indent, level: level + 1)
            }
            Self.close(UInt8(ascii: "]"), empty: elements.isEmpty, to: &output, indent: indent, level: level)
        case .object(let object):
            let members = object.members
            output.write(UInt8(ascii: "{"))
            for index in members.indices {
                Self.separate(index, to: &output, indent: indent, level: level)
                Self.writeString(members[index].key, to: &output)
                output.write(UInt8(ascii: ":"))
                if indent != nil { output.write(UInt8(ascii: " ")) }
                members[index].value.write(to: &output, indent: indent, level: level + 1)
            }
            Self.close(UInt8(ascii: "}"), empty: members.isEmpty, to: &output, indent: indent, level: level)
        }
    }

    /// The comma before every element but the first, and when indenting, the element's line.
    private static func separate(_ index: Int, to output: inout ByteWriter, indent: StaticString?, level: Int) {
        if index > 0 { output.write(UInt8(ascii: ",")) }
        guard let indent else { return }
        output.write(UInt8(ascii: "\n"))
        for _ in 0...level { output.write(static: indent) }
    }

    private static func close(_ bracket: UInt8, empty: Bool, to output: inout ByteWriter, indent: StaticString?, level: Int) {
        if let indent, !empty {
            output.write(UInt8(ascii: "\n"))
            for _ in 0..<level { output.write(static: indent) }
        }
        output.write(bracket)
    }

    private static func writeString(_ value: String, to output: inout ByteWriter) {
        output.write(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            // Runs without anything to escape are copied whole: no quote, backslash, control character, U+2028 or U+2029.
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Nearly every byte is printable ASCII or part of a character other than U+2028 and U+2029 (E2 ..):
                // the bytes let through here are exactly those the cases below look at.
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 else {
                    index += 1
                    continue
                }
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8; other characters starting with E2 are kept.
                if byte == 0xE2, !(index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)) {
                    index += 1
                    continue
                }
                output.write(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.write(static: #"\""#)
                case UInt8(ascii: "\\"): output.write(static: #"\\"#)
                case UInt8(ascii: "\n"): output.write(static: #"\n"#)
                case UInt8(ascii: "\r"): output.write(static: #"\r"#)
                case UInt8(ascii: "\t"): output.write(static: #"\t"#)
                case 0xE2: output.write(static: bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#)
                default:
                    // Other control characters: `\u00` and two lowercase hex digits.
                    output.write(static: #"\u00"#)
                    output.write(hexDigit(byte >> 4))
                    output.write(hexDigit(byte & 0xF))
                }
                index += byte == 0xE2 ? 3 : 1
                start = index
            }
            output.write(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        output.write(UInt8(ascii: "\""))
    }

    /// The lowercase hex digit of a value from 0 to 15.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
