import Foundation
import Ledger
import PostgresNIO
import Synchronization

extension PostgresStorage {
    /// How long a request waits for a connection before it answers that storage is unavailable.
    static let leaseTimeout = Duration.seconds(5)
    /// How long a request waits for its database work, connection included. The server's own limits end a
    /// statement and a lock wait before this (`sessionSettings`), so that a 503 normally means rolled back.
    static let operationTimeout = Duration.seconds(15)

    /// Limits every connection sets at start: a statement or a wait for a row lock ends within ten seconds, and a
    /// transaction left open by a server that vanished is ended by the database within thirty.
    static let sessionSettings = [
        ("lock_timeout", "5s"), ("statement_timeout", "10s"), ("idle_in_transaction_session_timeout", "30s"),
    ]

    /// Runs `body` in a transaction, committed when it returns and rolled back when it throws what it threw.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await leased { [logger] connection in try await connection.withTransaction(logger: logger) { try await body($0) } }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the database, whatever commits meanwhile.
    func snapshot<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction { [logger] connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            return try await body(connection)
        }
    }

    /// Runs one write in a transaction and returns how many rows it returned (with `RETURNING`, how many it changed).
    @discardableResult
    func write(_ query: PostgresQuery) async throws -> Int {
        try await transaction { [logger] connection in try await connection.query(query, logger: logger).collect().count }
    }

    /// Runs a query that changes nothing and reads its rows with `read`; writes go through `transaction`.
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
        // One answer: the body's, or storage unavailable when no connection came in time or the body has hung (a
        // database gone without closing its connections). A body never starts once its wait was given up; one that
        // started and hung may still commit after the answer, as a commit whose reply is lost may: a resend with
        // the same idempotency key finds it.
        let lease = Lease()
        return try await withCheckedThrowingContinuation { continuation in
            let worker = Mutex<Task<Void, Never>?>(nil)
            let clock = Task {
                try? await Task.sleep(for: Self.leaseTimeout)
                if lease.leave(.waiting, for: .abandoned) != .waiting { try? await Task.sleep(for: Self.operationTimeout - Self.leaseTimeout) }
                guard !Task.isCancelled, lease.answer() else { return }
                continuation.resume(throwing: LedgerError.storageUnavailable)
                worker.withLock { $0?.cancel() }
            }
            let work = Task { [client] in
                let result: Result<T, any Error>
                do {
                    result = .success(
                        try await client.withConnection { connection in
                            guard lease.leave(.waiting, for: .started) == .waiting else { throw LedgerError.storageUnavailable }
                            return try await body(connection)
                        }
                    )
                } catch {
                    result = .failure(error)
                }
                if lease.answer() { continuation.resume(with: result) }
                clock.cancel()
            }
            worker.withLock { $0 = work }
        }
    }

    /// Whether `error` came from a connection that failed before any of its work could commit: a transaction that
    /// failed before its COMMIT is rolled back by the server, and a read (`rows`) changes nothing.
    private static func changedNothing(_ error: any Error) -> Bool {
        if let transaction = error as? PostgresTransactionError {
            return transaction.commitError == nil
                && [transaction.beginError, transaction.closureError].contains { $0.map(isConnectionLost) ?? false }
        }
        return isConnectionLost(error)
    }

    /// What went wrong, for a person: the database's own message, or why it could not be reached (a PostgreSQL
    /// error's plain description says neither).
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))" }
        if let underlying = error.underlying { return "cannot connect: \(underlying)" }
        return String(reflecting: error)
    }

    /// Whether `error` says the database could not be reached (or was lost), as opposed to refusing what was asked.
    public static func isUnreachable(_ error: any Error) -> Bool {
        if error as? LedgerError == .storageUnavailable { return true }
        if let transaction = error as? PostgresTransactionError {
            return [transaction.beginError, transaction.closureError, transaction.commitError].contains { $0.map(isUnreachable) ?? false }
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
    private let answered = Mutex(false)

    /// True the first time only: whoever gets it answers.
    func answer() -> Bool {
        answered.withLock { answered in
            defer { answered = true }
            return !answered
        }
    }

    /// Moves the lease from `current` to `next` if it is there; returns where it was.
    func leave(_ current: State, for next: State) -> State {
        state.withLock { state in
            let previous = state
            if state == current { state = next }
            return previous
        }
    }
}
