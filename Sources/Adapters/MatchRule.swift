import JSON

/// When an adapter applies to a payload: every listed path present, every listed value equal.
///
/// An adapter without a match rule is a catch-all.
public struct MatchRule: Sendable, Equatable {
    /// Paths that must be present and non-null.
    public var present: [String] = []
    /// Paths whose values must equal these texts (compared like `ValueMap` keys).
    public var equals: [(path: String, text: String)] = []

    public init(present: [String] = [], equals: [(path: String, text: String)] = []) {
        self.present = present
        self.equals = equals
    }

    public static func == (lhs: MatchRule, rhs: MatchRule) -> Bool {
        lhs.present == rhs.present && lhs.equals.elementsEqual(rhs.equals) { $0.path == $1.path && $0.text == $1.text }
    }

    /// Nil when `payload` matches, else the first reason it does not.
    public func mismatch(in payload: JSON) -> String? {
        for path in present where payload.value(atPath: path).isPresent == false {
            return "\(path) is missing"
        }
        for (path, text) in equals {
            guard let value = payload.value(atPath: path), let valueText = value.scalarText else { return "\(path) is missing" }
            if ValueMap.key(for: valueText) != ValueMap.key(for: text) { return "\(path) is \(value.serialized), not \(text)" }
        }
        return nil
    }
}

extension Optional where Wrapped == JSON {
    /// True for a value that is there and not null: absent and null both count as missing.
    var isPresent: Bool {
        switch self {
        case nil, .null?: false
        default: true
        }
    }
}

extension JSON {
    /// The text of a string, number or boolean; nil for null, arrays and objects.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}
