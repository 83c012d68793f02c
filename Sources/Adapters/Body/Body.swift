import JSON
import Synchronization

/// A webhook body as it arrived, read as JSON once for every adapter that looks at it, and as text once if one does.
///
/// A class, immutable but for the text it decodes once: the normalizer hands it to every adapter's match rule, and a
/// reference costs one retain where a struct of three buffers costs three.
public final class Body: Sendable {
    /// The bytes as they arrived.
    public let bytes: [UInt8]
    /// The body parsed as JSON, or why it is not JSON.
    public let json: Result<JSON, JSONParser.Error>
    /// `text`, once asked for: a JSON body read by JSON adapters never is.
    private let decodedText = Mutex<String??>(nil)

    public init(_ bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        self.bytes = bytes
        self.json = Result { () throws(JSONParser.Error) in try JSONParser.parse(bytes) }
    }

    /// The body as UTF-8 text without a leading byte-order mark; nil when it is not valid UTF-8.
    public var text: String? {
        decodedText.withLock { decoded in
            if let decoded { return decoded }
            let text = String(validUTF8: bytes.starts(with: Self.byteOrderMark) ? bytes[3...] : bytes[...])
            decoded = .some(text)
            return text
        }
    }

    /// UTF-8's byte-order mark (U+FEFF), which Notepad and PowerShell put before text.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether the body is a JSON document (of any type); otherwise it is text.
    public var isJSON: Bool {
        if case .success = json { true } else { false }
    }
}
