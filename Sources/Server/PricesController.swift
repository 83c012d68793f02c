import Adapters
import Core
import Foundation
import Hummingbird
import JSON
import Ledger

/// `POST /api/prices`: the market's prices over time, as marks. Authenticated as a webhook is: the server's token
/// takes any symbol, an account's token the symbols its account holds or has orders working on.
struct PricesController: Sendable {
    let configuration: ServerConfiguration
    let ledger: Ledger
    let rules: LiveRules
    let events: EventHub
    let metrics: ServerMetrics
    let clientAddress: ClientAddress

    init(configuration: ServerConfiguration, ledger: Ledger, rules: LiveRules, events: EventHub, metrics: ServerMetrics) {
        self.configuration = configuration
        self.ledger = ledger
        self.rules = rules
        self.events = events
        self.metrics = metrics
        self.clientAddress = ClientAddress(trustedProxies: configuration.trustedProxies)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/prices") { request, context in
            try await record(request, context)
        }
    }

    private func record(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let body = try await request.body(upTo: configuration.maxBodySize)
        let now = Date()
        let (marks, token) = try MarkReader.marks(in: body.readableBytesView, now: now)
        var normalization = Normalization(body: Body(body.readableBytesView), outcome: .failure(.noMatchingAdapter))
        normalization.token = token
        let client = clientAddress.resolve(connection: context.remoteAddress?.ipAddress, headers: request.headers)
        let grant: WebhookGuard.Grant
        do {
            grant = try await rules.current.webhookGuard.admit(request, body: body.readableBytesView, normalization: normalization, client: client)
        } catch let error as APIError where error.code == "unauthorized" {
            throw APIError.unauthorized
        }
        if case .account(let bound) = grant { try await check(marks, for: bound) }
        let outcomes: [MarkOutcome]
        do {
            outcomes = try await ledger.record(marks)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        var (applied, stale, fills) = (0, 0, 0)
        for outcome in outcomes {
            switch outcome {
            case .applied(let filled): (applied, fills) = (applied + 1, fills + filled)
            case .stale: stale += 1
            }
        }
        metrics.marks(applied: applied, stale: stale)
        if applied > 0 { await events.publish(["type": "prices"]) }
        if fills > 0 { await events.publish(["type": "orders"]) }
        return .json([
            "status": "ok", "marks": .number(String(marks.count)), "applied": .number(String(applied)), "stale": .number(String(stale)),
            "fills": .number(String(fills)),
        ])
    }

    /// An account's token marks only what its account trades: the symbols it holds or has orders working on.
    private func check(_ marks: [Mark], for account: String) async throws {
        let held = Set(try await ledger.account(named: account)?.positions.filter { $0.value.quantity != 0 }.keys.map { $0 } ?? [])
        let working = Set(try await ledger.workingOrders(account: account, limit: 10_000).map(\.symbol))
        for mark in marks where !held.contains(mark.symbol) && !working.contains(mark.symbol) {
            throw APIError(
                status: .forbidden,
                code: "symbol_not_allowed",
                message: LocalizedMessage(
                    english: "The token of account '\(account)' may mark only symbols the account holds or has orders working on, not \(mark.symbol)",
                    chinese: "账户 '\(account)' 的 Token 只能报价该账户持有或有挂单的代码, 不能报价 \(mark.symbol)"
                )
            )
        }
    }
}
