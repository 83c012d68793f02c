import Hummingbird
import Ledger
import Logging
import ServiceLifecycle

/// Builds the application: routes over one ledger, its users and its account tokens. Called by `papertrade serve` and
/// by the tests alike.
/// - throws: `ConfigurationProblem` when a setting cannot be used, such as a signing secret that is missing.
public func buildApplication(
    configuration: ServerConfiguration,
    ledger: Ledger,
    users: any UserStore & AccountTokenStore,
    logger: Logger? = nil
) throws -> some ApplicationProtocol {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RouteNotFoundMiddleware())
    let gatekeeper = Gatekeeper(users: users, isLoopbackOnly: configuration.isLoopbackOnly)
    let events = EventHub()
    try WebhookController(configuration: configuration, ledger: ledger, accountTokens: users, events: events).addRoutes(to: router)
    ReadController(configuration: configuration, ledger: ledger, gatekeeper: gatekeeper).addRoutes(to: router)
    AuthController(gatekeeper: gatekeeper, throttle: LoginThrottle(), ledger: ledger).addRoutes(to: router)
    try ManualOrderController(gatekeeper: gatekeeper, ledger: ledger, events: events).addRoutes(to: router)
    AccountAdminController(gatekeeper: gatekeeper, ledger: ledger, events: events).addRoutes(to: router)
    DryRunController(configuration: configuration, gatekeeper: gatekeeper, ledger: ledger).addRoutes(to: router)
    EventsController(gatekeeper: gatekeeper, events: events).addRoutes(to: router)
    WebPageController().addRoutes(to: router)
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
