/// The idempotency keys settled most recently, at most `capacity` of them: a repeat soon after its first request is
/// answered without a storage read, and memory stays flat at any rate of new keys.
struct RecentKeys {
    let capacity: Int
    private var records: [IdempotencyScope: (record: IdempotencyRecord, serial: Int)] = [:]
    /// Scopes in the order they were settled, as a ring; a slot is reused once `capacity` keys have settled after it.
    private var order: [(scope: IdempotencyScope, serial: Int)] = []
    private var serial = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// How many keys are remembered.
    var count: Int { records.count }

    subscript(scope: IdempotencyScope) -> IdempotencyRecord? { records[scope]?.record }

    /// Remembers `record` under `scope`, forgetting the oldest key when full.
    mutating func insert(_ record: IdempotencyRecord, for scope: IdempotencyScope) {
        serial += 1
        records[scope] = (record, serial)
        let slot = (serial - 1) % capacity
        if order.count < capacity {
            order.append((scope, serial))
            return
        }
        // The oldest slot is forgotten unless its scope was settled again since (a key whose window had passed).
        let oldest = order[slot]
        if records[oldest.scope]?.serial == oldest.serial { records[oldest.scope] = nil }
        order[slot] = (scope, serial)
    }
}
