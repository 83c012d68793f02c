import Adapters
import Core
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import NIOCore
import NIOPosix
import SQLiteLedger
import Server
import Testing

/// A server over a fresh data directory, run through the router or over real HTTP on loopback.
struct Harness {
    let directory: String
    var configuration: ServerConfiguration
    /// When set, the server reloads its rules and instruments from these.
    var reload: ReloadSources?
    let metrics = ServerMetrics()
    /// The server's logger; nil: the one `papertrade serve` uses.
    var logger: Logger?

    init(token: String? = nil, directory: String? = nil) throws {
        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("papertrade-\(UUID().uuidString)").path
        configuration = ServerConfiguration(rules: try DefaultRules.load())
        configuration.dataDirectory = self.directory
        configuration.webhookToken = token
        configuration.port = 0
    }

    func openLedger() async throws -> Ledger {
        try await Ledger.open(
            directory: directory,
            engine: Engine(model: configuration.executionModel),
            defaultAccount: Account(name: configuration.defaultAccountName, cash: configuration.defaultAccountCash),
            observer: metrics
        )
    }

    /// Runs `body` against the application, then waits for the ledger's queued writes.
    func run(_ setup: TestingSetup, _ body: @escaping @Sendable (any TestClientProtocol, Ledger) async throws -> Void) async throws {
        try await runHosted(setup) { client, ledger, _ in try await body(client, ledger) }
    }

    /// Sends a request with a `Host` of the test's choosing.
    typealias Send = @Sendable (HostedRequest) async throws -> HostedResponse

    /// Runs `body` against the application, also given a way to send requests with any `Host`, then waits for the
    /// ledger's queued writes.
    func runHosted(_ setup: TestingSetup, _ body: @escaping @Sendable (any TestClientProtocol, Ledger, Send) async throws -> Void) async throws {
        let ledger = try await openLedger()
        let app = try buildApplication(
            configuration: configuration,
            ledger: ledger,
            users: ledger.sqlite,
            reload: reload,
            metrics: metrics,
            logger: logger
        )
        try await app.test(setup) { client in
            try await body(client, ledger) { request in try await request.send(to: app, port: client.port) }
        }
        await ledger.flush()
    }
}

extension TestClientProtocol {
    func post(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    func put(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .put, headers: headers, body: ByteBuffer(string: body))
    }

    func delete(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .delete, headers: headers, body: nil)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object, failing the test when it is not one.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    func array() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "not a JSON array: \(text)")
    }
}

extension HTTPFields {
    static func named(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields[HTTPField.Name(name)!] = value }
        return fields
    }
}

/// A decimal from exact text.
func decimal(_ text: String) -> Decimal { Decimal(exactly: text)! }

/// The number at `key` as exact text (JSONSerialization gives NSNumber; its description is the shortest form).
func number(_ object: [String: Any], _ key: String) -> String? {
    (object[key] as? NSNumber).map { "\($0)" }
}

let seedStandard = #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50}"#
let seedTradingView = #"{"ticker":"AAPL","action":"buy","contracts":100,"price":185.50}"#
let seedSimulation = #""simulation":{"slippage":0.09,"commission":18.56,"fill_rate":1.0,"total_cost":18577.56}"#

extension Ledger {
    /// The SQLite storage under a ledger the harness opened: its users, and its database for faults and rows a test
    /// writes itself.
    nonisolated var sqlite: SQLiteStorage { storage as! SQLiteStorage }
    nonisolated var database: DatabasePool { sqlite.database }

    /// Adds a user whose password is `password`, hashed at bcrypt's lowest cost to keep tests quick.
    nonisolated func addUser(_ name: String, _ role: Role, password: String = "correct horse") async throws {
        try await sqlite.addUser(User(name: name, role: role), passwordHash: try await Passwords.hash(password, cost: 4), createdAt: Date())
    }
}

extension Harness {
    /// A loopback TCP port nothing listens on now, for a server that must come back on the same port.
    static func freePort() throws -> Int {
        let socket = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? socket.close().wait() }
        return try #require(socket.localAddress?.port)
    }
}
