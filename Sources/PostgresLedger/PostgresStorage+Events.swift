import Foundation
import Ledger
import PostgresNIO

extension PostgresStorage: SharedEvents {
    /// The channel the servers on one database talk on.
    static let eventChannel = "papertrade_events"

    public func broadcast(_ messages: [String]) async {
        // Over 8000 bytes PostgreSQL refuses a notification; an event that large is not sent.
        let sendable = messages.filter { $0.utf8.count < 8000 }
        guard !sendable.isEmpty else { return }
        _ = try? await write(
            "SELECT pg_notify(\(Self.eventChannel), message) FROM unnest(\(sendable)::text[]) WITH ORDINALITY AS sent (message, position) ORDER BY position"
        )
    }

    /// Pings a listening connection every 30 seconds and closes it when an answer takes over 10: a connection that
    /// died without closing (a network gone, a NAT that forgot it) would otherwise listen to silence for good.
    private static func keepAlive(_ connection: PostgresConnection, logger: Logger) async throws {
        while true {
            try await Task.sleep(for: .seconds(30))
            let watchdog = Task {
                try await Task.sleep(for: .seconds(10))
                try await connection.close()
            }
            defer { watchdog.cancel() }
            _ = try await connection.query("SELECT 1", logger: logger).collect()
        }
    }

    public func messages() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(100))
        let listening = Task { [client, logger] in
            // One connection listens for as long as the stream is read, again after the database comes back.
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for try await notification in try await connection.listen(Self.eventChannel) {
                                    continuation.yield(notification.payload)
                                }
                            }
                            group.addTask { try await Self.keepAlive(connection, logger: logger) }
                            // Whichever ends first ends both: the listen with its connection, the pings with the listen.
                            _ = try await group.next()
                            group.cancelAll()
                        }
                    }
                } catch {
                    logger.notice("event channel lost, listening again: \(Self.describe(error))")
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        continuation.onTermination = { _ in listening.cancel() }
        return stream
    }
}
