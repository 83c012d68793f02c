import Ledger
import Synchronization

/// Whether any account has a webhook token: every webhook to a server without `WEBHOOK_TOKEN` asks, and the answer
/// is read from storage at most once a second.
///
/// Storage holds the truth, since `papertrade account token` writes it beside a running server (or through another
/// replica), but reading it on every webhook cost more than the rest of a dry run. A token minted or revoked
/// elsewhere therefore takes effect within a second.
final class AccountTokenPresence: Sendable {
    private let store: any AccountTokenStore
    private let maximumAge: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let latest = Mutex<(found: Bool, at: ContinuousClock.Instant)?>(nil)

    init(_ store: any AccountTokenStore, maximumAge: Duration = .seconds(1), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.store = store
        self.maximumAge = maximumAge
        self.now = now
    }

    /// Whether any account had a token at most `maximumAge` ago.
    func anyToken() async throws -> Bool {
        let time = now()
        if let latest = latest.withLock({ $0 }), time - latest.at < maximumAge { return latest.found }
        let found = try await store.hasAccountTokens()
        // A slower read begun earlier never replaces a newer answer.
        latest.withLock { latest in
            if latest.map({ $0.at <= time }) ?? true { latest = (found, time) }
        }
        return found
    }
}
