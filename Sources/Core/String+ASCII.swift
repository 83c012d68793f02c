extension StringProtocol {
    /// Whether the text is all ASCII, read byte by byte: there every byte is a character of its own, its category is
    /// known, and canonical equivalence is byte equality. Inlinable, so that each caller's module specializes it for
    /// its string type instead of walking the bytes through generic witnesses.
    @inlinable public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
