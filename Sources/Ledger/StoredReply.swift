/// An HTTP reply kept with its idempotency key, so a repeated delivery gets the same answer.
public struct StoredReply: Sendable, Equatable {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}

/// A request's claim on an idempotency key: the key and a fingerprint of the body it came with.
public struct IdempotencyClaim: Sendable, Equatable {
    public var key: String
    public var fingerprint: String

    public init(key: String, fingerprint: String) {
        self.key = key
        self.fingerprint = fingerprint
    }
}
