import Foundation

/// A token bucket per key (a client address): `rate` requests a second on average, bursts up to `burst`. Memory is
/// bounded: buckets that have refilled are forgotten when there are too many.
actor RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    let maximumKeys: Int
    private var buckets: [String: Bucket] = [:]

    init(rate: Double, burst: Double, maximumKeys: Int = 100_000) {
        self.rate = rate
        self.burst = burst
        self.maximumKeys = maximumKeys
    }

    /// Takes one request from `key`'s bucket: nil when allowed, else the whole seconds until it would be.
    func retryAfter(_ key: String, now: ContinuousClock.Instant = .now) -> Int? {
        var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated).inSeconds * rate)
        bucket.updated = now
        defer {
            buckets[key] = bucket
            if buckets.count > maximumKeys { forgetFullBuckets(now: now) }
        }
        guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))) }
        bucket.tokens -= 1
        return nil
    }

    private func forgetFullBuckets(now: ContinuousClock.Instant) {
        let refill = Duration.seconds(burst / rate)
        buckets = buckets.filter { now - $0.value.updated < refill }
        // Still too many active senders: drop the least recently seen.
        if buckets.count > maximumKeys {
            for key in buckets.sorted(by: { $0.value.updated < $1.value.updated }).prefix(buckets.count - maximumKeys).map(\.key) {
                buckets[key] = nil
            }
        }
    }
}
