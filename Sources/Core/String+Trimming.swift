extension StringProtocol {
    /// The text without leading and trailing whitespace or newlines: exactly what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` trims, without bridging to `NSString`.
    @inlinable
    public func trimmingWhitespaceAndNewlines() -> String {
        hasVisibleASCIIEnds ? String(self) : trimming(where: \.isWhitespaceOrNewline)
    }

    /// The text without leading and trailing whitespace: exactly what `trimmingCharacters(in: .whitespaces)` trims.
    @inlinable
    public func trimmingWhitespace() -> String {
        hasVisibleASCIIEnds ? String(self) : trimming(where: \.isWhitespace)
    }

    /// Whether the text starts and ends with a visible ASCII character (`!` to `~`), as most do: then there is nothing
    /// to trim, whitespace or newline.
    @inlinable
    var hasVisibleASCIIEnds: Bool {
        let utf8 = Substring(self).utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }

    @usableFromInline
    func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
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
    @usableFromInline
    var isWhitespace: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`: whitespace, line feed to carriage return, U+0085, and the
    /// line and paragraph separators.
    @usableFromInline
    var isWhitespaceOrNewline: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: isWhitespace
        }
    }
}
