import Core
import Decimals
import Foundation
import JSON

/// Replacements for a field's values, matched case-insensitively after trimming; numbers match by value.
public struct ValueMap: Sendable, Equatable {
    public private(set) var entries: [String: JSON] = [:]
    /// The words replaced, trimmed, in the order they were added: what an error tells a sender to use.
    public private(set) var words: [String] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a replacement; returns false when an equivalent key is already present.
    public mutating func add(key: String, value: JSON) -> Bool {
        let normalized = Self.key(for: key)
        guard entries[normalized] == nil else { return false }
        entries[normalized] = value
        words.append(key.trimmingWhitespaceAndNewlines())
        return true
    }

    /// The replacement for `text`, if any.
    public func replacement(for text: String) -> JSON? {
        entries[Self.key(for: text)]
    }

    /// The lookup key of a text: its canonical number when it is one (`1.0` is `1`), else trimmed lowercase text.
    public static func key(for text: String) -> String {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        // `plainText` is `description`, written without Foundation's digit-by-digit division.
        if let number = Decimal(exactly: trimmed) { return number.plainText }
        return trimmed.lowercased()
    }
}
