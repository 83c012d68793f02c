import Foundation

/// A request's claim on an idempotency key: the key and a fingerprint of the body it came with.
public struct IdempotencyClaim: Sendable, Equatable {
    public var key: String
    public var fingerprint: String
    /// How long the key holds, when less than the ledger's retention: a content key for senders without ids
    /// answers repeats within its window only.
    public var window: TimeInterval?

    public init(key: String, fingerprint: String, window: TimeInterval? = nil) {
        self.key = key
        self.fingerprint = fingerprint
        self.window = window
    }
}
