import Core
import Foundation

/// An idempotency key within the account it trades; the empty account is a key recorded before keys were scoped.
struct IdempotencyScope: Hashable {
    var account: String
    var key: String
}

/// A key held by the one request that looks it up in storage and, when it is new, executes its signal; requests
/// with the same key wait for what it comes to.
struct KeyInFlight {
    var waiters: [CheckedContinuation<IdempotencyRecord, any Error>] = []
}

extension Ledger {
    /// What the key of `claim` came to when it holds for this request, waiting while another request holds it; nil
    /// when the key is new, and then this request holds it until it calls `settle`.
    ///
    /// A key is in memory from the moment a request first sees it until it has committed (in flight), then among the
    /// recent keys or, after those, in storage: no moment exists when two requests can both find it new.
    func claim(_ claim: IdempotencyClaim, _ scope: IdempotencyScope, at time: Date) async throws -> IdempotencyRecord? {
        while true {
            if var flight = inFlight[scope] {
                let record = try await withCheckedThrowingContinuation { continuation in
                    flight.waiters.append(continuation)
                    inFlight[scope] = flight
                }
                if try claim.holds(record, at: time) { return record }
                continue
            }
            if let record = recentKeys[scope], try claim.holds(record, at: time) { return record }
            inFlight[scope] = KeyInFlight()
            let stored: IdempotencyRecord?
            do {
                stored = try await storage.idempotencyRecord(account: scope.account, key: scope.key)
            } catch {
                settle(scope, with: .failure(LedgerError.storageUnavailable))
                throw LedgerError.storageUnavailable
            }
            guard let stored else { return nil }
            let answer = Result { try claim.holds(stored, at: time) }
            if case .success(false) = answer { return nil }
            // A conflict settles the key too: the requests waiting on it may have come with the stored body.
            settle(scope, with: .success(stored))
            return try answer.get() ? stored : nil
        }
    }

    /// What `claim` would come to on the named account (the current one when nil), without holding its key: the
    /// record it would replay, nil when the key is new. A dry run asks this.
    /// - throws: `LedgerError.idempotencyConflict` when the key came with another body.
    public func replay(of claim: IdempotencyClaim, account: String?, at time: Date = Date()) async throws -> IdempotencyRecord? {
        let name: String
        if let account { name = account.accountKey } else { name = try await currentAccountName() }
        let scope = IdempotencyScope(account: name, key: claim.key)
        let record: IdempotencyRecord?
        if let recent = recentKeys[scope] {
            record = recent
        } else {
            do {
                record = try await storage.idempotencyRecord(account: name, key: claim.key)
            } catch {
                throw LedgerError.storageUnavailable
            }
        }
        guard let record, try claim.holds(record, at: time) else { return nil }
        return record
    }

    /// What a key's signal came to, its orders read back from storage.
    func execution(of record: IdempotencyRecord) async throws -> Execution {
        let orders = try await storage.orders(ids: record.orderIDs)
        // Never another reply than the first: without all of its orders, a replay is an error.
        guard orders.map(\.id) == record.orderIDs else { throw LedgerError.storageUnavailable }
        var execution = Execution(record, orders: orders)
        if let id = record.workingOrderID {
            // As placed: a replay says what the first reply said, whatever the order has done since.
            guard let working = try await storage.workingOrder(id: id) else { throw LedgerError.storageUnavailable }
            execution.working = working.asPlaced
        }
        return execution
    }

    /// Ends a key's flight: settled with its record, or forgotten (so the same request may try again) when it failed.
    func settle(_ scope: IdempotencyScope, with result: Result<IdempotencyRecord, any Error>) {
        guard let flight = inFlight.removeValue(forKey: scope) else { return }
        switch result {
        case .success(let record):
            recentKeys.insert(record, for: scope)
            for waiter in flight.waiters { waiter.resume(returning: record) }
        case .failure(let error):
            for waiter in flight.waiters { waiter.resume(throwing: error) }
        }
    }

    /// Counts a new key, and every thousand removes the keys past retention from storage.
    func countNewKey(at time: Date) {
        claimsSincePrune += 1
        guard claimsSincePrune >= 1_000 else { return }
        claimsSincePrune = 0
        enqueue(.pruneIdempotency(before: time.addingTimeInterval(-Self.idempotencyRetention)))
    }
}

extension IdempotencyClaim {
    /// Whether `record` answers this claim: false once the claim's window (or the ledger's retention) has passed since
    /// it, and a record of another body is a conflict. A record an earlier version made, whose fingerprint cannot be
    /// compared with this one, answers it: a retry across an upgrade gets its original reply, and nothing trades twice.
    func holds(_ record: IdempotencyRecord, at time: Date) throws -> Bool {
        // A key is new again once its window has passed.
        if time.timeIntervalSince(record.createdAt) > min(window ?? Ledger.idempotencyRetention, Ledger.idempotencyRetention) { return false }
        guard record.fingerprint == fingerprint || !record.fingerprint.hasPrefix(Self.scheme) else {
            throw LedgerError.idempotencyConflict(key: key)
        }
        return true
    }
}
