import Foundation

/// A compiled regular expression (ICU syntax, as `NSRegularExpression` reads it) with the text it came from.
public struct Pattern: Sendable, Equatable {
    public let source: String
    /// The names of its `(?<name>...)` groups, in order.
    public let groupNames: [String]
    /// Immutable once compiled, and safe to match from any thread (Foundation marks it `Sendable`).
    private let expression: NSRegularExpression

    /// Compiles `source`; throws with the compiler's complaint when it is not a valid pattern.
    public init(_ source: String) throws {
        self.source = source
        self.expression = try NSRegularExpression(pattern: source)
        self.groupNames = Self.groupNames(in: source)
    }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The first capture group of the first match, the whole match when there is no group; nil without a match.
    public func firstCapture(in text: String) -> String? {
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
        guard let captured = Range(group, in: text) else { return "" }
        return String(text[captured])
    }

    /// The named groups of the first match, in pattern order, without the groups that took no part; nil without a match.
    public func namedGroups(in text: String) -> [(name: String, value: String)]? {
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return groupNames.compactMap { name in
            guard let range = Range(match.range(withName: name), in: text) else { return nil }
            return (name, String(text[range]))
        }
    }

    /// `text` with every match replaced by `template`, where `$1` names a group.
    public func replacingMatches(in text: String, with template: String) -> String {
        expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    /// The first group name with an underscore, which ICU refuses: `(?<bot_id>...)`.
    static func groupNameWithUnderscore(in source: String) -> String? {
        guard let match = try? NSRegularExpression(pattern: "\\(\\?<([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*)>") else { return nil }
        guard let found = match.firstMatch(in: source, range: NSRange(source.startIndex..., in: source)),
            let range = Range(found.range(at: 1), in: source)
        else { return nil }
        return String(source[range])
    }

    private static func groupNames(in source: String) -> [String] {
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.range(of: "(?<") {
            rest = rest[open.upperBound...]
            // `(?<=` and `(?<!` are lookbehinds, not names.
            guard let first = rest.first, first.isLetter, let close = rest.firstIndex(of: ">") else { continue }
            let name = rest[..<close]
            if name.allSatisfy({ $0.isLetter || $0.isNumber }) { names.append(String(name)) }
            rest = rest[close...]
        }
        return names
    }
}
