import JSON

/// A webhook body as it arrived, read as JSON once for every adapter that looks at it.
///
/// A class, immutable: the normalizer hands it to every adapter's match rule, and a reference costs one retain where
/// a struct of three buffers costs three.
public final class Body: Sendable {
    /// The bytes as they arrived.
    public let bytes: [UInt8]
    /// The body parsed as JSON, or why it is not JSON.
    public let json: Result<JSON, JSONParser.Error>
    /// The body as UTF-8 text without a leading byte-order mark; nil when it is not valid UTF-8.
    public let text: String?

    public init(_ bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        self.bytes = bytes
        self.json = Result { () throws(JSONParser.Error) in try JSONParser.parse(bytes) }
        self.text = String(validUTF8: bytes.starts(with: Self.byteOrderMark) ? bytes[3...] : bytes[...])
    }

    /// UTF-8's byte-order mark (U+FEFF), which Notepad and PowerShell put before text.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether the body is a JSON document (of any type); otherwise it is text.
    public var isJSON: Bool {
        if case .success = json { true } else { false }
    }
}
