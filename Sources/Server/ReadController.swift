import Adapters
import Core
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import Ledger

/// The read API: accounts, orders, deliveries, adapters and health. Reads use database snapshots, never the writer.
struct ReadController: Sendable {
    let configuration: ServerConfiguration
    let ledger: Ledger
    let gatekeeper: Gatekeeper
    let rules: LiveRules
    let metrics: ServerMetrics

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in Response.json(["status": "ok"]) }
        // Prometheus' text format, for a reader: a scraper sends an API token.
        router.get("/metrics") { request, context in
            _ = try await gatekeeper.reader(request, context)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.text))
            )
        }
        router.get("/api/accounts") { request, context in
            try await read(request, context) { _ in .array(try await ledger.statements().map(\.json)) }
        }
        router.get("/api/accounts/:name") { request, context in
            try await read(request, context) { language in
                let name = try context.name(parameter: "name")
                guard let statement = try await ledger.statement(account: name) else { throw APIError(LedgerError.unknownAccount(name: name)) }
                return statement.json
            }
        }
        router.get("/api/accounts/:name/equity") { request, context in
            try await read(request, context) { _ in
                let name = try context.name(parameter: "name")
                guard try await ledger.statement(account: name) != nil else { throw APIError(LedgerError.unknownAccount(name: name)) }
                return .array(try await ledger.equityHistory(account: name, limit: try limit(request, default: 1000, maximum: 100_000)).map(\.json))
            }
        }
        router.get("/api/orders") { request, context in
            try await read(request, context) { language in
                let (account, symbol, limit) = (try request.name(query: "account"), try request.name(query: "symbol"), try limit(request))
                let status = try Self.status(request)
                // Working, cancelled and expired orders are the working orders' own; fills and refusals are orders.
                if let status, status == .working || status == .canceled || status == .expired {
                    let orders = try await ledger.workingOrders(status: status, account: account, symbol: symbol, limit: limit)
                    return .array(orders.map { $0.json(language: language) })
                }
                let orders = try await ledger.orders(account: account, symbol: symbol, status: status, limit: limit)
                return .array(orders.map { $0.json(language: language) })
            }
        }
        router.get("/api/deliveries") { request, context in
            try await read(request, context) { _ in .array(try await ledger.deliveries(limit: try limit(request)).map(\.json)) }
        }
        router.get("/api/adapters") { request, context in
            try await read(request, context) { _ in
                let current = rules.current
                var object: JSONObject = [
                    "source": .string(rules.source), "loaded_at": .string(Order.timeText(current.loadedAt)),
                    "adapters": .array(current.rules.adapters.map(\.summaryJSON)),
                ]
                // A reload that failed: the rules above keep serving until the file is fixed.
                if let failure = rules.failure {
                    object["reload_error"] = ["message": .string(failure.message), "at": .string(Order.timeText(failure.at))]
                }
                return .object(object)
            }
        }
    }

    /// The `status` an order listing asks for; nil for every order recorded.
    private static func status(_ request: Request) throws(APIError) -> OrderStatus? {
        guard let text = request.uri.queryParameters.get("status") else { return nil }
        guard let status = OrderStatus(rawValue: text.lowercased()) else {
            let names = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidParameter("status", "must be one of \(names), got '\(text)'", "必须是 \(names) 之一, 收到 '\(text)'")
        }
        return status
    }

    /// Runs a read for a caller who may read, in the language the request asks for.
    private func read(_ request: Request, _ context: AppRequestContext, _ body: (Language) async throws -> JSON) async throws -> Response {
        _ = try await gatekeeper.reader(request, context)
        return .json(try await body(request.language))
    }

    /// The `limit` query parameter: 1 to 1000, 100 when absent.
    private func limit(_ request: Request, default fallback: Int = 100, maximum: Int = 1000) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return fallback }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw APIError.invalidParameter(
                "limit",
                "must be a whole number from 1 to \(maximum), got '\(text)'",
                "必须是 1 到 \(maximum) 的整数, 收到 '\(text)'"
            )
        }
        return value
    }
}

extension EquityPoint {
    /// One point of an equity curve: time, cash, equity, and the order that made it.
    var json: JSON {
        ["time": .string(Order.timeText(time)), "order_id": orderID.map { .number(String($0)) } ?? .null, "cash": JSON(cash), "equity": JSON(equity)]
    }
}

extension AccountStatement {
    /// Cash, equity and P&L, and each position with its average cost and value at the last price.
    var json: JSON {
        let positions = account.positions.values.sorted { $0.symbol < $1.symbol }.map { position -> JSON in
            var object: JSONObject = [
                "symbol": .string(position.symbol), "qty": JSON(position.quantity), "avg_cost": JSON(position.averageCost),
                "cost_basis": JSON(position.costBasis), "realized_pnl": JSON(position.realizedPnL),
            ]
            if position.multiplier != 1 { object["multiplier"] = JSON(position.multiplier) }
            if let price = lastPrices[position.symbol] {
                object["last_price"] = JSON(price)
                object["market_value"] = JSON(position.marketValue(at: price))
                object["unrealized_pnl"] = JSON(position.unrealizedPnL(at: price))
            }
            return .object(object)
        }
        return [
            "name": .string(account.name), "cash": JSON(account.cash), "equity": JSON(equity), "realized_pnl": JSON(realizedPnL),
            "unrealized_pnl": JSON(unrealizedPnL), "allows_short": .bool(account.allowsShortSelling), "positions": .array(positions),
        ]
    }
}

extension Delivery {
    var json: JSON {
        [
            "id": id.map { .number(String($0)) } ?? .null, "time": .string(Order.timeText(time)),
            "remote_address": remoteAddress.map(JSON.string) ?? .null,
            "path": .string(path), "adapter": adapter.map(JSON.string) ?? .null, "status": .number(String(status)), "outcome": .string(outcome),
            "order_id": orderID.map { .number(String($0)) } ?? .null, "latency_us": .number(String(latencyMicroseconds)), "body": .string(body),
        ]
    }
}

extension Adapter {
    /// Name, description, body format, match rule and where each field comes from (its paths or its template).
    var summaryJSON: JSON {
        var object: JSONObject = ["name": .string(name)]
        object["description"] = description.map(JSON.string)
        object["body"] = .string(format.name)
        object["match"] = .string(match?.summary ?? "catch-all")
        object["fields"] = .object(
            JSONObject(
                TargetField.allCases.compactMap { field in
                    fields[field].map { rule in
                        JSONObject.Member(
                            key: field.rawValue,
                            value: rule.template.map { .string($0.source) } ?? .array(rule.aliases.map(JSON.string))
                        )
                    }
                }
            )
        )
        object["examples"] = .number(String(examples.count))
        if !security.allowFrom.isEmpty { object["allow_from"] = .array(security.allowFrom.map { .string($0.description) }) }
        if let signature = security.signature {
            object["signature"] = ["scheme": .string(signature.scheme.rawValue), "secret_env": .string(signature.secretVariable)]
        }
        object["max_age"] = maxAge.map { .number(String($0)) }
        object["dedupe_window"] = dedupeWindow.map { .number(String($0)) }
        return .object(object)
    }
}
