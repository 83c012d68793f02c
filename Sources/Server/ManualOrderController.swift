import Adapters
import Core
import Foundation
import Hummingbird
import JSON
import Ledger

/// `POST /api/orders`: an order placed by hand from the web page or a script, by an admin, through the same engine
/// and with the same reply as a webhook order. The body has the standard adapter's fields (`symbol`, `side`, `qty`,
/// `price`, optional `account` and `id`); an `Idempotency-Key` header or the `id` makes it safe to repeat.
/// `DELETE /api/orders/{id}` cancels a working order, giving back the cash it held.
struct ManualOrderController: Sendable {
    let gatekeeper: Gatekeeper
    let ledger: Ledger
    let events: EventHub
    let metrics: ServerMetrics
    /// The built-in standard adapter, whatever the configured rules hold: manual orders always read the same fields.
    let normalizer: Normalizer

    init(gatekeeper: Gatekeeper, ledger: Ledger, events: EventHub, metrics: ServerMetrics) throws {
        self.gatekeeper = gatekeeper
        self.ledger = ledger
        self.events = events
        self.metrics = metrics
        guard let standard = try DefaultRules.load().adapter(named: "standard") else { throw APIError.storageUnavailable }
        self.normalizer = Normalizer(rules: AdapterSet(adapters: [standard]))
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/orders") { request, context in
            try await place(request, context)
        }
        router.delete("/api/orders/{id}") { request, context in
            try await cancel(request, context)
        }
    }

    private func place(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try await gatekeeper.admin(request, context)
        var request = request
        let body = try await request.body(upTo: 64 * 1024)
        let normalization = normalizer.normalize(body: body.readableBytesView)
        let signal: Signal
        switch normalization.outcome {
        case .success(let normalized): signal = normalized
        case .failure(let error): throw APIError(error)
        }
        // A form's quantity is never guessed: the standard adapter's default of 100 is for webhooks.
        if normalization.fields.first(where: { $0.field == .qty })?.source == .defaultValue {
            throw APIError.invalidField("qty", "is required for a manual order", "手动下单必须填写")
        }
        let key = try request.idempotencyKey ?? signal.clientID
        // Manual keys have their own namespace: a form's id never collides with a webhook's.
        let claim = key.map { IdempotencyClaim(key: "manual:" + $0, fingerprint: normalization.fingerprint) }
        let outcome: Ledger.Outcome
        do {
            outcome = try await ledger.execute(signal, account: signal.account, source: "manual", adapter: nil, idempotency: claim)
        } catch LedgerError.idempotencyConflict {
            // The conflict names the key as the admin sent it, not as it is kept.
            throw APIError(LedgerError.idempotencyConflict(key: key ?? ""))
        }
        if case .executed(let execution) = outcome, !execution.orders.isEmpty {
            await events.publish(.orders(execution))
            for order in execution.orders { metrics.orders(status: order.status.rawValue) }
        }
        let reply = outcome.execution.reply(language: request.language)
        var response = Response.json(reply.body, status: reply.status)
        if case .replayed = outcome { response.headers[.idempotentReplayed] = "true" }
        return response
    }
}

extension ManualOrderController {
    /// Cancels the working order the path names: 200 with the order as cancelled, 404 for an unknown id, 409 for
    /// an order that has ended. Cancelling twice is safe: the second answers 409 and changes nothing.
    private func cancel(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try await gatekeeper.admin(request, context)
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw APIError.invalidParameter("id", "must be an order id (a whole number above 0), got '\(text)'", "必须是订单号 (大于 0 的整数), 收到 '\(text)'")
        }
        let order = try await ledger.cancel(order: id)
        await events.publish(["type": "orders", "account": .string(order.account), "order_ids": [.number(String(order.id))]])
        metrics.orders(status: order.status.rawValue)
        return .json(["status": "ok", "order": order.json(language: request.language)])
    }
}

extension JSON {
    /// The event that tells pages an execution recorded orders.
    static func orders(_ execution: Execution) -> JSON {
        [
            "type": "orders", "account": execution.orders.first.map { .string($0.account) } ?? .null,
            "order_ids": .array(execution.orders.map { .number(String($0.id)) }),
        ]
    }
}
