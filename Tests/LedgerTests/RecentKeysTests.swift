import Foundation
import Testing

@testable import Ledger

@Suite struct RecentKeysTests {
    private func record(_ key: String, at seconds: TimeInterval = 0) -> IdempotencyRecord {
        IdempotencyRecord(account: "a", key: key, fingerprint: "f", createdAt: Date(timeIntervalSince1970: seconds), orderIDs: [])
    }

    private func scope(_ key: String) -> IdempotencyScope { IdempotencyScope(account: "a", key: key) }

    @Test func theOldestKeyIsForgottenWhenFull() {
        var keys = RecentKeys(capacity: 3)
        for key in ["a", "b", "c", "d", "e"] { keys.insert(record(key), for: scope(key)) }
        #expect(keys.count == 3)
        #expect(keys[scope("a")] == nil && keys[scope("b")] == nil)
        #expect(["c", "d", "e"].allSatisfy { keys[scope($0)] == record($0) })
    }

    /// A key settled again (its window had passed) is as new as its latest settling: its first slot does not take it.
    @Test func aKeySettledAgainLivesFromItsLatestSettling() {
        var keys = RecentKeys(capacity: 2)
        keys.insert(record("a"), for: scope("a"))
        keys.insert(record("b"), for: scope("b"))
        keys.insert(record("a", at: 60), for: scope("a"))
        #expect(keys[scope("a")] == record("a", at: 60))
        #expect(keys[scope("b")] == record("b"))
        keys.insert(record("c"), for: scope("c"))
        #expect(keys[scope("a")] == record("a", at: 60) && keys[scope("b")] == nil && keys.count == 2)
    }
}
