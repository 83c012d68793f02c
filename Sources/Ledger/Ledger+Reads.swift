import Core
import Foundation

extension Ledger {
    /// Every account's committed statement, by name.
    public nonisolated func statements() async throws -> [AccountStatement] {
        try await storage.statements()
    }

    /// One account's committed statement, nil when there is no such account.
    public nonisolated func statement(account name: String) async throws -> AccountStatement? {
        try await storage.statement(account: name.accountKey)
    }

    /// One account's equity over time, oldest first: the latest `limit` points.
    public nonisolated func equityHistory(account name: String, limit: Int = 1000) async throws -> [EquityPoint] {
        try await storage.equityHistory(account: name.accountKey, limit: limit)
    }

    /// The newest orders first, optionally for one account and symbol.
    public nonisolated func orders(
        account: String? = nil,
        symbol: String? = nil,
        status: OrderStatus? = nil,
        limit: Int = 100
    ) async throws -> [Order] {
        try await storage.orders(account: account?.accountKey, symbol: symbol, status: status, limit: limit)
    }

    /// The newest deliveries first, every one recorded before this call included: a sender that reads the log
    /// right after its request finds it there.
    public nonisolated func deliveries(limit: Int = 100) async throws -> [Delivery] {
        await flush()
        return try await storage.deliveries(limit: limit)
    }
}

extension String {
    /// The account name as the ledger keeps it, in Unicode's composed form (NFC): names that Swift compares equal
    /// ("é" and "e" with a combining accent) are one account in every storage, whose text comparison is by bytes.
    /// ASCII text is its own composed form, and is taken as it is: composing costs more than the rest of a lookup.
    var accountKey: String { isASCII ? self : precomposedStringWithCanonicalMapping }
}
