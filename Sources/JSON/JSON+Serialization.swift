extension JSON {
    /// Compact JSON text, keys in their stored order, non-ASCII characters kept as UTF-8.
    public var serialized: String {
        String(decoding: serializedBytes, as: UTF8.self)
    }

    /// Compact JSON as UTF-8 bytes, ready to send.
    public var serializedBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, indent: nil, level: 0)
        return output
    }

    /// Indented JSON text for people to read.
    public var prettyPrinted: String {
        var output: [UInt8] = []
        write(to: &output, indent: Array("  ".utf8), level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private func write(to output: inout [UInt8], indent: [UInt8]?, level: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .number(let lexeme): output.append(contentsOf: lexeme.utf8)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for index in elements.indices {
                Self.separate(index, to: &output, indent: indent, level: level)
                elements[index].write(to: &output, indent: indent, level: level + 1)
            }
            Self.close(UInt8(ascii: "]"), empty: elements.isEmpty, to: &output, indent: indent, level: level)
        case .object(let object):
            let members = object.members
            output.append(UInt8(ascii: "{"))
            for index in members.indices {
                Self.separate(index, to: &output, indent: indent, level: level)
                Self.writeString(members[index].key, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                members[index].value.write(to: &output, indent: indent, level: level + 1)
            }
            Self.close(UInt8(ascii: "}"), empty: members.isEmpty, to: &output, indent: indent, level: level)
        }
    }

    /// The comma before every element but the first, and when indenting, the element's line.
    private static func separate(_ index: Int, to output: inout [UInt8], indent: [UInt8]?, level: Int) {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0...level { output.append(contentsOf: indent) }
    }

    private static func close(_ bracket: UInt8, empty: Bool, to output: inout [UInt8], indent: [UInt8]?, level: Int) {
        if let indent, !empty {
            output.append(UInt8(ascii: "\n"))
            for _ in 0..<level { output.append(contentsOf: indent) }
        }
        output.append(bracket)
    }

    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
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
                let escape: [UInt8]
                switch byte {
                case UInt8(ascii: "\""): escape = Array("\\\"".utf8)
                case UInt8(ascii: "\\"): escape = Array("\\\\".utf8)
                case UInt8(ascii: "\n"): escape = Array("\\n".utf8)
                case UInt8(ascii: "\r"): escape = Array("\\r".utf8)
                case UInt8(ascii: "\t"): escape = Array("\\t".utf8)
                case 0..<0x20: escape = unicodeEscape(UInt32(byte))
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                default:
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                output.append(contentsOf: escape)
                index += byte == 0xE2 ? 3 : 1
                start = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// A `\u` escape: four lowercase hex digits.
    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let hex = String(value, radix: 16)
        return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
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
