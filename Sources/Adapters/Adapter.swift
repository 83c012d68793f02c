/// A named payload format: when it applies, how each signal field is read, and examples that prove it.
public struct Adapter: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// How the body is read; JSON unless the adapter says otherwise.
    public var format: BodyFormat
    /// Nil for a catch-all.
    public var match: MatchCondition?
    /// Where each of the match rule's conditions is written, `FILE:LINE:COLUMN`: by `path:NAME` for the conditions on
    /// a path, `body` and `body_regex` for those on the body; the first of each.
    public var matchLocations: [String: String] = [:]
    public var fields: [TargetField: FieldRule]
    public var examples: [Example]
    /// The addresses and signature the adapter requires of its senders.
    public var security = AdapterSecurity()
    /// Seconds a signal's `time` may be from now: older signals are refused as stale. Nil: no limit.
    public var maxAge: Int?
    /// Seconds within which an identical signal for the same account, sent without an idempotency key, is answered
    /// as a replay of the first: senders that resend on errors or fire twice. Nil: every delivery is new.
    public var dedupeWindow: Int?

    public init(
        name: String,
        description: String? = nil,
        format: BodyFormat = .json,
        match: MatchCondition?,
        fields: [TargetField: FieldRule],
        examples: [Example] = []
    ) {
        self.name = name
        self.description = description
        self.format = format
        self.match = match
        self.fields = fields
        self.examples = examples
    }
}

/// The rules of every adapter, in file order.
public struct AdapterSet: Sendable, Equatable {
    public var adapters: [Adapter]

    public init(adapters: [Adapter]) {
        self.adapters = adapters
    }

    public func adapter(named name: String) -> Adapter? {
        // By index: an adapter is large, and only the one found is copied.
        adapters.firstIndex { $0.name == name }.map { adapters[$0] }
    }
}
