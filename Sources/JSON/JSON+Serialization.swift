extension JSON {
    /// Compact JSON text, keys in their stored order, non-ASCII characters kept as UTF-8.
    public var serialized: String {
        var output = ""
        write(to: &output, indent: nil, level: 0)
        return output
    }

    /// Indented JSON text for people to read.
    public var prettyPrinted: String {
        var output = ""
        write(to: &output, indent: "  ", level: 0)
        return output
    }

    private func write(to output: inout String, indent: String?, level: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let lexeme): output += lexeme
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count, to: &output, indent: indent, level: level) { index, output in
                elements[index].write(to: &output, indent: indent, level: level + 1)
            }
        case .object(let object):
            let members = object.members
            writeContainer(open: "{", close: "}", count: members.count, to: &output, indent: indent, level: level) { index, output in
                Self.writeString(members[index].key, to: &output)
                output += indent == nil ? ":" : ": "
                members[index].value.write(to: &output, indent: indent, level: level + 1)
            }
        }
    }

    private func writeContainer(
        open: String,
        close: String,
        count: Int,
        to output: inout String,
        indent: String?,
        level: Int,
        element: (Int, inout String) -> Void
    ) {
        output += open
        for index in 0..<count {
            if index > 0 { output += "," }
            if let indent { output += "\n" + String(repeating: indent, count: level + 1) }
            element(index, &output)
        }
        if let indent, count > 0 { output += "\n" + String(repeating: indent, count: level) }
        output += close
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Fast path: nothing to escape (no quote, backslash, control character, U+2028 or U+2029).
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0xE2 }) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{0}"..."\u{1F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
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
