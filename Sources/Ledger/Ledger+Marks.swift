import Core
import Foundation

/// What the ledger did with one mark.
public enum MarkOutcome: Sendable, Equatable {
    /// The mark is the symbol's last price now; `fills` working orders filled on it.
    case applied(fills: Int)
    /// The mark is older than the symbol's latest, or the same again: it changed nothing.
    case stale
}

extension Ledger {
    /// Takes `marks`, in order, as the market's prices: each moves its symbol's last price and steps the symbol's
    /// working orders through it. Returns once everything they changed has committed.
    public func record(_ marks: [Mark]) async throws -> [MarkOutcome] {
        guard shared == nil else { throw LedgerError.sharedMarksUnsupported }
        var outcomes: [MarkOutcome] = []
        var writes: [LedgerWrite] = []
        for mark in marks {
            try await loadAccountsWorking(on: mark.symbol)
            guard let applied = book.apply(mark) else {
                outcomes.append(.stale)
                continue
            }
            let fills = applied.reduce(0) { count, write in
                if case .execution(let execution) = write { count + execution.orders.count } else { count }
            }
            outcomes.append(.applied(fills: fills))
            writes += applied
        }
        guard let last = writes.popLast() else { return outcomes }
        for write in writes { enqueue(write) }
        do {
            try await commit(last)
        } catch {
            throw LedgerError.storageUnavailable
        }
        return outcomes
    }

    /// Loads every account whose orders work on `symbol`, so that the book can step them through a mark of it.
    func loadAccountsWorking(on symbol: String) async throws {
        for name in book.accountsWorking(on: symbol).sorted() where try await loadedAccount(name) == nil {
            throw LedgerError.unknownAccount(name: name)
        }
    }

    /// Working orders of one status, newest first, optionally for one account and symbol.
    public nonisolated func workingOrders(
        status: OrderStatus = .working,
        account: String? = nil,
        symbol: String? = nil,
        limit: Int = 100
    ) async throws -> [WorkingOrder] {
        try await storage.workingOrders(status: status, account: account?.accountKey, symbol: symbol, limit: limit)
    }
}
