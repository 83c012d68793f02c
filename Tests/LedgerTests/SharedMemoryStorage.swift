import Core
import Foundation
import Ledger

/// A memory storage that several ledgers share, as replicas share a database: each ledger executes its signals in
/// the storage's transactions, on the accounts as committed.
struct SharedMemoryStorage: SharedLedgerStorage {
    let base: MemoryStorage

    func execute(_ batch: SignalBatch) async throws -> [SignalOutcome] {
        try await base.executeShared(batch)
    }

    func currentAccount() async throws -> String? { await base.currentAccount }

    func lastPrices() async throws -> [String: Decimal] { await base.lastPrices }

    func addAccount(_ account: Account, createdAt: Date) async throws { try await base.addSharedAccount(account, createdAt: createdAt) }

    func prepare(defaultAccount: Account, createdAt: Date, idempotencyCutoff: Date, deliveryCutoff: Date) async throws -> LedgerState {
        try await base.prepare(
            defaultAccount: defaultAccount,
            createdAt: createdAt,
            idempotencyCutoff: idempotencyCutoff,
            deliveryCutoff: deliveryCutoff
        )
    }

    func account(named name: String) async throws -> Account? { try await base.account(named: name) }

    func commit(_ writes: [LedgerWrite]) async throws { try await base.commit(writes) }

    func idempotencyRecord(account: String, key: String) async throws -> IdempotencyRecord? {
        try await base.idempotencyRecord(account: account, key: key)
    }

    func orders(ids: [Int64]) async throws -> [Order] { try await base.orders(ids: ids) }

    func orders(account: String?, symbol: String?, status: OrderStatus?, limit: Int) async throws -> [Order] {
        try await base.orders(account: account, symbol: symbol, status: status, limit: limit)
    }

    func workingOrders(status: OrderStatus, account: String?, symbol: String?, limit: Int) async throws -> [WorkingOrder] {
        try await base.workingOrders(status: status, account: account, symbol: symbol, limit: limit)
    }

    func workingOrder(id: Int64) async throws -> WorkingOrder? { try await base.workingOrder(id: id) }

    func statements() async throws -> [AccountStatement] { try await base.statements() }

    func statement(account name: String) async throws -> AccountStatement? { try await base.statement(account: name) }

    func equityHistory(account name: String, limit: Int) async throws -> [EquityPoint] {
        try await base.equityHistory(account: name, limit: limit)
    }

    func deliveries(limit: Int) async throws -> [Delivery] { try await base.deliveries(limit: limit) }
}
