import Foundation
import JSON
import Ledger
import Synchronization

/// Tells open pages what changed, so they refresh without a reload: each subscriber gets every event published after
/// it subscribed. A subscriber that falls behind loses the oldest events, never blocks a publisher. With servers
/// sharing a database, events also travel through it: pages on every server hear what any server did.
actor EventHub {
    /// At most this many pages listen at once.
    let maximumSubscribers: Int
    private var subscribers: [UUID: AsyncStream<JSON>.Continuation] = [:] {
        didSet { pagesListening.store(subscribers.count, ordering: .relaxed) }
    }
    /// How many pages listen, readable without waiting for the hub: a publisher nobody hears returns at once.
    private let pagesListening = Atomic(0)
    /// The channel to the other servers, and this server's name on it (its own events come back and are skipped).
    private let shared: (any SharedEvents)?
    private let origin = UUID().uuidString
    private var listening: Task<Void, Never>?
    /// Events waiting to be sent to the other servers.
    private var outbox: [String] = []
    private var isSending = false

    init(maximumSubscribers: Int = 1000, shared: (any SharedEvents)? = nil) {
        self.maximumSubscribers = maximumSubscribers
        self.shared = shared
    }

    /// Hears the other servers' events until `stop()`.
    func start() {
        guard let shared, listening == nil else { return }
        listening = Task { [origin] in
            for await message in shared.messages() {
                guard case .object(let envelope)? = try? JSONParser.parse(message), envelope["origin"] != .string(origin),
                    let event = envelope["event"]
                else { continue }
                self.deliver(event)
            }
        }
    }

    func stop() {
        listening?.cancel()
        listening = nil
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

    /// Sends `event` to the pages listening here and, with a shared database, to the other servers. When nobody could
    /// hear it, it is not even built, and the publisher does not wait for the hub.
    nonisolated(nonsending) func publish(_ event: @autoclosure () -> JSON) async {
        guard shared != nil || pagesListening.load(ordering: .relaxed) > 0 else { return }
        await post(event())
    }

    private func post(_ event: JSON) {
        deliver(event)
        guard let shared else { return }
        // Sent by one task at a time, whatever was published meanwhile in one go: a request never waits for it.
        outbox.append(JSON.object(["origin": .string(origin), "event": event]).serialized)
        if outbox.count > 1000 { outbox.removeFirst(outbox.count - 1000) }
        guard !isSending else { return }
        isSending = true
        Task { await send(shared) }
    }

    private func send(_ shared: any SharedEvents) async {
        while !outbox.isEmpty {
            let messages = outbox
            outbox.removeAll()
            await shared.broadcast(messages)
        }
        isSending = false
    }

    private func deliver(_ event: JSON) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// How many pages listen now.
    var subscriberCount: Int { subscribers.count }
}
