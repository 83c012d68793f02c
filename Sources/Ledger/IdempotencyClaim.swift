/// A request's claim on an idempotency key: the key and a fingerprint of the body it came with.
public struct IdempotencyClaim: Sendable, Equatable {
    public var key: String
    public var fingerprint: String

    public init(key: String, fingerprint: String) {
        self.key = key
        self.fingerprint = fingerprint
    }
}
