extension JSON {
    /// The value with every object's members in key order, so that two texts of the same document, whatever order
    /// their keys were written in, are equal: what an idempotency key compares.
    public var canonical: JSON {
        switch self {
        case .null, .bool, .number, .string: self
        case .array(let items): .array(items.map(\.canonical))
        case .object(let object):
            .object(JSONObject(object.members.map { .init(key: $0.key, value: $0.value.canonical) }.sorted { $0.key < $1.key }))
        }
    }
}

extension JSON {
    /// The value with `transform` applied to every string in it, object keys included, as decoded text (a `\n` is a
    /// newline there, not the letter n).
    public func mappingStrings(_ transform: (String) -> String) -> JSON {
        switch self {
        case .null, .bool, .number: self
        case .string(let text): .string(transform(text))
        case .array(let items): .array(items.map { $0.mappingStrings(transform) })
        case .object(let object):
            .object(JSONObject(object.members.map { .init(key: transform($0.key), value: $0.value.mappingStrings(transform)) }))
        }
    }
}
