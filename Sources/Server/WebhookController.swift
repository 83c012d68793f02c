import Adapters
import Core
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import Ledger
import Logging

/// `POST /api/webhook[/{adapter}]`: limit, normalize, admit, execute, reply — and log every delivery (a refused one
/// by an excerpt, and within a global budget).
struct WebhookController: Sendable {
    let configuration: ServerConfiguration
    let ledger: Ledger
    /// The rules in force: each request takes one set and keeps it to the end.
    let rules: LiveRules
    let events: EventHub
    let metrics: ServerMetrics
    let clientAddress: ClientAddress
    /// Requests per client address, when limited.
    let rateLimiter: RateLimiter?
    /// Refused requests (unauthenticated, unreadable, too large) logged per second at most, across all senders.
    let refusalLog = RateLimiter(rate: 20, burst: 100)
    /// What the delivery log and the log lines keep of a request has its credentials taken out.
    let scrubber: CredentialScrubber

    init(configuration: ServerConfiguration, ledger: Ledger, rules: LiveRules, events: EventHub, metrics: ServerMetrics) {
        self.configuration = configuration
        self.ledger = ledger
        self.events = events
        self.metrics = metrics
        self.rules = rules
        self.clientAddress = ClientAddress(trustedProxies: configuration.trustedProxies)
        self.rateLimiter = configuration.rateLimit.map { RateLimiter(rate: $0, burst: max(2 * $0, 2)) }
        self.scrubber = CredentialScrubber(webhookToken: configuration.webhookToken)
    }

    /// `/api/webhook` as the seed specifies it, and `/webhook` as its diagram draws it.
    func addRoutes(to router: Router<AppRequestContext>) {
        for path in ["/api/webhook", "/webhook"] {
            router.post(RouterPath(path)) { request, context in
                await handle(request, context: context, adapter: .success(nil))
            }
            router.post(RouterPath(path + "/:adapter")) { request, context in
                await handle(request, context: context, adapter: Result { () throws(APIError) in try context.name(parameter: "adapter") })
            }
        }
    }

    /// What the delivery log keeps of one request, filled in as it is handled.
    private struct DeliveryNote {
        /// The adapter the request named or was read by, with any credential taken out (a token sent as the path).
        var adapter: String?
        /// The request's path, with any credential taken out.
        var path = ""
        var outcome = "ok"
        var orderID: Int64?
        var body = ""
        /// Whether the request was admitted: a refused one keeps only an excerpt of its body, and may go unlogged.
        var admitted = false
        /// Whether the adapter is one of the request's rules, not merely a name a path asked for.
        var knownAdapter = false

        /// Records the refusal as the delivery's outcome and answers with it.
        mutating func refuse(_ error: APIError, language: Language) -> Response {
            outcome = error.code
            return error.response(language: language)
        }
    }

    /// - Parameter adapter: the adapter the path names (decoded and checked), nil for the adapters' match rules.
    private func handle(_ request: Request, context: AppRequestContext, adapter: Result<String?, APIError>) async -> Response {
        let started = ContinuousClock.now
        let time = Date()
        let client = clientAddress.resolve(connection: context.remoteAddress?.ipAddress, headers: request.headers)
        // A flood is refused before its body is read, and not logged: the log cannot be used to fill the disk.
        if let rateLimiter, let client, configuration.rateLimitsLoopback || !ClientAddress.isLoopback(client),
            let wait = await rateLimiter.retryAfter(client)
        {
            var response = APIError.rateLimited(retryAfter: wait).response(language: request.language)
            response.headers[.retryAfter] = String(wait)
            metrics.dropped("rate_limited")
            metrics.request(adapter: nil, outcome: "rate_limited", status: 429, seconds: (ContinuousClock.now - started).inSeconds)
            return response
        }
        var note = DeliveryNote()
        let headerToken = request.headers[.webhookToken]
        note.path = scrubber.scrubPath(request.uri.path, also: [headerToken])
        // The adapter the path names, as it was sent, until the rules say whether it is one of theirs.
        note.adapter = context.parameters.get("adapter").map { scrubber.scrubPath($0, also: [headerToken]) }
        let response = await respond(to: request, adapter: adapter, client: client, time: time, note: &note)
        let elapsed = ContinuousClock.now - started
        // Adapter names in metrics are the rules' own, never whatever a path asked for.
        let adapterLabel = note.adapter.map { note.knownAdapter ? $0 : "unknown" }
        metrics.request(adapter: adapterLabel, outcome: note.outcome, status: Int(response.status.code), seconds: elapsed.inSeconds)
        // A refusal is logged within a budget shared by all senders, on standard error and in the delivery log alike,
        // so a flood can neither fill the disk nor cost a line a request. A server failure is always logged.
        if !note.admitted {
            if response.status.code < 500, await refusalLog.retryAfter("refused") != nil {
                metrics.dropped("refusal_budget")
                return response
            }
            note.body = Self.excerpt(note.body)
        }
        log(response.status, note: note, client: client, context: context)
        await ledger.record(
            Delivery(
                time: time,
                remoteAddress: client,
                path: note.path,
                adapter: note.adapter,
                status: response.status.code,
                outcome: note.outcome,
                orderID: note.orderID,
                latencyMicroseconds: elapsed.inMicroseconds,
                body: note.body
            )
        )
        if note.admitted { await events.publish(["type": "delivery"]) }
        return response
    }

    /// One structured line per webhook request the refusal budget lets through, with the request id the logger
    /// carries: refusals as notices, storage failures as errors, orders at debug level.
    private func log(_ status: HTTPResponse.Status, note: DeliveryNote, client: String?, context: AppRequestContext) {
        let level: Logger.Level = status.code >= 500 ? .error : status.code >= 400 ? .notice : .debug
        context.logger.log(
            level: level,
            "webhook \(status.code) \(note.outcome)",
            metadata: [
                "adapter": .string(note.adapter ?? "none"), "outcome": .string(note.outcome), "status": .stringConvertible(status.code),
                "client": .string(client ?? "unknown"), "order_id": note.orderID.map { .stringConvertible($0) } ?? "none",
            ]
        )
    }

    /// The first 512 bytes of a refused request's body, and how long it was.
    static func excerpt(_ body: String) -> String {
        guard body.utf8.count > 512 else { return body }
        let prefix = String(decoding: body.utf8.prefix(512), as: UTF8.self)
        return prefix + "… (\(body.utf8.count) bytes)"
    }

    private func respond(
        to request: Request,
        adapter adapterParameter: Result<String?, APIError>,
        client: String?,
        time: Date,
        note: inout DeliveryNote
    ) async -> Response {
        let language = request.language
        func refuse(_ error: APIError) -> Response { note.refuse(error, language: language) }
        let adapter: String?
        switch adapterParameter {
        case .success(let name): adapter = name
        case .failure(let error): return refuse(error)
        }

        var request = request
        let body: ByteBuffer
        do {
            body = try await request.body(upTo: configuration.maxBodySize)
        } catch {
            return refuse(error)
        }
        let current = rules.current
        // Traced only for a dry run, whose reply shows the trace.
        let dryRunParameter = Self.dryRunParameter(in: request)
        let traced = (try? dryRunParameter.get()) ?? false
        var normalization = current.normalizer.normalize(body: body.readableBytesView, adapter: adapter, traced: traced)
        // The adapter's rules, once: its max age and dedupe window; nil for a name no adapter has.
        let rule = normalization.adapter.flatMap(current.rules.adapter(named:))
        note.knownAdapter = rule != nil
        if note.knownAdapter || note.adapter == nil { note.adapter = normalization.adapter }
        let presented = [request.headers[.webhookToken], normalization.token]
        note.path = scrubber.scrubPath(request.uri.path, also: presented)
        note.body = redacted(normalization, presented: presented)

        let grant: WebhookGuard.Grant
        do {
            grant = try await current.webhookGuard.admit(request, body: body.readableBytesView, normalization: normalization, client: client)
        } catch {
            return refuse(APIError.describing(error))
        }
        // A token bound to an account trades it: a signal naming no account goes there, one naming another is refused.
        if case .account(let bound) = grant, case .success(var signal) = normalization.outcome {
            guard signal.account == nil || signal.account == bound else {
                return refuse(.tokenAccountMismatch(token: bound, signal: signal.account ?? ""))
            }
            signal.account = bound
            normalization.outcome = .success(signal)
        }
        note.admitted = normalization.document != nil
        if let signal = normalization.signal, let maxAge = rule?.maxAge {
            guard let stamped = signal.time else {
                return refuse(APIError(PayloadError.missingField(.time, lookedFor: rule?.fields[.time]?.aliases ?? [])))
            }
            let age = time.timeIntervalSince(stamped)
            guard abs(age) <= Double(maxAge) else { return refuse(.staleSignal(age: Int(age.rounded()), maxAge: maxAge)) }
        }

        // Checked before a dry run too, which answers as the real request would.
        var key: String?
        do {
            let (idempotencyKey, webhookID) = (try request.idempotencyKey, try request.webhookID)
            key = idempotencyKey ?? webhookID ?? normalization.signal?.clientID
        } catch {
            return refuse(error)
        }
        // A signed message is its signed id: an unsigned Idempotency-Key cannot make a captured one new again.
        if case .signed(let messageID?) = grant { key = messageID }

        switch dryRunParameter {
        case .success(false): break
        case .success(true):
            let claim = key.map { IdempotencyClaim(key: $0, fingerprint: normalization.fingerprint) }
            return await dryRun(normalization, claim: claim, language: language, note: &note)
        case .failure(let error): return refuse(error)
        }
        var signal: Signal
        switch normalization.outcome {
        case .success(let normalized): signal = normalized
        case .failure(let error): return refuse(APIError(error))
        }

        var claim = key.map { IdempotencyClaim(key: $0, fingerprint: normalization.fingerprint) }
        // A sender without ids that resends, or fires twice: the same signal within the window is the same delivery.
        if claim == nil, let window = rule?.dedupeWindow {
            // The account as it will trade, fixed now: naming the current account or naming none is the same signal.
            if signal.account == nil {
                do {
                    signal.account = try await ledger.currentAccountName()
                } catch {
                    return refuse(.storageUnavailable)
                }
            }
            let content = Secret.digest(signal.json.serialized)
            claim = IdempotencyClaim(key: "content:" + content, fingerprint: content, window: TimeInterval(window))
        }
        return await execute(signal, adapter: normalization.adapter, claim: claim, time: time, language: language, note: &note)
    }

    /// Executes a normalized signal in the ledger and answers with what it came to, now or the first time, in `language`.
    private func execute(
        _ signal: Signal,
        adapter: String?,
        claim: IdempotencyClaim?,
        time: Date,
        language: Language,
        note: inout DeliveryNote
    ) async -> Response {
        do {
            let outcome = try await ledger.execute(
                signal,
                account: signal.account,
                source: "webhook",
                adapter: adapter,
                time: time,
                idempotency: claim
            )
            let execution = outcome.execution
            // The log links orders only: a working order is found by the fills that name it.
            note.orderID = execution.orders.last?.id
            let headers: HTTPFields
            switch outcome {
            case .executed:
                note.outcome = execution.refusal?.code ?? (execution.orders.isEmpty && execution.working == nil ? "no_action" : "ok")
                headers = [:]
                if !execution.orders.isEmpty || execution.working != nil { await events.publish(.orders(execution)) }
                for order in execution.orders { metrics.orders(status: order.status.rawValue) }
            case .replayed:
                note.outcome = "replayed"
                headers = [.idempotentReplayed: "true"]
            }
            let reply = execution.reply(language: language)
            return .json(reply.body, status: reply.status, headers: headers)
        } catch {
            return note.refuse((error as? LedgerError).map(APIError.init) ?? .storageUnavailable, language: language)
        }
    }

    /// Whether `?dry_run=` asks for a dry run, or why its value is neither true nor false.
    private static func dryRunParameter(in request: Request) -> Result<Bool, APIError> {
        switch request.uri.queryParameters.get("dry_run")?.lowercased() {
        case nil, "false", "0": .success(false)
        case "true", "1": .success(true)
        case let other?: .failure(.invalidParameter("dry_run", "must be true or false, got '\(other)'", "必须是 true 或 false, 收到 '\(other)'"))
        }
    }

    private func dryRun(_ normalization: Normalization, claim: IdempotencyClaim?, language: Language, note: inout DeliveryNote) async -> Response {
        let dryRun = await DryRun(normalization, in: ledger, claim: claim)
        note.outcome = "dry_run" + (dryRun.error.map { ": " + $0.code } ?? "")
        return .json(dryRun.json(language: language), status: dryRun.status)
    }

    /// The body as the delivery log keeps it, never with a credential (`Normalization.loggedBody`): without the token
    /// it carries, papertrade's tokens by their shape, and the server's token and the ones presented where they
    /// stand whole.
    private func redacted(_ normalization: Normalization, presented: [String?]) -> String {
        normalization.loggedBody { scrubber.scrub($0, also: presented) }
    }
}
