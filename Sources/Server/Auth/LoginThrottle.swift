import Foundation

/// Slows repeated failed sign-ins for a user name or a client address: after its free attempts each further failure
/// locks that name or address out for twice as long as the last, from 1 second up to 15 minutes. An address (which
/// people behind one proxy share) has four times the name's free attempts. A success clears the name; quiet for 15
/// minutes clears either. Memory is bounded: the oldest entries go first.
actor LoginThrottle {
    private struct Failures {
        var count: Int
        var last: Date
        var lockedUntil: Date?
    }

    /// Failures a user name may have before it is slowed.
    let freeAttempts: Int
    /// Keys that start with this are client addresses.
    static let addressPrefix = "address:"
    let maximumEntries: Int
    private var entries: [String: Failures] = [:]
    private static let quietPeriod: TimeInterval = 15 * 60
    private static let longestLock: TimeInterval = 15 * 60

    init(freeAttempts: Int = 5, maximumEntries: Int = 10_000) {
        self.freeAttempts = freeAttempts
        self.maximumEntries = maximumEntries
    }

    /// Seconds until `keys` may try again, nil when none of them is locked out.
    func retryAfter(_ keys: [String], now: Date = Date()) -> Int? {
        let waits = keys.compactMap { entries[$0]?.lockedUntil }.map { $0.timeIntervalSince(now) }.filter { $0 > 0 }
        return waits.max().map { Int($0.rounded(.up)) }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        for key in keys {
            var failures = entries[key].flatMap { now.timeIntervalSince($0.last) < Self.quietPeriod ? $0 : nil } ?? Failures(count: 0, last: now)
            failures.count += 1
            failures.last = now
            let free = key.hasPrefix(Self.addressPrefix) ? freeAttempts * 4 : freeAttempts
            if failures.count >= free {
                let exponent = Double(min(failures.count - free, 10))
                failures.lockedUntil = now.addingTimeInterval(min(pow(2, exponent), Self.longestLock))
            }
            entries[key] = failures
        }
        if entries.count > maximumEntries {
            let cutoff = now.addingTimeInterval(-Self.quietPeriod)
            entries = entries.filter { $0.value.last >= cutoff }
            // Still too many: the oldest go first, but never one that is locked out now.
            let evictable = entries.filter { ($0.value.lockedUntil ?? .distantPast) <= now }.sorted { $0.value.last < $1.value.last }
            for (key, _) in evictable.prefix(max(0, entries.count - maximumEntries)) { entries[key] = nil }
        }
    }

    /// A sign-in succeeded: its name starts afresh, and its address is forgiven the attempt counted for it.
    func recordSuccess(_ keys: [String]) {
        for key in keys {
            if key.hasPrefix(Self.addressPrefix), var failures = entries[key] {
                failures.count -= 1
                entries[key] = failures.count > 0 ? failures : nil
            } else {
                entries[key] = nil
            }
        }
    }
}
