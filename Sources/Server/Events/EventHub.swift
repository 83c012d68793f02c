import Foundation
import JSON

/// Tells open pages what changed, so they refresh without a reload: each subscriber gets every event published after
/// it subscribed. A subscriber that falls behind loses the oldest events, never blocks a publisher.
actor EventHub {
    /// At most this many pages listen at once.
    let maximumSubscribers: Int
    private var subscribers: [UUID: AsyncStream<JSON>.Continuation] = [:]

    init(maximumSubscribers: Int = 1000) {
        self.maximumSubscribers = maximumSubscribers
    }

    /// A stream of the events published from now on; nil when too many pages already listen.
    func subscribe() -> AsyncStream<JSON>? {
        guard subscribers.count < maximumSubscribers else { return nil }
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: JSON.self, bufferingPolicy: .bufferingNewest(100))
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        subscribers[id] = continuation
        return stream
    }

    /// Whether another page may listen.
    var hasRoom: Bool { subscribers.count < maximumSubscribers }

    func publish(_ event: JSON) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// How many pages listen now.
    var subscriberCount: Int { subscribers.count }
}
