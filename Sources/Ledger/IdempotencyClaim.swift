import Foundation

/// A request's claim on an idempotency key: the key and a fingerprint of the body it came with.
public struct IdempotencyClaim: Sendable, Equatable {
    public var key: String
    public var fingerprint: String
    /// How long the key holds, when less than the ledger's retention: a content key for senders without ids
    /// answers repeats within its window only.
    public var window: TimeInterval?

    /// A claim on `key` by a body whose digest is `digest`, kept as a fingerprint of the current scheme.
    public init(key: String, fingerprint digest: String, window: TimeInterval? = nil) {
        self.key = key
        self.fingerprint = Self.scheme + digest
        self.window = window
    }

    /// What starts a fingerprint of the way bodies are compared now: as parsed, without their token, whatever the
    /// order of their keys. A fingerprint without it was recorded by an earlier version from the body's text.
    public static let scheme = "v2:"
}
