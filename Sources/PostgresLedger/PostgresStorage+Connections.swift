import Foundation
import Ledger
import PostgresNIO
import Synchronization

extension PostgresStorage {
    /// How long a request waits for a connection before it answers that storage is unavailable.
    static let leaseTimeout = Duration.seconds(5)

    /// Runs `body` in a transaction, committed when it returns and rolled back when it throws what it threw.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await leased { [logger] connection in try await connection.withTransaction(logger: logger) { try await body($0) } }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    /// Runs `query` and reads its rows with `read`.
    func rows<T: Sendable>(_ query: PostgresQuery, _ read: @escaping @Sendable (PostgresRow) throws -> T) async throws -> [T] {
        try await leased { [logger] connection in try await connection.query(query, logger: logger).collect().map(read) }
    }

    /// Runs `body` on a pooled connection, or throws `storageUnavailable` when none comes within `leaseTimeout` (the
    /// database is down). A connection found dead before anything could commit, as after a database restart, is
    /// replaced once.
    func leased<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await leasedOnce(body)
        } catch  where Self.changedNothing(error) {
            return try await leasedOnce(body)
        }
    }

    private func leasedOnce<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        // The body starts only if the wait has not been given up, and the wait is given up only if it has not started.
        let lease = Lease()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { [client] in
                try await client.withConnection { connection in
                    guard lease.move(to: .started) else {
                        throw LedgerError.storageUnavailable
                    }
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: Self.leaseTimeout)
                guard lease.move(to: .abandoned) else { return nil }
                throw LedgerError.storageUnavailable
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw LedgerError.storageUnavailable
        }
    }

    /// Whether `error` came from a connection that failed before any of its work could commit: a transaction that
    /// failed before its COMMIT is rolled back by the server, and a read changes nothing.
    private static func changedNothing(_ error: any Error) -> Bool {
        if let transaction = error as? PostgresTransactionError {
            return transaction.commitError == nil
                && [transaction.beginError, transaction.closureError].contains { $0.map(isConnectionLost) ?? false }
        }
        return isConnectionLost(error)
    }

    private static func isConnectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
    }
}

/// Where a wait for a pooled connection stands: waiting, then either started or abandoned, never both.
private final class Lease: Sendable {
    enum State { case waiting, started, abandoned }

    private let state = Mutex(State.waiting)

    /// Moves a waiting lease to `next`; false when it had already started or been abandoned.
    func move(to next: State) -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = next
            return true
        }
    }
}
