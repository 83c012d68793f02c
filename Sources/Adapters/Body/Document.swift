import JSON

/// What an adapter's field paths address: a JSON value, or the named pieces of a text body.
public enum Document: Sendable, Equatable {
    /// A JSON body; paths are dotted (`signal.instrument`).
    case json(JSON)
    /// A text body read into named pieces (`1`, `2`, a column name, a key, a regex group); paths are whole names,
    /// looked up in lowercase when the format ignores the case of keys.
    case text(JSONObject, ignoresCase: Bool)

    /// The value at `path`; nil when absent.
    public func value(at path: String) -> JSON? {
        switch self {
        case .json(let json): json.value(atPath: path)
        case .text(let pieces, let ignoresCase): pieces[ignoresCase ? path.lowercased() : path]
        }
    }

    /// The value at a path made ready beforehand.
    func value(at path: Path) -> JSON? {
        switch self {
        case .json(let json): json.value(atKeys: path.keys)
        case .text(let pieces, let ignoresCase): pieces[ignoresCase ? path.lowercased : path.text]
        }
    }

    /// A path made ready once to read many documents: split into its JSON keys, and lowercased for text bodies that
    /// ignore the case of keys. Written and compared as its text.
    public struct Path: Sendable, Equatable, CustomStringConvertible {
        public let text: String
        let keys: [String]
        let lowercased: String

        public init(_ text: String) {
            self.text = text
            self.keys = JSON.keys(ofPath: text)
            self.lowercased = text.lowercased()
        }

        public var description: String { text }

        public static func == (lhs: Path, rhs: Path) -> Bool { lhs.text == rhs.text }
    }
}
