import Core
import Ledger

extension Ledger {
    /// Executes `signal` as the tests send it: from source `test` through adapter `standard`, with `key` (and a body
    /// `fingerprint`) as its idempotency key when given. A nil account trades the current one.
    public func trade(_ signal: Signal, account: String? = "default", key: String? = nil, fingerprint: String = "f") async throws -> Outcome {
        try await execute(
            signal,
            account: account,
            source: "test",
            adapter: "standard",
            idempotency: key.map { IdempotencyClaim(key: $0, fingerprint: fingerprint) }
        )
    }
}
