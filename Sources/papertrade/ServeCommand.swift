import Adapters
import ArgumentParser
import Core
import Foundation
import Ledger
import PostgresLedger
import SQLiteLedger
import Server

/// `papertrade serve`: the webhook server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the webhook server.",
        discussion:
            "WEBHOOK_TOKEN (from the environment or ./.env) is the webhook token for every account; account tokens and adapter signatures are the other ways in."
    )

    @Option(help: "Address to listen on (env PAPERTRADE_HOST). Default: 127.0.0.1")
    var host: String?

    @Option(help: "Port (env PAPERTRADE_PORT). Default: 11182")
    var port: Int?

    @OptionGroup var location: LedgerLocation

    @Option(help: "Adapter rules (env PAPERTRADE_ADAPTERS). Default: ./adapters.yaml if present, else the built-in rules")
    var adapters: String?

    @Flag(help: "Listen on a public address without a webhook token (anyone who can reach it can trade).")
    var allowUnauthenticated = false

    @Option(help: "Largest accepted request body, in bytes.")
    var maxBodySize = 64 * 1024

    @Option(help: "Days the delivery log keeps each request.")
    var deliveryRetentionDays = 30

    @Option(
        name: .customLong("trusted-proxy"),
        help: "A proxy (address or range) whose X-Forwarded-For names the client; repeatable (env PAPERTRADE_TRUSTED_PROXIES, comma-separated)."
    )
    var trustedProxies: [String] = []

    @Option(help: "Webhook requests a second each client address may send, in bursts of twice as many; 0 for no limit.")
    var rateLimit: Double = 20

    @Flag(help: "Limit clients on this machine too, by the rate limit and the connections per address (neither applies to them by default).")
    var rateLimitLoopback = false

    @Option(help: "Seconds between looks at the rules and instruments files, reloaded when they change; 0 to reload on SIGHUP only.")
    var watchInterval: Double = 2

    @Option(help: "Seconds a connection may stay silent between requests before it is closed.")
    var idleTimeout: Double = 30

    @Option(help: "Seconds within which a request must be read whole, headers and body, from its first byte.")
    var requestTimeout: Double = 30

    @Option(help: "Connections one client address may have open at once (trusted proxies and this machine excepted); 0 for no limit.")
    var maxConnectionsPerClient = 64

    @OptionGroup var account: DefaultAccountOptions
    @OptionGroup var model: ExecutionModelOptions

    func validate() throws {
        for (flag, seconds) in [("--idle-timeout", idleTimeout), ("--request-timeout", requestTimeout)] where !(0.1...3600).contains(seconds) {
            throw ValidationError("\(flag) must be from 0.1 to 3600 seconds")
        }
        guard maxConnectionsPerClient >= 0 else { throw ValidationError("--max-connections-per-client must be 0 (no limit) or more") }
        guard (1...16 * 1024 * 1024).contains(maxBodySize) else { throw ValidationError("--max-body-size must be from 1 to 16777216 bytes") }
        guard deliveryRetentionDays >= 1 else { throw ValidationError("--delivery-retention-days must be at least 1") }
        guard watchInterval == 0 || (0.05...3600).contains(watchInterval) else {
            throw ValidationError("--watch-interval must be 0 (SIGHUP only) or from 0.05 to 3600 seconds")
        }
        guard rateLimit == 0 || (0.001...1_000_000).contains(rateLimit) else {
            throw ValidationError("--rate-limit must be 0 (no limit) or more requests a second")
        }
    }

    func run() async throws {
        let environment = Environment.current
        var configuration: ServerConfiguration
        do {
            let (rules, source) = try AdapterSet.configured(path: adapters, environment: environment)
            configuration = ServerConfiguration(rules: rules)
            configuration.rulesSource = source
            (configuration.executionModel, configuration.instrumentsSource) = try model.executionModel(environment: environment)
        } catch let error as InvalidRules {
            throw CommandFailure(error.description).exit()
        }
        configuration.host = host ?? environment["PAPERTRADE_HOST"] ?? configuration.host
        configuration.port = try port ?? environment["PAPERTRADE_PORT"].map(parsePort) ?? configuration.port
        configuration.dataDirectory = location.directory
        configuration.webhookToken = environment["WEBHOOK_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let proxies =
            trustedProxies.isEmpty ? (environment["PAPERTRADE_TRUSTED_PROXIES"]?.split(separator: ",").map(String.init) ?? []) : trustedProxies
        configuration.trustedProxies = try proxies.map { text in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let range = AddressRange(trimmed) else {
                throw CommandFailure("--trusted-proxy '\(trimmed)' is not an address or a range such as 10.0.0.0/8").exit()
            }
            return range
        }
        configuration.rateLimit = rateLimit == 0 ? nil : rateLimit
        configuration.rateLimitsLoopback = rateLimitLoopback
        configuration.environment = environment.values
        configuration.allowsAnonymousWebhooks = configuration.isLoopbackOnly || allowUnauthenticated
        configuration.maxBodySize = maxBodySize
        configuration.idleTimeout = .milliseconds(Int(idleTimeout * 1000))
        configuration.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        configuration.maxConnectionsPerClient = maxConnectionsPerClient == 0 ? nil : maxConnectionsPerClient
        configuration.defaultAccountName = account.defaultAccount
        configuration.defaultAccountCash = account.defaultCash
        // Account tokens guard the webhook too: with one, every webhook needs a token. A SQLite ledger is asked
        // before anything is created; a shared database once it is reached.
        func refuseAnUnguardedStart(hasAccountTokens: Bool) throws {
            guard configuration.webhookToken == nil, !hasAccountTokens, !configuration.isLoopbackOnly, !allowUnauthenticated else { return }
            throw CommandFailure(
                "refusing to listen on \(configuration.host) without WEBHOOK_TOKEN: anyone who reaches it could trade. "
                    + "Set WEBHOOK_TOKEN (or give accounts tokens with 'papertrade account token NAME'), "
                    + "or pass --allow-unauthenticated for a trusted network."
            ).exit()
        }
        let isShared = try location.postgres() != nil
        if !isShared { try refuseAnUnguardedStart(hasAccountTokens: try LedgerSnapshot.hasAccountTokens(directory: configuration.dataDirectory)) }
        let opened = try await openLedger(configuration)
        let (storage, ledger, metrics) = (opened.storage, opened.ledger, opened.metrics)
        let hasAccountTokens = try await storage.hasAccountTokens()
        if isShared { try refuseAnUnguardedStart(hasAccountTokens: hasAccountTokens) }
        let (adapters, options) = (self.adapters, model)
        let reload = ReloadSources(
            rules: { try AdapterSet.configured(path: adapters, environment: environment).0 },
            executionModel: { try options.executionModel(environment: environment).0 },
            files: [configuration.rulesSource, configuration.instrumentsSource].filter { FileManager.default.fileExists(atPath: $0) },
            pollInterval: watchInterval == 0 ? nil : .milliseconds(Int(watchInterval * 1000))
        )
        let app = try startable {
            try buildApplication(configuration: configuration, ledger: ledger, users: storage, reload: reload, metrics: metrics)
        }
        var banner =
            "papertrade listening on http://\(configuration.host):\(configuration.port) — rules: \(configuration.rulesSource), "
            + "instruments: \(configuration.instrumentsSource), data: \(try location.described()), token: \(configuration.webhookToken != nil ? "on" : hasAccountTokens ? "account tokens" : "off")\n"
        if try await !storage.hasUsers() {
            banner +=
                configuration.isLoopbackOnly
                ? "No users yet: the page and the read API are open to this machine. Create an admin to sign in and trade by hand:\n"
                    + "  papertrade user add NAME --role admin \(ledgerOption)\n"
                : "No users yet: the page and the read API refuse everyone until you create an admin:\n"
                    + "  papertrade user add NAME --role admin \(ledgerOption)\n"
        }
        if let token = configuration.webhookToken, token.utf8.count < 16 {
            banner +=
                "Warning: WEBHOOK_TOKEN has \(token.utf8.count) characters, which can be guessed"
                + (token.utf8.count < 8 ? ", and is too short to be found and taken out of the delivery log outside its own field" : "")
                + ": make one with python -c \"import secrets; print(secrets.token_urlsafe(32))\"\n"
        }
        // Written straight to the file descriptor: print() is block-buffered when stdout is a pipe.
        FileHandle.standardOutput.write(Data(banner.utf8))
        try await app.runService()
        withExtendedLifetime(opened.lock) {}
    }

    /// How a command names this server's ledger.
    private var ledgerOption: String {
        (try? location.postgres()) != nil ? "(with the same DATABASE_URL)" : "--data \(location.directory)"
    }

    /// The ledger and its storage: SQLite in the data directory, which this server then holds alone, or a shared
    /// PostgreSQL database, waited for while it cannot be reached.
    private func openLedger(
        _ configuration: ServerConfiguration
    ) async throws
        -> (storage: any LedgerStore, ledger: Ledger, metrics: ServerMetrics, lock: DataDirectoryLock?)
    {
        let metrics = ServerMetrics()
        func open(_ storage: any LedgerStorage) async throws -> Ledger {
            try await Ledger.open(
                storage: storage,
                engine: Engine(model: configuration.executionModel),
                defaultAccount: Account(name: configuration.defaultAccountName, cash: configuration.defaultAccountCash),
                deliveryRetention: TimeInterval(deliveryRetentionDays) * 86_400,
                observer: metrics
            )
        }
        if let url = try location.postgres() {
            var delay = Duration.milliseconds(250)
            while true {
                do {
                    let storage = try await PostgresStorage.connect(url)
                    do {
                        return (storage, try await open(storage), metrics, nil)
                    } catch {
                        storage.close()
                        throw error
                    }
                } catch  where PostgresStorage.isUnreachable(error) {
                    FileHandle.standardError.write(Data("waiting for the database \(url): \(PostgresStorage.describe(error))\n".utf8))
                    try await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(5))
                } catch {
                    throw CommandFailure("cannot use the database \(url): \(PostgresStorage.describe(error))").exit()
                }
            }
        }
        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        } catch let error as DataDirectoryError {
            throw CommandFailure(error.message.english).exit()
        }
        let storage = try SQLiteStorage(directory: configuration.dataDirectory)
        return (storage, try await open(storage), metrics, lock)
    }

    private func parsePort(_ text: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw CommandFailure("PAPERTRADE_PORT must be a port number, got '\(text)'").exit()
        }
        return port
    }
}

/// Runs `build`, turning a setting the server cannot start with into a one-line failure.
private func startable<T>(_ build: () throws -> T) throws -> T {
    do {
        return try build()
    } catch let problem as ConfigurationProblem {
        throw CommandFailure(problem.description).exit()
    }
}

/// The account signals go to when they name none.
struct DefaultAccountOptions: ParsableArguments {
    @Option(help: "Name of the default account, created on first start.")
    var defaultAccount = Account.defaultName

    @Option(help: "Cash of the default account when it is created.")
    var defaultCash = Account.defaultStartingCash

    func validate() throws {
        guard !defaultAccount.isEmpty else { throw ValidationError("--default-account must not be empty") }
        guard defaultCash >= 0, defaultCash <= Limits.maximumAmount else { throw ValidationError("--default-cash must be from 0 to 1e15") }
    }
}

/// Paper execution parameters: the instruments file, and overrides for symbols it does not name.
struct ExecutionModelOptions: ParsableArguments {
    @Option(
        help:
            "Instruments: tick, step, multiplier, slippage and fees per symbol pattern (env PAPERTRADE_INSTRUMENTS). Default: ./instruments.yaml if present, else the built-in copy."
    )
    var instruments: String?

    @Option(help: "Slippage against the trader, in basis points, for symbols no instrument names.")
    var slippageBps: Decimal?

    @Option(help: "Commission as a fraction of value (0.001 is 0.1 %), for symbols no instrument names.")
    var commissionRate: Decimal?

    @Option(help: "Smallest commission per order, for symbols no instrument names.")
    var minCommission: Decimal?

    @Option(help: "Price tick execution prices are rounded to, for symbols no instrument names.")
    var priceTick: Decimal?

    @Option(help: "Share of the requested quantity that fills, in (0, 1].")
    var fillRate = ExecutionModel().fillRate

    func validate() throws {
        guard fillRate > 0, fillRate <= 1 else { throw ValidationError("--fill-rate must be greater than 0 and at most 1") }
        // The same bounds as the instruments file's.
        guard (0..<10_000).contains(slippageBps ?? 0) else { throw ValidationError("--slippage-bps must be from 0 to less than 10000") }
        guard (0..<1).contains(commissionRate ?? 0) else { throw ValidationError("--commission-rate must be from 0 to less than 1") }
        guard (0...Limits.maximumAmount).contains(minCommission ?? 0) else { throw ValidationError("--min-commission must be from 0 to 1e15") }
        guard priceTick.map({ $0 > 0 && $0 <= Limits.maximumAmount }) ?? true else {
            throw ValidationError("--price-tick must be greater than 0 and at most 1e15")
        }
    }

    /// The execution model and where its instruments came from.
    /// - throws: `InvalidRules` when the instruments file is invalid.
    func executionModel(environment: Environment) throws(InvalidRules) -> (ExecutionModel, source: String) {
        var model = ExecutionModel()
        let source: String
        if let path = instruments ?? environment["PAPERTRADE_INSTRUMENTS"] {
            (model.instruments, source) = (try InstrumentsLoader.load(path: path), path)
        } else if FileManager.default.fileExists(atPath: "instruments.yaml") {
            (model.instruments, source) = (try InstrumentsLoader.load(path: "instruments.yaml"), "instruments.yaml")
        } else {
            (model.instruments, source) = (try DefaultInstruments.load(), "built-in instruments")
        }
        if let slippageBps { model.instruments.fallback.slippage = .basisPoints(slippageBps) }
        if let commissionRate { model.instruments.fallback.fees.rate = commissionRate }
        if let minCommission { model.instruments.fallback.fees.minimum = minCommission }
        if let priceTick { model.instruments.fallback.priceTick = priceTick }
        model.fillRate = fillRate
        return (model, source)
    }
}
