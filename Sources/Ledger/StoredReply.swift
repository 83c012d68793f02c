/// An HTTP reply kept with its idempotency key, so a repeated delivery gets the same answer.
public struct StoredReply: Sendable, Equatable {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}
