import Core
import Foundation
import JSON

/// How an adapter reads a body into the `Document` its field paths address.
public enum BodyFormat: Sendable, Equatable {
    /// A JSON object (the default).
    case json
    /// Pieces split by a separator: positional pieces are `1`, `2`, … (and their column names), `key=value` pieces are keys.
    case delimited(DelimitedFormat)
    /// One `KEY=VALUE` or `KEY: VALUE` per line.
    case lines(LinesFormat)
    /// The named groups of a pattern matched against the whole body.
    case regex(Pattern)

    public var name: String {
        switch self {
        case .json: "json"
        case .delimited: "delimited"
        case .lines: "lines"
        case .regex: "regex"
        }
    }

    /// Every path this format can produce, when it is a closed set (a regex's group names); nil when open.
    public var knownPaths: [String]? {
        if case .regex(let pattern) = self { return pattern.groupNames }
        return nil
    }

    /// How a path is named in a `missing_field` message: `position 4`, `key 'price'`, `group 'qty'`.
    public func describe(path: String) -> String {
        switch self {
        case .json: path
        case .delimited(let format): Int(path) != nil ? "position \(path)" : format.columns.contains(path) ? "column '\(path)'" : "key '\(path)'"
        case .lines: "key '\(path)'"
        case .regex: "group '\(path)'"
        }
    }

    /// Reads the body, or says why it cannot.
    public func read(_ body: Body) -> Result<Document, PayloadError> {
        if case .json = self {
            switch body.json {
            case .success(let json):
                guard case .object = json else { return .failure(.notAnObject(type: json.typeName)) }
                return .success(.json(json))
            case .failure(let error): return .failure(.invalidJSON(reason: error.description))
            }
        }
        guard var text = body.text else {
            return .failure(.invalidBody(reason: LocalizedMessage(english: "it is not UTF-8 text", chinese: "不是 UTF-8 文本")))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .failure(.invalidBody(reason: LocalizedMessage(english: "it is empty", chinese: "为空")))
        }
        do throws(PayloadError) {
            switch self {
            case .json: preconditionFailure("read above")
            case .delimited(let format): return .success(.text(try format.read(text), ignoresCase: format.ignoresCase))
            case .lines(let format): return .success(.text(try format.read(text), ignoresCase: format.ignoresCase))
            case .regex(let pattern):
                guard let groups = pattern.namedGroups(in: text) else {
                    throw PayloadError.invalidBody(
                        reason: LocalizedMessage(english: "it does not match the adapter's pattern", chinese: "不匹配适配器的正则表达式")
                    )
                }
                let pieces = groups.filter { !$0.value.isEmpty }.map { JSONObject.Member(key: $0.name, value: .string($0.value)) }
                return .success(.text(JSONObject(pieces), ignoresCase: false))
            }
        } catch {
            return .failure(error)
        }
    }
}

/// Text split by a separator into positional pieces and `key=value` pieces.
public struct DelimitedFormat: Sendable, Equatable {
    /// What splits the pieces.
    public enum Separator: Sendable, Equatable {
        case character(Character)
        /// Any run of spaces and tabs.
        case whitespace
    }

    public var separator: Separator
    /// Names for the positional pieces, in order; each position stays addressable by its number too.
    public var columns: [String]
    /// Whether `KEY=value` keys are read in lowercase (paths are lowercased to match).
    public var ignoresCase: Bool

    public init(separator: Separator, columns: [String] = [], ignoresCase: Bool = false) {
        self.separator = separator
        self.columns = columns
        self.ignoresCase = ignoresCase
    }

    func read(_ text: String) throws(PayloadError) -> JSONObject {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let pieces: [Substring]
        switch separator {
        case .whitespace: pieces = trimmed.split(whereSeparator: \.isWhitespace)
        case .character(let character): pieces = trimmed.split(separator: character, omittingEmptySubsequences: false)
        }
        var document = TextDocument()
        var position = 0
        for rawPiece in pieces {
            let piece = rawPiece.trimmingCharacters(in: .whitespaces)
            if let (key, value) = Self.keyValue(piece) {
                try document.add(ignoresCase ? key.lowercased() : key, value)
            } else {
                position += 1
                try document.add(String(position), piece)
                if position <= columns.count { try document.add(columns[position - 1], piece) }
            }
        }
        return document.pieces
    }

    /// `key=value` when the text before the first `=` is a name (a letter or `_`, then letters, digits, `_`, `-`, `.`).
    private static func keyValue(_ piece: String) -> (String, String)? {
        guard let equals = piece.firstIndex(of: "="), let first = piece.first, first.isLetter || first == "_" else { return nil }
        let key = piece[..<equals].trimmingCharacters(in: .whitespaces)
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else { return nil }
        return (key, piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }
}

/// Text with one `KEY=VALUE` or `KEY: VALUE` per line, LF or CRLF; blank lines are skipped.
public struct LinesFormat: Sendable, Equatable {
    /// Whether keys are read in lowercase (paths are lowercased to match).
    public var ignoresCase: Bool

    public init(ignoresCase: Bool = false) {
        self.ignoresCase = ignoresCase
    }

    func read(_ text: String) throws(PayloadError) -> JSONObject {
        var document = TextDocument()
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }),
                case let key = line[..<separator].trimmingCharacters(in: .whitespaces), !key.isEmpty
            else {
                let shown = JSON.string(String(line.prefix(40))).serialized
                throw .invalidBody(
                    reason: LocalizedMessage(
                        english: "line \(index + 1) is not KEY=VALUE or KEY: VALUE: \(shown)",
                        chinese: "第 \(index + 1) 行不是 KEY=VALUE 或 KEY: VALUE: \(shown)"
                    )
                )
            }
            try document.add(ignoresCase ? key.lowercased() : key, line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces))
        }
        return document.pieces
    }
}

/// The named pieces of a text body, each name given once; an empty piece counts as missing.
///
/// Spaces inside a name become `_`, so `Order Price: 10` is addressed as `Order_Price`.
private struct TextDocument {
    var pieces = JSONObject()

    mutating func add(_ written: String, _ value: String) throws(PayloadError) {
        let name = written.split(whereSeparator: \.isWhitespace).joined(separator: "_")
        guard pieces[name] == nil else {
            throw .invalidBody(reason: LocalizedMessage(english: "'\(name)' is given twice", chinese: "'\(name)' 出现了两次"))
        }
        pieces[name] = value.isEmpty ? .null : .string(value)
    }
}
