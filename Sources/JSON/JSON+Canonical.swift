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
