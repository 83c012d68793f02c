import Core
import Foundation

/// A storage several servers share (PostgreSQL): signals are executed inside its transactions, on accounts as
/// committed and locked there, never on what one server remembers of them.
public protocol SharedLedgerStorage: LedgerStorage {
    /// Locks the batch's accounts, runs it on them as committed, and commits what it wrote in one transaction: all
    /// of it or, when it throws, none.
    func execute(_ batch: SignalBatch) async throws -> [SignalOutcome]

    /// The account that signals naming none trade, as committed; nil when none was chosen.
    func currentAccount() async throws -> String?

    /// The last price of every symbol traded, as committed.
    func lastPrices() async throws -> [String: Decimal]

    /// Creates `account`; throws `LedgerError.accountExists` when an account of that name exists.
    func addAccount(_ account: Account, createdAt: Date) async throws
}
