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

    /// Cancels the working order `id`, giving back the cash it held; returns it as cancelled once that has committed.
    /// - throws: `LedgerError.unknownOrder` when no working order has the id, `orderNotWorking` when it has ended.
    public func cancel(order id: Int64, at time: Date = Date()) async throws -> WorkingOrder {
        guard shared == nil else { throw LedgerError.sharedMarksUnsupported }
        guard let order = book.workingOrder(id: id) else {
            guard let ended = try await storage.workingOrder(id: id) else { throw LedgerError.unknownOrder(id: id) }
            throw LedgerError.orderNotWorking(id: id, status: ended.status)
        }
        return try await cancel(account: order.account, at: time) { $0.id == id }[0]
    }

    /// Cancels the account's working orders, all of them or those of one symbol; returns them as cancelled once that
    /// has committed, oldest first.
    public func cancelOrders(account name: String, symbol: String? = nil, at time: Date = Date()) async throws -> [WorkingOrder] {
        guard shared == nil else { throw LedgerError.sharedMarksUnsupported }
        return try await cancel(account: name.accountKey, at: time) { symbol == nil || $0.symbol == symbol }
    }

    private func cancel(account name: String, at time: Date, where chosen: (WorkingOrder) -> Bool) async throws -> [WorkingOrder] {
        guard try await loadedAccount(name) != nil else { throw LedgerError.unknownAccount(name: name) }
        guard let (canceled, write) = book.cancel(account: name, at: time, where: chosen) else { throw LedgerError.storageUnavailable }
        guard !canceled.isEmpty else { return [] }
        do {
            try await commit(.execution(write))
        } catch {
            throw LedgerError.storageUnavailable
        }
        return canceled
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
