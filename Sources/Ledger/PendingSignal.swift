import Core
import Foundation

/// A signal waiting for a shared database's transaction, where it is executed on its account as committed.
public struct PendingSignal: Sendable {
    public var signal: Signal
    public var account: String
    public var time: Date
    public var source: String
    public var adapter: String?
    public var claim: IdempotencyClaim?
}

/// What a pending signal came to in its transaction.
public enum SignalOutcome: Sendable, Equatable {
    /// Executed, with the record of its key when it had one.
    case executed(Execution, IdempotencyRecord?)
    /// Its key had been committed meanwhile, by this server or another: what the signal came to then.
    case replayed(IdempotencyRecord)
    /// Refused before trading: an unknown account, or a key used with another body.
    case refused(LedgerError)
}
