import Decimals
import Foundation

/// A JSON value that keeps numbers as their exact decimal text and objects in their original key order.
///
/// Numbers are never converted to binary floating point: `185.50` stays the text `185.50` until
/// a consumer parses it as a `Decimal`.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as its JSON lexeme, e.g. `"185.50"` or `"-1e3"`.
    case number(String)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// The object's members, or nil when this value is not an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The value at a dotted path such as `signal.instrument`; nil when any step is missing. A path read again and
    /// again is split once instead (`keys(ofPath:)`, `value(atKeys:)`), as the normalizer's are.
    public func value(atPath path: String) -> JSON? {
        value(atKeys: Self.keys(ofPath: path))
    }

    /// The keys of a dotted path, in order: `signal.instrument` is `signal`, then `instrument`. A `.` separates only
    /// as a character of its own, not with a combining mark after it; empty keys are kept.
    public static func keys(ofPath path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The value at a path split once into its keys (`keys(ofPath:)`), for a path read again and again; nil when any
    /// step is missing.
    public func value(atKeys keys: [String]) -> JSON? {
        guard let first = keys.first else { return self }
        guard case .object(let object) = self, var current = object.value(forKey: first) else { return nil }
        for key in keys.dropFirst() {
            guard case .object(let object) = current, let next = object.value(forKey: key) else { return nil }
            current = next
        }
        return current
    }

    /// The value without the member at a dotted path; unchanged when there is none.
    public func removing(path: some StringProtocol) -> JSON {
        guard case .object(var object) = self else { return self }
        guard let dot = path.firstIndex(of: ".") else {
            let key = String(path)
            // Nothing to remove, nothing to copy.
            guard object[key] != nil else { return self }
            object[key] = nil
            return .object(object)
        }
        let key = String(path[..<dot])
        guard let child = object[key] else { return self }
        object[key] = child.removing(path: path[path.index(after: dot)...])
        return .object(object)
    }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// The members of a JSON object in their original order.
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSON
        public init(key: String, value: JSON) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public var keys: [String] { members.map(\.key) }

    /// The value for `key`, nil when there is none; the first, should a key appear twice.
    public func value(forKey key: String) -> JSON? {
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The value for `key`; setting replaces it in place or appends it, setting nil removes it.
    public subscript(key: String) -> JSON? {
        get { value(forKey: key) }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append(Member(key: key, value: value))
            case (nil, nil): break
            }
        }
    }
}

extension JSON {
    /// A decimal as a JSON number in plain notation, e.g. `18559` or `185.59`.
    public init(_ decimal: Decimal) {
        self = .number(decimal.plainText)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
