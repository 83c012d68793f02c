import Foundation

/// One request to the webhook, whatever came of it.
public struct Delivery: Sendable, Equatable {
    public var id: Int64?
    public var time: Date
    public var remoteAddress: String?
    public var path: String
    public var adapter: String?
    public var status: Int
    /// `ok`, `replayed`, `dry_run`, or the error code.
    public var outcome: String
    public var orderID: Int64?
    public var latencyMicroseconds: Int64
    /// The raw body with any token removed.
    public var body: String

    public init(
        id: Int64? = nil,
        time: Date,
        remoteAddress: String?,
        path: String,
        adapter: String?,
        status: Int,
        outcome: String,
        orderID: Int64?,
        latencyMicroseconds: Int64,
        body: String
    ) {
        self.id = id
        self.time = time
        self.remoteAddress = remoteAddress
        self.path = Self.storable(path)
        self.adapter = adapter
        self.status = status
        self.outcome = outcome
        self.orderID = orderID
        self.latencyMicroseconds = latencyMicroseconds
        self.body = Self.storable(body)
    }

    /// `text` without NUL, which a refused body may hold: SQLite would cut the text there and PostgreSQL refuse it.
    private static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }
}
