/// A `.env` file read as python-dotenv reads it (its parser's grammar, line by line), so that a file shared with
/// Python tools, docker compose or systemd means the same here:
///
/// - `KEY=value`, with an optional `export `; a key may be single-quoted;
/// - unquoted values end at the line, lose a ` # comment` (a `#` after whitespace) and trailing whitespace;
/// - single-quoted values keep everything but `\\` and `\'`; double-quoted values decode `\\ \' \" \a \b \f \n \r
///   \t \v`; either may span lines;
/// - `#` lines, blank lines and lines it cannot read are skipped; `KEY` without `=` sets nothing;
/// - CRLF, LF and CR end lines; a leading byte-order mark is dropped;
/// - `${NAME}` and `${NAME:-default}` expand to an earlier value of the file, else the environment, else the default.
public enum DotEnv {
    /// The variables `text` sets, expanded against `environment`.
    public static func parse(_ text: String, environment: [String: String] = [:]) -> [String: String] {
        var reader = Reader(Array(text.unicodeScalars))
        if reader.peek == "\u{FEFF}" { reader.index += 1 }
        var values: [String: String] = [:]
        while let binding = reader.nextBinding() {
            guard let key = binding.key, let raw = binding.value else { continue }
            values[key] = expand(raw) { name in values[name] ?? environment[name] }
        }
        return values
    }

    /// `${NAME}` and `${NAME:-default}` replaced by what `lookup` gives, else the default, else nothing.
    static func expand(_ value: String, lookup: (String) -> String?) -> String {
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            let body = rest[start.upperBound...]
            guard let close = body.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let inside = body[..<close]
            let name: Substring
            var fallback: Substring = ""
            if let colon = inside.firstIndex(of: ":") {
                // Only `:-` makes a default; any other colon makes it no variable at all.
                guard inside[colon...].hasPrefix(":-") else {
                    result += rest[start.lowerBound...close]
                    rest = body[body.index(after: close)...]
                    continue
                }
                name = inside[..<colon]
                fallback = inside[inside.index(colon, offsetBy: 2)...]
            } else {
                name = inside
            }
            result += lookup(String(name)) ?? String(fallback)
            rest = body[body.index(after: close)...]
        }
        return result + rest
    }

    /// One statement of the file: a key and its value (nil without `=`), or neither for a comment, a blank or an
    /// unreadable line.
    private struct Binding {
        var key: String?
        var value: String?
    }

    /// Reads statements as python-dotenv's parser does, by the same small grammar.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        private static func isNewline(_ scalar: Unicode.Scalar) -> Bool { scalar == "\n" || scalar == "\r" }
        private static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace && !isNewline(scalar) }

        private mutating func skip(while condition: (Unicode.Scalar) -> Bool) {
            while let scalar = peek, condition(scalar) { index += 1 }
        }

        private mutating func take(while condition: (Unicode.Scalar) -> Bool) -> String {
            let start = index
            skip(while: condition)
            return String(String.UnicodeScalarView(scalars[start..<index]))
        }

        /// The next statement, nil at the end of the text.
        mutating func nextBinding() -> Binding? {
            skip(while: \.properties.isWhitespace)
            guard peek != nil else { return nil }
            if let binding = readBinding() { return binding }
            // Unreadable: skipped from where it could not be read to the end of that line.
            skip { !Self.isNewline($0) }
            if peek == "\r" { index += 1 }
            if peek == "\n" { index += 1 }
            return Binding()
        }

        private mutating func readBinding() -> Binding? {
            if matches("export"), index + 6 < scalars.count, Self.isBlank(scalars[index + 6]) {
                index += 6
                skip(while: Self.isBlank)
            }
            var binding = Binding()
            if peek != "#" {
                guard let key = readKey() else { return nil }
                binding.key = key
            }
            skip(while: Self.isBlank)
            if peek == "=" {
                index += 1
                skip(while: Self.isBlank)
                guard let value = readValue() else { return nil }
                binding.value = value
            }
            // A comment may follow, then the line must end.
            skip(while: Self.isBlank)
            if peek == "#" { skip { !Self.isNewline($0) } }
            skip(while: Self.isBlank)
            switch peek {
            case nil: break
            case "\r":
                index += 1
                if peek == "\n" { index += 1 }
            case "\n": index += 1
            default: return nil
            }
            return binding
        }

        private func matches(_ word: String) -> Bool {
            let word = Array(word.unicodeScalars)
            return index + word.count <= scalars.count && Array(scalars[index..<(index + word.count)]) == word
        }

        private mutating func readKey() -> String? {
            if peek == "'" {
                let start = index
                index += 1
                let key = take { $0 != "'" }
                guard peek == "'", !key.isEmpty else {
                    index = start
                    return nil
                }
                index += 1
                return key
            }
            let key = take { $0 != "=" && $0 != "#" && !$0.properties.isWhitespace }
            return key.isEmpty ? nil : key
        }

        private mutating func readValue() -> String? {
            switch peek {
            case "'"?: return readQuoted("'", escapes: ["\\": "\\", "'": "'"])
            case "\""?:
                return readQuoted(
                    "\"",
                    escapes: [
                        "\\": "\\", "'": "'", "\"": "\"", "a": "\u{7}", "b": "\u{8}", "f": "\u{C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{B}",
                    ]
                )
            case nil, "\n"?, "\r"?: return ""
            default:
                // To the end of the line, less a comment after whitespace and the whitespace at its end.
                var line = Array(take { !Self.isNewline($0) }.unicodeScalars)
                if let hash = line.indices.first(where: { $0 > 0 && line[$0] == "#" && line[$0 - 1].properties.isWhitespace }) {
                    line.removeSubrange(hash...)
                }
                while let last = line.last, last.properties.isWhitespace { line.removeLast() }
                return String(String.UnicodeScalarView(line))
            }
        }

        /// A value between `quote`s, with `escapes` decoded, as python-dotenv's pattern `"((?:\\.|[^"\\])*)"` reads
        /// it: a backslash takes the character after it, whatever it is, and the value ends at the first quote not
        /// taken so; without one there is no value.
        private mutating func readQuoted(_ quote: Unicode.Scalar, escapes: [Unicode.Scalar: Unicode.Scalar]) -> String? {
            let start = index + 1
            var cursor = start
            var end: Int?
            while cursor < scalars.count {
                if scalars[cursor] == "\\" {
                    cursor += 2
                } else if scalars[cursor] == quote {
                    end = cursor
                    break
                } else {
                    cursor += 1
                }
            }
            guard let end else { return nil }
            var value = String.UnicodeScalarView()
            var position = start
            while position < end {
                if scalars[position] == "\\", position + 1 < end, let decoded = escapes[scalars[position + 1]] {
                    value.append(decoded)
                    position += 2
                } else {
                    value.append(scalars[position])
                    position += 1
                }
            }
            index = end + 1
            return String(value)
        }
    }
}
