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

    /// The format's name as adapters.yaml writes it.
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
        switch self {
        case .json:
            switch body.json {
            case .success(let json):
                guard case .object = json else { return .failure(.notAnObject(type: json.typeName)) }
                return .success(.json(json))
            case .failure(let error): return .failure(.invalidJSON(reason: error.description))
            }
        case .delimited(let format): return readText(body, ignoresCase: format.ignoresCase, with: format.read)
        case .lines(let format): return readText(body, ignoresCase: format.ignoresCase, with: format.read)
        case .regex(let pattern):
            return readText(body, ignoresCase: false) { text throws(PayloadError) in
                guard let groups = pattern.namedGroups(in: text) else {
                    throw .invalidBody(reason: LocalizedMessage(english: "it does not match the adapter's pattern", chinese: "不匹配适配器的正则表达式"))
                }
                return JSONObject(groups.filter { !$0.value.isEmpty }.map { JSONObject.Member(key: $0.name, value: .string($0.value)) })
            }
        }
    }

    /// A text body read into named pieces by `read`, once it is known to be UTF-8 and not blank.
    private func readText(
        _ body: Body,
        ignoresCase: Bool,
        with read: (String) throws(PayloadError) -> JSONObject
    ) -> Result<Document, PayloadError> {
        guard let text = body.text else {
            return .failure(.invalidBody(reason: LocalizedMessage(english: "it is not UTF-8 text", chinese: "不是 UTF-8 文本")))
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            return .failure(.invalidBody(reason: LocalizedMessage(english: "it is empty", chinese: "为空")))
        }
        return Result { () throws(PayloadError) in .text(try read(text), ignoresCase: ignoresCase) }
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
        let pieces: [Substring]
        switch separator {
        case .whitespace: pieces = text.split(whereSeparator: \.isWhitespace)
        case .character(let character):
            // Only line ends are trimmed from the body: a leading empty tab piece is still position 1.
            pieces = text.trimmingCharacters(in: .newlines).split(separator: character, omittingEmptySubsequences: false)
        }
        var document = TextDocument()
        var position = 0
        for rawPiece in pieces {
            let piece = rawPiece.trimmingWhitespace()
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
        let key = piece[..<equals].trimmingWhitespace()
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else { return nil }
        return (key, piece[piece.index(after: equals)...].trimmingWhitespace())
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
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }),
                case let key = line[..<separator].trimmingWhitespace(), !key.isEmpty
            else {
                let shown = JSON.string(String(line.prefix(40))).serialized
                throw .invalidBody(
                    reason: LocalizedMessage(
                        english: "line \(index + 1) is not KEY=VALUE or KEY: VALUE: \(shown)",
                        chinese: "第 \(index + 1) 行不是 KEY=VALUE 或 KEY: VALUE: \(shown)"
                    )
                )
            }
            try document.add(ignoresCase ? key.lowercased() : key, line[line.index(after: separator)...].trimmingWhitespace())
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
