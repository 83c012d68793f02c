import Core
import Foundation
import Ledger
import PostgresNIO

/// A ledger in PostgreSQL that several servers share: each signal is executed in a transaction that locks its
/// account, on the account as committed; order ids come from a sequence; keys, sessions and the delivery log are
/// everyone's.
public final class PostgresStorage: SharedLedgerStorage {
    public let url: DatabaseURL
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    /// Connects to `url` and brings the schema up to date (once, however many servers start together), or with
    /// `migrating` false only checks that it is this papertrade's, changing nothing.
    ///
    /// One connection is made first, so that a wrong password or a missing database is told at once in the
    /// database's words, rather than retried by the pool; the schema is migrated on it.
    public static func connect(
        _ url: DatabaseURL,
        migrating: Bool = true,
        logger: Logger = PostgresStorage.logger
    ) async throws
        -> PostgresStorage
    {
        var configuration = PostgresConnection.Configuration(
            host: url.host,
            port: url.port,
            username: url.user,
            password: url.password,
            database: url.database,
            tls: try tlsSettings(url.tls).map { settings in
                settings.required
                    ? .require(try NIOSSLContext(configuration: settings.configuration))
                    : .prefer(try NIOSSLContext(configuration: settings.configuration))
            } ?? .disable
        )
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = sessionSettings
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            try await migrating ? PostgresSchema.migrate(connection, logger: logger) : PostgresSchema.check(connection, logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return try PostgresStorage(url: url, logger: logger)
    }

    /// Where connection troubles are logged: at notice and above, so that a database that is down does not fill
    /// the log with one line per attempt.
    public static var logger: Logger {
        var logger = Logger(label: "papertrade.postgres")
        logger.logLevel = .notice
        return logger
    }

    private init(url: DatabaseURL, logger: Logger) throws {
        self.url = url
        self.logger = logger
        var configuration = PostgresClient.Configuration(
            host: url.host,
            port: url.port,
            username: url.user,
            password: url.password,
            database: url.database,
            tls: Self.tlsSettings(url.tls).map { $0.required ? .require($0.configuration) : .prefer($0.configuration) } ?? .disable
        )
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 10
        configuration.options.additionalStartupParameters = Self.sessionSettings
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        // Started at once, so that no lease is asked for before the pool runs.
        running = Task.immediate { await client.run() }
    }

    /// The TLS that `mode` asks for, and whether the connection fails without it; nil for none.
    private static func tlsSettings(_ mode: DatabaseURL.TLSMode) -> (configuration: TLSConfiguration, required: Bool)? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return nil
        case .prefer, .require:
            // As libpq's sslmode=require: encrypted, the certificate not checked.
            configuration.certificateVerification = .none
            return (configuration, mode == .require)
        case .verifyFull:
            return (configuration, true)
        }
    }

    /// Closes every connection; the storage cannot be used after.
    public func close() {
        running.cancel()
    }

    deinit { running.cancel() }

    // MARK: - LedgerStorage

    public func prepare(defaultAccount: Account, createdAt: Date, idempotencyCutoff: Date, deliveryCutoff: Date) async throws -> LedgerState {
        try await transaction { [self] connection in
            _ = try await LedgerWrite.insert(defaultAccount, createdAt: createdAt, on: connection, logger: logger)
            // Replicas started with other defaults agree on the first one's: signals naming no account go to one place.
            try await connection.query(
                "INSERT INTO setting (key, value) VALUES ('current_account', \(defaultAccount.name)) ON CONFLICT (key) DO NOTHING",
                logger: logger
            )
            try await LedgerWrite.pruneIdempotency(before: idempotencyCutoff).apply(connection, logger: logger)
            try await LedgerWrite.pruneDeliveries(before: deliveryCutoff).apply(connection, logger: logger)
        }
        return LedgerState(nextOrderID: 0, lastPrices: try await lastPrices(), currentAccount: try await currentAccount())
    }

    public func account(named name: String) async throws -> Account? {
        try await snapshot { [self] connection in try await Self.account(named: name, on: connection, logger: logger) }
    }

    /// The account as committed; `forUpdate` locks its row until the transaction ends.
    static func account(
        named name: String,
        on connection: PostgresConnection,
        logger: Logger,
        forUpdate: Bool = false
    ) async throws
        -> Account?
    {
        let lock: PostgresQuery =
            forUpdate
            ? "SELECT name, cash::text, allows_short FROM account WHERE name = \(name) FOR UPDATE"
            : "SELECT name, cash::text, allows_short FROM account WHERE name = \(name)"
        guard let row = try await connection.query(lock, logger: logger).collect().first else { return nil }
        let (accountName, cash, allowsShort) = try row.decode((String, String, Bool).self)
        var account = Account(name: accountName, cash: try PostgresRows.decimal(cash, "cash"), allowsShortSelling: allowsShort)
        let reserved = try await connection.query(
            "SELECT COALESCE(SUM(reserved), 0)::text FROM working_order WHERE account = \(name) AND status = 'working'",
            logger: logger
        ).collect().first?.decode(String.self)
        account.reserved = try PostgresRows.decimal(reserved ?? "0", "reserved")
        let positions = try await connection.query(
            """
            SELECT symbol, quantity::text, cost_basis::text, realized_pnl::text, multiplier::text FROM position WHERE account = \(name)
            """,
            logger: logger
        ).collect()
        for row in positions {
            let (symbol, quantity, costBasis, realizedPnL, multiplier) = try row.decode((String, String, String, String, String).self)
            account.positions[symbol] = Position(
                symbol: symbol,
                quantity: try PostgresRows.decimal(quantity, "quantity"),
                costBasis: try PostgresRows.decimal(costBasis, "cost_basis"),
                realizedPnL: try PostgresRows.decimal(realizedPnL, "realized_pnl"),
                multiplier: try PostgresRows.decimal(multiplier, "multiplier")
            )
        }
        return account
    }

    public func commit(_ writes: [LedgerWrite]) async throws {
        try await transaction { [self] connection in
            for write in writes { try await write.apply(connection, logger: logger) }
        }
    }

    public nonisolated(nonsending) func idempotencyRecord(account: String, key: String) async throws -> IdempotencyRecord? {
        try await rows(
            "SELECT \(unescaped: PostgresRows.idempotencyColumns) FROM idempotency WHERE account = \(account) AND key = \(key)",
            PostgresRows.idempotencyRecord
        ).first
    }

    public func orders(ids: [Int64]) async throws -> [Order] {
        guard !ids.isEmpty else { return [] }
        let orders = try await rows("SELECT \(unescaped: PostgresRows.orderColumns) FROM orders WHERE id = ANY(\(ids))", PostgresRows.order)
        let byID = Dictionary(uniqueKeysWithValues: orders.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    public func orders(account: String?, symbol: String?, status: OrderStatus?, limit: Int) async throws -> [Order] {
        try await rows(
            """
            SELECT \(unescaped: PostgresRows.orderColumns) FROM orders
            WHERE (\(account)::text IS NULL OR account = \(account)) AND (\(symbol)::text IS NULL OR symbol = \(symbol))
                AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
            ORDER BY id DESC LIMIT \(limit)
            """,
            PostgresRows.order
        )
    }

    public func workingOrders(status: OrderStatus, account: String?, symbol: String?, limit: Int) async throws -> [WorkingOrder] {
        try await rows(
            """
            SELECT \(unescaped: PostgresRows.workingOrderColumns) FROM working_order
            WHERE status = \(status.rawValue) AND (\(account)::text IS NULL OR account = \(account)) AND (\(symbol)::text IS NULL OR symbol = \(symbol))
            ORDER BY id DESC LIMIT \(limit)
            """,
            PostgresRows.workingOrder
        )
    }

    public func workingOrder(id: Int64) async throws -> WorkingOrder? {
        try await rows("SELECT \(unescaped: PostgresRows.workingOrderColumns) FROM working_order WHERE id = \(id)", PostgresRows.workingOrder).first
    }

    public func statements() async throws -> [AccountStatement] {
        try await snapshot { [self] connection in
            let names = try await connection.query("SELECT name FROM account ORDER BY name", logger: logger).collect()
                .map { try $0.decode(String.self) }
            let prices = try await lastPrices(on: connection)
            var statements: [AccountStatement] = []
            for name in names {
                if let account = try await Self.account(named: name, on: connection, logger: logger) {
                    statements.append(AccountStatement(account: account, lastPrices: prices))
                }
            }
            return statements
        }
    }

    public func statement(account name: String) async throws -> AccountStatement? {
        try await snapshot { [self] connection in
            guard let account = try await Self.account(named: name, on: connection, logger: logger) else { return nil }
            return AccountStatement(account: account, lastPrices: try await lastPrices(on: connection))
        }
    }

    public func equityHistory(account name: String, limit: Int) async throws -> [EquityPoint] {
        try await rows(
            """
            SELECT time, order_id, cash::text, equity::text FROM
                (SELECT * FROM equity_point WHERE account = \(name) ORDER BY id DESC LIMIT \(limit)) AS latest
            ORDER BY id
            """,
            PostgresRows.equityPoint
        )
    }

    public func deliveries(limit: Int) async throws -> [Delivery] {
        try await rows(
            """
            SELECT id, time, remote_address, path, adapter, status, outcome, order_id, latency_us, body FROM delivery
            ORDER BY id DESC LIMIT \(limit)
            """,
            PostgresRows.delivery
        )
    }

    // MARK: - SharedLedgerStorage

    public func currentAccount() async throws -> String? {
        try await rows("SELECT value FROM setting WHERE key = 'current_account'") { try $0.decode(String.self) }.first
    }

    public func lastPrices() async throws -> [String: Decimal] {
        try await leased { [self] connection in try await lastPrices(on: connection) }
    }

    /// The last prices of `symbols`, or of every symbol when nil.
    func lastPrices(of symbols: Set<String>? = nil, on connection: PostgresConnection) async throws -> [String: Decimal] {
        let query: PostgresQuery =
            if let symbols { "SELECT symbol, price::text FROM last_price WHERE symbol = ANY(\(Array(symbols))::text[])" } else {
                "SELECT symbol, price::text FROM last_price"
            }
        var prices: [String: Decimal] = [:]
        for row in try await connection.query(query, logger: logger).collect() {
            let (symbol, price) = try row.decode((String, String).self)
            prices[symbol] = try PostgresRows.decimal(price, "price")
        }
        return prices
    }

    public func addAccount(_ account: Account, createdAt: Date) async throws {
        try await transaction { [self] connection in
            guard try await LedgerWrite.insert(account, createdAt: createdAt, on: connection, logger: logger) else {
                throw LedgerError.accountExists(name: account.name)
            }
        }
    }
}
