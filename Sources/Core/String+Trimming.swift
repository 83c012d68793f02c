extension StringProtocol {
    /// The text without leading and trailing whitespace or newlines: exactly what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` trims, without bridging to `NSString`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming(where: \.isWhitespaceOrNewline)
    }

    /// The text without leading and trailing whitespace: exactly what `trimmingCharacters(in: .whitespaces)` trims.
    public func trimmingWhitespace() -> String {
        trimming(where: \.isWhitespace)
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let text = Substring(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }), let last = scalars.lastIndex(where: { !isTrimmed($0) }) else {
            return ""
        }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(text) }
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Foundation's `CharacterSet.whitespaces`: the tab and the space characters, U+200B included (it is not Unicode's
    /// category Zs, but Foundation counts it).
    var isWhitespace: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`: whitespace, line feed to carriage return, U+0085, and the
    /// line and paragraph separators.
    var isWhitespaceOrNewline: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: isWhitespace
        }
    }
}
