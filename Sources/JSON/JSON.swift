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

    /// The value at a dotted path such as `signal.instrument`; nil when any step is missing.
    public func value(atPath path: String) -> JSON? {
        // An ASCII path, the usual kind, is split byte by byte: there a `.` is always a character of its own.
        if let asciiAnswer = path.utf8.withContiguousStorageIfAvailable({ value(atASCIIPath: $0) }), let answer = asciiAnswer { return answer }
        var current = self
        var rest = Substring(path)
        while true {
            guard case .object(let object) = current else { return nil }
            guard let dot = rest.firstIndex(of: ".") else { return object[String(rest)] }
            guard let next = object[String(rest[..<dot])] else { return nil }
            current = next
            rest = rest[rest.index(after: dot)...]
        }
    }

    /// The value at an ASCII path: `.some(nil)` when there is none, nil when the path is not ASCII.
    private func value(atASCIIPath path: UnsafeBufferPointer<UInt8>) -> JSON?? {
        guard path.allSatisfy({ $0 < 0x80 }) else { return nil }
        var current = self
        var start = 0
        while true {
            guard case .object(let object) = current else { return .some(nil) }
            let end = path[start...].firstIndex(of: UInt8(ascii: ".")) ?? path.endIndex
            // Keys compared as Strings: short ones are held inline, and String to String takes the fast comparison.
            guard let next = object[String(decoding: UnsafeBufferPointer(rebasing: path[start..<end]), as: UTF8.self)] else {
                return .some(nil)
            }
            guard end < path.endIndex else { return next }
            current = next
            start = end + 1
        }
    }

    /// The keys of a dotted path, in order: `signal.instrument` is `signal`, then `instrument`. A `.` separates only
    /// as a character of its own, not with a combining mark after it; empty keys are kept, as `value(atPath:)` reads them.
    public static func keys(ofPath path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The value at a path split once into its keys (`keys(ofPath:)`), for a path read again and again; nil when any
    /// step is missing.
    public func value(atKeys keys: [String]) -> JSON? {
        var current = self
        for key in keys {
            guard case .object(let object) = current, let next = object[key] else { return nil }
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

    /// The value for `key`; setting replaces it in place or appends it, setting nil removes it.
    public subscript(key: String) -> JSON? {
        get { members.first { $0.key == key }?.value }
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
