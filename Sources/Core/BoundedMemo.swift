import Synchronization

/// Values made once per key and remembered, safe to share between threads.
///
/// Keys may come from outside (symbols senders name), so the memo is bounded: when it is full it starts over
/// rather than keep its first keys forever. A value must therefore be one that making again gives back the same.
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline let values = Mutex<[Key: Value]>([:])
    @usableFromInline let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The value remembered for `key`, or the one `make` returns, remembered from now on. Inlinable, so that a caller
    /// specializes it for its key and value types: it runs on every request.
    @inlinable public func value(for key: Key, orMake make: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let made = make()
        values.withLock { values in
            if values.count >= capacity { values.removeAll() }
            values[key] = made
        }
        return made
    }
}
