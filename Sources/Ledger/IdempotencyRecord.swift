import Core
import Foundation

/// What an idempotency key remembers: a fingerprint of the body it came with and what the signal came to, by order
/// id, so that a replay can be answered again in whatever language it asks for.
public struct IdempotencyRecord: Sendable, Equatable {
    /// The account the key traded; empty for a key recorded before keys were scoped to accounts, which matches any.
    public var account: String
    public var key: String
    /// A digest of the body the key first came with.
    public var fingerprint: String
    public var createdAt: Date
    /// The ids of the orders the signal recorded, in leg order.
    public var orderIDs: [Int64]
    public var refusal: Refusal?
    public var noAction: LocalizedMessage?
    public var adapter: String?
    /// The working order the signal placed, when it placed one.
    public var workingOrderID: Int64?

    public init(
        account: String,
        key: String,
        fingerprint: String,
        createdAt: Date,
        orderIDs: [Int64],
        refusal: Refusal? = nil,
        noAction: LocalizedMessage? = nil,
        adapter: String? = nil,
        workingOrderID: Int64? = nil
    ) {
        self.account = account
        self.key = key
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.orderIDs = orderIDs
        self.refusal = refusal
        self.noAction = noAction
        self.adapter = adapter
        self.workingOrderID = workingOrderID
    }

    /// The record of `execution`, answered under `claim` on `account`.
    init(_ claim: IdempotencyClaim, account: String, execution: Execution, createdAt: Date) {
        self.init(
            account: account,
            key: claim.key,
            fingerprint: claim.fingerprint,
            createdAt: createdAt,
            orderIDs: execution.orders.map(\.id),
            refusal: execution.refusal,
            noAction: execution.noAction,
            adapter: execution.adapter,
            workingOrderID: execution.working?.id
        )
    }
}
