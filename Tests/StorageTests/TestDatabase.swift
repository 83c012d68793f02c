import Foundation
import PostgresLedger
import PostgresNIO
import Testing

/// Fresh databases on the PostgreSQL server that `PAPERTRADE_TEST_DATABASE_URL` names: each test gets its own,
/// dropped when it ends. Without the variable these tests are skipped, unless `PAPERTRADE_REQUIRE_POSTGRES=1` (CI).
enum TestDatabase {
    static let url: DatabaseURL? = ProcessInfo.processInfo.environment["PAPERTRADE_TEST_DATABASE_URL"].flatMap { try? DatabaseURL($0) }
    static let isRequired = ProcessInfo.processInfo.environment["PAPERTRADE_REQUIRE_POSTGRES"] == "1"
    static var isAvailable: Bool { url != nil }

    /// Runs `body` with the URL of a new, empty database.
    static func withFresh<T>(_ body: (DatabaseURL) async throws -> T) async throws -> T {
        let base = try #require(url, "PAPERTRADE_TEST_DATABASE_URL is not set")
        let name = "papertrade_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await administer(base, "CREATE DATABASE \(name)")
        var fresh = base
        fresh.database = name
        do {
            let result = try await body(fresh)
            try await administer(base, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await administer(base, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    private static func administer(_ url: DatabaseURL, _ statement: String) async throws {
        let client = PostgresClient(
            configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: statement))
            group.cancelAll()
        }
    }
}

@Suite struct TestDatabaseTests {
    /// CI must not pass by skipping: there, the database has to be there.
    @Test(.enabled(if: TestDatabase.isRequired)) func theTestDatabaseIsThereWhenRequired() async throws {
        let url = try #require(TestDatabase.url, "PAPERTRADE_REQUIRE_POSTGRES=1 but PAPERTRADE_TEST_DATABASE_URL is not set")
        let storage = try await PostgresStorage.connect(url)
        defer { storage.close() }
        _ = try await storage.statements()
    }
}
