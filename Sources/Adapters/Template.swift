/// Text built from literals and the values at paths: `"{bot_uuid}-{timestamp}"`.
public struct Template: Sendable, Equatable {
    /// A literal run of text, or a path whose value is put in its place (made ready once to read many documents).
    public enum Part: Sendable, Equatable {
        case literal(String)
        case path(Document.Path)
    }

    public let source: String
    public let parts: [Part]

    /// Every path the template reads, in order.
    public var paths: [String] {
        parts.compactMap { if case .path(let path) = $0 { path.text } else { nil } }
    }

    /// Why a template's text cannot be read.
    public struct SyntaxError: Error, Equatable {
        public var message: String
    }

    /// Parses `{path}` references; `{{` and `}}` stand for literal braces.
    public init(_ source: String) throws(SyntaxError) {
        var parts: [Part] = []
        var literal = ""
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            let next = source.index(after: index)
            if character == "{" || character == "}", next < source.endIndex, source[next] == character {
                literal.append(character)
                index = source.index(after: next)
            } else if character == "{" {
                guard let close = source[next...].firstIndex(of: "}") else { throw SyntaxError(message: "'{' is never closed") }
                let path = String(source[next..<close])
                guard !path.isEmpty else { throw SyntaxError(message: "'{}' names no path") }
                guard !path.contains("{") else { throw SyntaxError(message: "'{' inside a reference; write '{{' for a literal brace") }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.path(Document.Path(path)))
                index = source.index(after: close)
            } else if character == "}" {
                throw SyntaxError(message: "'}' without '{'; write '}}' for a literal brace")
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard parts.contains(where: { if case .path = $0 { true } else { false } }) else {
            throw SyntaxError(message: "it refers to no path; use 'const' for a fixed value")
        }
        self.source = source
        self.parts = parts
    }

    /// A path the template reads that has no value.
    public struct MissingReference: Error, Equatable {
        public var path: String
    }

    /// The text with each path replaced by `value(path)`.
    /// - throws: `MissingReference` naming the first path whose value is nil.
    public func render(_ value: (Document.Path) -> String?) throws(MissingReference) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .path(let path):
                guard let found = value(path) else { throw MissingReference(path: path.text) }
                text += found
            }
        }
        return text
    }
}
