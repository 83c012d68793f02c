import Hummingbird
import HummingbirdCore
import Ledger
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the application: routes over one ledger, its users and its account tokens. Called by `papertrade serve` and
/// by the tests alike.
/// - throws: `ConfigurationProblem` when a setting cannot be used, such as a signing secret that is missing.
public func buildApplication(
    configuration: ServerConfiguration,
    ledger: Ledger,
    users: any UserStore & AccountTokenStore,
    reload: ReloadSources? = nil,
    metrics: ServerMetrics = ServerMetrics(),
    logger: Logger? = nil
) throws -> Application<HeadResponder<RouterResponder<AppRequestContext>>> {
    var logger = logger ?? Logger(label: "papertrade") { DeferredMetadataLogHandler(label: $0) }
    if logger.logLevel > .info { logger.logLevel = .info }
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: NoSniffMiddleware())
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorReplyMiddleware())
    let routes = RouteFallbackMiddleware.Routes()
    router.add(middleware: RouteFallbackMiddleware(routes: routes))
    let gatekeeper = Gatekeeper(users: users, isLoopbackOnly: configuration.isLoopbackOnly, port: configuration.port)
    let events = EventHub(shared: ledger.storage as? any SharedEvents)
    let rules = try LiveRules(configuration: configuration, accountTokens: users)
    WebhookController(configuration: configuration, ledger: ledger, rules: rules, events: events, metrics: metrics).addRoutes(to: router)
    PricesController(configuration: configuration, ledger: ledger, rules: rules, events: events, metrics: metrics).addRoutes(to: router)
    ReadController(configuration: configuration, ledger: ledger, gatekeeper: gatekeeper, rules: rules, metrics: metrics).addRoutes(to: router)
    AuthController(
        gatekeeper: gatekeeper,
        throttle: LoginThrottle(),
        ledger: ledger,
        clientAddress: ClientAddress(trustedProxies: configuration.trustedProxies)
    ).addRoutes(to: router)
    try ManualOrderController(gatekeeper: gatekeeper, ledger: ledger, events: events, metrics: metrics).addRoutes(to: router)
    AccountAdminController(gatekeeper: gatekeeper, ledger: ledger, events: events).addRoutes(to: router)
    DryRunController(configuration: configuration, gatekeeper: gatekeeper, ledger: ledger, rules: rules).addRoutes(to: router)
    EventsController(gatekeeper: gatekeeper, events: events).addRoutes(to: router)
    WebPageController().addRoutes(to: router)
    routes.record(router.routes)
    var services: [any Service] = [LedgerService(ledger: ledger), EventService(events: events)]
    if let reload { services.append(RulesReloadService(sources: reload, rules: rules, ledger: ledger, metrics: metrics, logger: logger)) }
    let limiter = ConnectionLimiter(
        limit: configuration.maxConnectionsPerClient,
        trustedProxies: configuration.trustedProxies,
        limitsLoopback: configuration.rateLimitsLoopback
    )
    let timeouts = ConnectionGuard.Timeouts(idle: TimeAmount(configuration.idleTimeout), request: TimeAmount(configuration.requestTimeout))
    let http = HTTP1Channel.Configuration(additionalChannelHandlers: [ConnectionGuard(limiter: limiter, timeouts: timeouts, metrics: metrics)])
    return Application(
        responder: HeadResponder(base: router.buildResponder()),
        server: .http1(configuration: http),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "papertrade"),
        services: services,
        logger: logger
    )
}

/// Hears the other servers' events for the life of the server.
struct EventService: Service {
    let events: EventHub

    func run() async throws {
        await events.start()
        try? await gracefulShutdown()
        await events.stop()
    }
}

/// Keeps the ledger for the life of the server and writes whatever is still queued when the server stops.
struct LedgerService: Service {
    let ledger: Ledger

    func run() async throws {
        try? await gracefulShutdown()
        await ledger.flush()
    }
}
