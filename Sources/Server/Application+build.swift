import Hummingbird
import Ledger
import Logging
import ServiceLifecycle

/// Builds the application: routes over one ledger. Called by `papertrade serve` and by the tests alike.
public func buildApplication(configuration: ServerConfiguration, ledger: Ledger, logger: Logger? = nil) -> some ApplicationProtocol {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RouteNotFoundMiddleware())
    WebhookController(configuration: configuration, ledger: ledger).addRoutes(to: router)
    ReadController(configuration: configuration, ledger: ledger).addRoutes(to: router)
    var logger = logger ?? Logger(label: "papertrade")
    if logger.logLevel > .info { logger.logLevel = .info }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "papertrade"),
        services: [LedgerService(ledger: ledger)],
        logger: logger
    )
}

/// Keeps the ledger for the life of the server and writes whatever is still queued when the server stops.
struct LedgerService: Service {
    let ledger: Ledger

    func run() async throws {
        try? await gracefulShutdown()
        await ledger.flush()
    }
}
