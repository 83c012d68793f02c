extension StringProtocol {
    /// The text without leading and trailing whitespace or newlines: the characters of Foundation's
    /// `CharacterSet.whitespacesAndNewlines`, trimmed without bridging to `NSString`.
    public func trimmingWhitespace() -> String {
        trimming(where: \.isWhitespaceOrNewline)
    }

    /// The text without leading and trailing spaces and tabs: Foundation's `CharacterSet.whitespaces`.
    public func trimmingSpaces() -> String {
        trimming(where: \.isSpaceOrTab)
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let text = Substring(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(text) }
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// A space separator (Unicode category Zs) or the tab.
    var isSpaceOrTab: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return properties.generalCategory == .spaceSeparator
    }

    /// A space, a tab, or a line or paragraph break.
    var isWhitespaceOrNewline: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return value == 0x85 || value == 0x2028 || value == 0x2029 || properties.generalCategory == .spaceSeparator
    }
}
