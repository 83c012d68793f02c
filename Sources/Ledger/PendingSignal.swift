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
    /// Its key had been committed with another body, by this server or another: a conflict for this request, and
    /// the record that requests waiting on the key are answered from.
    case conflicting(IdempotencyRecord)
    /// Refused before trading: an unknown account.
    case refused(LedgerError)
}
