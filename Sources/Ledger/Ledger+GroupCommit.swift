extension Ledger {
    /// Queues `write` and waits until the batch holding it has committed.
    func commit(_ write: LedgerWrite) async throws {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((write, continuation))
            startFlushing()
        }
    }

    /// Queues `write` without waiting for it.
    func enqueue(_ write: LedgerWrite) {
        queue.append((write, nil))
        startFlushing()
    }

    /// Queues a signal for a shared storage's next transaction and waits for what it came to there.
    func submit(_ pending: PendingSignal) async throws -> SignalOutcome {
        try await withCheckedThrowingContinuation { continuation in
            pendingSignals.append((pending, continuation))
            startFlushing()
        }
    }

    private func startFlushing() {
        guard !isFlushing else { return }
        isFlushing = true
        Task { await flushQueue() }
    }

    private func flushQueue() async {
        if let shared {
            await flushShared(shared)
        } else {
            await flushBook()
        }
        isFlushing = false
        for waiter in flushWaiters { waiter.resume() }
        flushWaiters.removeAll()
    }

    /// Commits what the book in memory executed, batch after batch.
    private func flushBook() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll()
            // Whoever waits for what was queued before this batch is answered once it is written, not once the
            // queue runs dry, which under steady load it may never do.
            let waiters = takeFlushWaiters()
            defer { for waiter in waiters { waiter.resume() } }
            do {
                let writes = try await commitWrites(batch)
                observer?.committed(batch: writes.count)
                book.markCommitted(writes)
            } catch {
                // Writes queued behind a failed batch were applied in memory on top of it: fail them too, and forget
                // the book's accounts so the next request loads what storage holds.
                let behind = queue
                observer?.failed(batch: batch.count + behind.count)
                queue.removeAll()
                book.rollBack()
                generation += 1
                for item in behind { item.continuation?.resume(throwing: error) }
            }
        }
    }

    /// Hands a shared storage the signals queued meanwhile, one transaction at a time, and the other writes (the
    /// delivery log, prunes, the current account) in a transaction of their own, so that none of them can fail a
    /// signal or hold a lock a signal waits for.
    private func flushShared(_ shared: any SharedLedgerStorage) async {
        while !queue.isEmpty || !pendingSignals.isEmpty {
            let signals = pendingSignals
            pendingSignals.removeAll()
            let waiters = takeFlushWaiters()
            defer { for waiter in waiters { waiter.resume() } }
            if !signals.isEmpty {
                do {
                    let outcomes = try await shared.execute(SignalBatch(engine: engine, signals: signals.map(\.signal)))
                    observer?.committed(batch: signals.count)
                    for (item, outcome) in zip(signals, outcomes) { item.continuation.resume(returning: outcome) }
                } catch {
                    observer?.failed(batch: signals.count)
                    for item in signals { item.continuation.resume(throwing: LedgerError.storageUnavailable) }
                }
            }
            let writes = queue
            queue.removeAll()
            if !writes.isEmpty { _ = try? await commitWrites(writes) }
        }
    }

    /// Commits `batch` in one transaction and answers its waiters, with the error if it failed.
    private func commitWrites(_ batch: [QueuedWrite]) async throws -> [LedgerWrite] {
        let writes = batch.map(\.write)
        do {
            try await storage.commit(writes)
        } catch {
            for item in batch { item.continuation?.resume(throwing: error) }
            throw error
        }
        for item in batch { item.continuation?.resume() }
        return writes
    }

    /// Waits until everything queued so far, delivery log entries included, has been written (or its batch has
    /// failed), however much is queued after it.
    public func flush() async {
        guard isFlushing || !queue.isEmpty else { return }
        await withCheckedContinuation { flushWaiters.append($0) }
    }

    /// The waiters of `flush()` so far, answered by the caller once the batch it takes now is done.
    private func takeFlushWaiters() -> [CheckedContinuation<Void, Never>] {
        defer { flushWaiters.removeAll() }
        return flushWaiters
    }
}
