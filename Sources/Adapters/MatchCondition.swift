import JSON

/// When an adapter applies to a body: a tree of conditions on its paths and its raw text.
///
/// An adapter without one is a catch-all.
public indirect enum MatchCondition: Sendable, Equatable {
    /// The path is present and not null.
    case present(Document.Path)
    /// The path's value is one of these texts (compared like `ValueMap` keys: case-insensitive, numbers by value).
    case equals(Document.Path, [String])
    /// The path's value, as text, matches the pattern somewhere.
    case regex(Document.Path, Pattern)
    /// The body is JSON (true) or text (false).
    case bodyIsJSON(Bool)
    /// The raw body matches the pattern somewhere.
    case bodyRegex(Pattern)
    /// Holds when the condition does not.
    case not(MatchCondition)
    /// Holds when every condition holds.
    case all([MatchCondition])
    /// Holds when at least one condition holds.
    case any([MatchCondition])

    /// Nil when the condition holds, else why it does not.
    ///
    /// `document` is the body as the adapter reads it; nil when it cannot be read, and then a condition
    /// that looks at a path must not be asked (see `readsPaths`): not even its negation would mean anything.
    public func mismatch(body: Body, document: Document?) -> Mismatch? {
        switch self {
        case .present(let path), .equals(let path, _), .regex(let path, _):
            let value = document?.value(at: path)
            guard value.isPresent, let value else { return .missing(path.text) }
            switch self {
            case .equals(_, let texts):
                guard let text = value.scalarText, texts.contains(where: { ValueMap.key(for: $0) == ValueMap.key(for: text) }) else {
                    return .notEqual(path.text, value, texts)
                }
            case .regex(_, let pattern):
                guard let text = value.scalarText, pattern.matches(text) else { return .notMatching(path.text, value, pattern) }
            default: break
            }
            return nil
        case .bodyIsJSON(let json):
            return body.isJSON == json ? nil : .bodyIsJSON(!json)
        case .bodyRegex(let pattern):
            guard let text = body.text, pattern.matches(text) else { return .bodyNotMatching(pattern) }
            return nil
        case .not(let condition):
            return condition.mismatch(body: body, document: document) == nil ? .negatedHolds(condition) : nil
        case .all(let conditions):
            for condition in conditions {
                if let reason = condition.mismatch(body: body, document: document) { return reason }
            }
            return nil
        case .any(let conditions):
            var reasons: [Mismatch] = []
            for condition in conditions {
                guard let reason = condition.mismatch(body: body, document: document) else { return nil }
                reasons.append(reason)
            }
            return .noneHolds(reasons)
        }
    }

    /// Whether the condition holds: `mismatch(body:document:) == nil`, without building the reasons why `present`,
    /// `not`, `all` and `any` do not.
    public func holds(body: Body, document: Document?) -> Bool {
        switch self {
        case .present(let path): document?.value(at: path).isPresent ?? false
        case .not(let condition): !condition.holds(body: body, document: document)
        case .all(let conditions): conditions.allSatisfy { $0.holds(body: body, document: document) }
        case .any(let conditions): conditions.contains { $0.holds(body: body, document: document) }
        case .equals, .regex, .bodyIsJSON, .bodyRegex: mismatch(body: body, document: document) == nil
        }
    }

    /// Why a condition does not hold: kept as found, and worded only when a trace shows it.
    public enum Mismatch: Sendable, Equatable, CustomStringConvertible {
        case missing(String)
        case notEqual(String, JSON, [String])
        case notMatching(String, JSON, Pattern)
        /// The body is JSON (true) or is not (false), which the condition did not want.
        case bodyIsJSON(Bool)
        case bodyNotMatching(Pattern)
        case negatedHolds(MatchCondition)
        case noneHolds([Mismatch])

        public var description: String {
            switch self {
            case .missing(let path): "\(path) is missing"
            case .notEqual(let path, let value, let texts):
                "\(path) is \(value.serialized), not \(texts.count == 1 ? texts[0] : "one of " + texts.joined(separator: ", "))"
            case .notMatching(let path, let value, let pattern): "\(path) is \(value.serialized), which does not match /\(pattern.source)/"
            case .bodyIsJSON(let json): json ? "the body is JSON" : "the body is not JSON"
            case .bodyNotMatching(let pattern): "the body does not match /\(pattern.source)/"
            case .negatedHolds(let condition): "not (\(condition.summary)) does not hold"
            case .noneHolds(let reasons): "none holds: " + reasons.map(\.description).joined(separator: "; ")
            }
        }

        /// The failing condition's key in `Adapter.matchLocations`: `path:NAME`, `body` or `body_regex`; the first
        /// alternative's when none holds.
        public var conditionKey: String? {
            switch self {
            case .missing(let path), .notEqual(let path, _, _), .notMatching(let path, _, _): "path:\(path)"
            case .bodyIsJSON: "body"
            case .bodyNotMatching: "body_regex"
            case .negatedHolds(let condition): condition.firstConditionKey
            case .noneHolds(let reasons): reasons.first?.conditionKey
            }
        }
    }

    /// The key in `Adapter.matchLocations` of the first condition this one holds.
    var firstConditionKey: String? {
        switch self {
        case .present(let path), .equals(let path, _), .regex(let path, _): "path:\(path.text)"
        case .bodyIsJSON: "body"
        case .bodyRegex: "body_regex"
        case .not(let condition): condition.firstConditionKey
        case .all(let conditions), .any(let conditions): conditions.first?.firstConditionKey
        }
    }

    /// The condition as a short text for traces: `present ticker`, `action is buy`.
    public var summary: String {
        switch self {
        case .present(let path): "\(path) present"
        case .equals(let path, let texts): "\(path) is " + (texts.count == 1 ? texts[0] : "one of " + texts.joined(separator: ", "))
        case .regex(let path, let pattern): "\(path) matches /\(pattern.source)/"
        case .bodyIsJSON(let json): json ? "body is JSON" : "body is text"
        case .bodyRegex(let pattern): "body matches /\(pattern.source)/"
        case .not(let condition): "not (\(condition.summary))"
        case .all(let conditions): conditions.map(\.summary).joined(separator: " and ")
        case .any(let conditions): "any of (" + conditions.map(\.summary).joined(separator: "; ") + ")"
        }
    }

    /// Whether the condition looks at any path, so the body must be read first.
    public var readsPaths: Bool {
        switch self {
        case .present, .equals, .regex: true
        case .bodyIsJSON, .bodyRegex: false
        case .not(let condition): condition.readsPaths
        case .all(let conditions), .any(let conditions): conditions.contains { $0.readsPaths }
        }
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
