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
}
