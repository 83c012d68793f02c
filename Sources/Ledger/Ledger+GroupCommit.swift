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

    private func startFlushing() {
        guard !isFlushing else { return }
        isFlushing = true
        Task { await flushQueue() }
    }

    private func flushQueue() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll()
            let writes = batch.map(\.write)
            do {
                try await storage.commit(writes)
                observer?.committed(batch: writes.count)
                book.markCommitted(writes)
                for item in batch { item.continuation?.resume() }
            } catch {
                // Writes queued behind a failed batch were applied in memory on top of it: fail them too, and forget
                // the book's accounts so the next request loads what storage holds.
                let failed = batch + queue
                observer?.failed(batch: failed.count)
                queue.removeAll()
                book.rollBack()
                generation += 1
                for item in failed { item.continuation?.resume(throwing: error) }
            }
        }
        isFlushing = false
        for waiter in flushWaiters { waiter.resume() }
        flushWaiters.removeAll()
    }

    /// Waits until everything queued so far, delivery log entries included, has been written.
    public func flush() async {
        guard isFlushing || !queue.isEmpty else { return }
        await withCheckedContinuation { flushWaiters.append($0) }
    }
}
