import Core
import Foundation
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Synchronization
import Testing

@testable import Server

/// The webhook's question "does any account have a token?" reads storage at most once a second, and a token minted
/// behind a running server's back closes anonymous webhooks within that second.
@Suite struct AccountTokenPresenceTests {
    /// A token store that counts how often it is asked.
    final class CountingStore: AccountTokenStore, Sendable {
        let state = Mutex((hasTokens: false, reads: 0))
        func addAccountToken(digest: String, account: String, createdAt: Date) async throws {}
        func account(tokenDigest digest: String) async throws -> String? { nil }
        func hasAccountTokens() async throws -> Bool {
            state.withLock {
                $0.reads += 1
                return $0.hasTokens
            }
        }
        func removeAccountTokens(account: String) async throws -> Int { 0 }
    }

    @Test func storageIsReadAtMostOncePerMaximumAge() async throws {
        let store = CountingStore()
        let start = ContinuousClock.now
        let clock = Mutex(start)
        let presence = AccountTokenPresence(store, maximumAge: .seconds(1), now: { clock.withLock { $0 } })
        for _ in 0..<100 { _ = try await presence.anyToken() }
        #expect(store.state.withLock { $0.reads } == 1)
        store.state.withLock { $0.hasTokens = true }
        clock.withLock { $0 = start + .milliseconds(999) }
        #expect(try await presence.anyToken() == false, "still the answer read 999 ms ago")
        clock.withLock { $0 = start + .seconds(1) }
        #expect(try await presence.anyToken() == true)
        #expect(store.state.withLock { $0.reads } == 2)
    }

    @Test(arguments: [TestingSetup.router, .live])
    func aTokenMintedBesideARunningServerClosesAnonymousWebhooksWithinASecond(_ setup: TestingSetup) async throws {
        // Small buys, so the account never runs short of cash however many the loop sends.
        let buy = #"{"symbol":"AAPL","side":"buy","qty":1,"price":1}"#
        try await WebhookSecurityTests.harness(token: nil).run(setup) { client, ledger in
            #expect(try await client.post("/api/webhook", buy).status == .ok)
            try await ledger.addAccount(Account(name: "策略A", cash: 50_000))
            try await ledger.sqlite.addAccountToken(digest: Secret.digest(Secret.generate(.accountToken)), account: "策略A", createdAt: Date())
            let minted = ContinuousClock.now
            var status = try await client.post("/api/webhook", buy).status
            while status == .ok, ContinuousClock.now - minted < .seconds(3) {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.post("/api/webhook", buy).status
            }
            #expect(status == .unauthorized)
            // A second, and the time a request may take on a loaded machine.
            #expect(ContinuousClock.now - minted < .milliseconds(2_500))
        }
    }
}
