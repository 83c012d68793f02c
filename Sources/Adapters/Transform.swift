import Foundation

/// One step of a field's transform chain, applied to the value's text.
public enum Transform: Sendable, Equatable {
    case trim
    case upper
    case lower
    /// Drops an exchange prefix: `NASDAQ:AAPL` becomes `AAPL`.
    case stripExchange
    /// Keeps the first capture group of the first match (the whole match when the pattern has no group).
    case regex(Pattern)

    /// The names of the transforms written as a plain word in adapters.yaml.
    public static let simpleNames: [String: Transform] = [
        "trim": .trim, "upper": .upper, "lower": .lower, "strip_exchange": .stripExchange,
    ]

    public var name: String {
        switch self {
        case .trim: "trim"
        case .upper: "upper"
        case .lower: "lower"
        case .stripExchange: "strip_exchange"
        case .regex(let pattern): "regex \(pattern.source)"
        }
    }

    /// The transformed text, or nil when a regex does not match.
    public func apply(to text: String) -> String? {
        switch self {
        case .trim: return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .upper: return text.uppercased()
        case .lower: return text.lowercased()
        case .stripExchange:
            guard let colon = text.lastIndex(of: ":") else { return text }
            return String(text[text.index(after: colon)...])
        case .regex(let pattern): return pattern.firstCapture(in: text)
        }
    }
}

/// A compiled regular expression with the text it came from.
public struct Pattern: Sendable, Equatable {
    public let source: String
    // NSRegularExpression is immutable after creation and documented thread-safe for matching.
    private nonisolated(unsafe) let expression: NSRegularExpression

    /// Compiles `source`; throws with the compiler's complaint when it is not a valid pattern.
    public init(_ source: String) throws {
        self.source = source
        self.expression = try NSRegularExpression(pattern: source)
    }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }

    /// The first capture group of the first match, the whole match when there is no group; nil without a match.
    public func firstCapture(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, range: range) else { return nil }
        let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
        guard let captured = Range(group, in: text) else { return "" }
        return String(text[captured])
    }
}
