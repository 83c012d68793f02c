extension StringProtocol {
    /// Whether the text is all ASCII, read byte by byte: there every byte is a character of its own, its category is
    /// known, and canonical equivalence is byte equality.
    public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
