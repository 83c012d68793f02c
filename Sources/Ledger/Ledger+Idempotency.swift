import Core
import Foundation

/// An idempotency key within the account it trades; the empty account is a key recorded before keys were scoped.
struct IdempotencyScope: Hashable {
    var account: String
    var key: String
}

/// A key's state: committed with its record, or its signal still committing with replays waiting on it.
enum IdempotencyEntry {
    case committed(IdempotencyRecord)
    case inFlight(fingerprint: String, waiters: [CheckedContinuation<IdempotencyRecord, any Error>])
}

extension Ledger {
    /// What the signal came to the first time its claim was seen, waiting when it is still committing; nil for a new
    /// key (or no claim).
    func replay(_ claim: IdempotencyClaim?, _ scope: IdempotencyScope?, at time: Date) async throws -> Execution? {
        guard let claim, var scope else { return nil }
        let legacy = IdempotencyScope(account: "", key: claim.key)
        if keys[scope] == nil, keys[legacy] != nil { scope = legacy }
        let record: IdempotencyRecord
        switch keys[scope] {
        case nil:
            return nil
        case .committed(let committed):
            // A key with a window is new again once the window has passed.
            if let window = claim.window, time.timeIntervalSince(committed.createdAt) > window { return nil }
            guard committed.fingerprint == claim.fingerprint else { throw LedgerError.idempotencyConflict(key: claim.key) }
            record = committed
        case .inFlight(let fingerprint, var waiters):
            guard fingerprint == claim.fingerprint else { throw LedgerError.idempotencyConflict(key: claim.key) }
            record = try await withCheckedThrowingContinuation { continuation in
                waiters.append(continuation)
                keys[scope] = .inFlight(fingerprint: fingerprint, waiters: waiters)
            }
        }
        let orders = try await storage.orders(ids: record.orderIDs)
        // Never another reply than the first: without all of its orders, a replay is an error.
        guard orders.map(\.id) == record.orderIDs else { throw LedgerError.storageUnavailable }
        return Execution(record, orders: orders)
    }

    /// Ends a key's flight: committed, or forgotten (so the same request may try again) when its commit failed.
    func settle(_ scope: IdempotencyScope, with result: Result<IdempotencyRecord, any Error>) {
        guard case .inFlight(_, let waiters) = keys[scope] else { return }
        switch result {
        case .success(let record):
            keys[scope] = .committed(record)
            for waiter in waiters { waiter.resume(returning: record) }
            claimsSincePrune += 1
            if claimsSincePrune >= 1_000 { pruneKeys(now: record.createdAt) }
        case .failure(let error):
            keys[scope] = nil
            for waiter in waiters { waiter.resume(throwing: error) }
        }
    }

    private func pruneKeys(now: Date) {
        claimsSincePrune = 0
        let cutoff = now.addingTimeInterval(-Self.idempotencyRetention)
        keys = keys.filter { _, entry in
            if case .committed(let record) = entry { return record.createdAt >= cutoff }
            return true
        }
        enqueue(.pruneIdempotency(before: cutoff))
    }
}
