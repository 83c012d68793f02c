import Adapters
import Core
import Hummingbird
import Ledger

/// Decides whether a webhook request may trade: the adapter's allowed addresses, its signature when it requires one,
/// and otherwise a token — the server's, which trades any account, or one bound to a single account.
struct WebhookGuard: Sendable {
    /// What a request was admitted to trade.
    enum Grant: Equatable {
        case anyAccount
        case account(String)
        /// A valid signature; a Standard Webhooks message's signed id is its idempotency key.
        case signed(messageID: String?)
    }

    let serverToken: TokenCheck?
    let allowsAnonymous: Bool
    let isLoopbackOnly: Bool
    let accountTokens: any AccountTokenStore
    let tokenPresence: AccountTokenPresence
    let adapters: AdapterSet
    let verifiers: [String: SignatureVerifier]

    /// - throws: `ConfigurationProblem` when an adapter requires a signature and its secret is missing or unusable.
    init(configuration: ServerConfiguration, accountTokens: any AccountTokenStore, tokenPresence: AccountTokenPresence) throws(ConfigurationProblem) {
        serverToken = configuration.webhookToken.map(TokenCheck.init)
        allowsAnonymous = configuration.allowsAnonymousWebhooks
        isLoopbackOnly = configuration.isLoopbackOnly
        self.accountTokens = accountTokens
        self.tokenPresence = tokenPresence
        adapters = configuration.rules
        var verifiers: [String: SignatureVerifier] = [:]
        for adapter in configuration.rules.adapters {
            guard let rule = adapter.security.signature else { continue }
            guard let secret = configuration.environment[rule.secretVariable], !secret.isEmpty else {
                throw ConfigurationProblem(
                    "adapter '\(adapter.name)' requires a signature: set its secret in the environment variable \(rule.secretVariable)"
                )
            }
            verifiers[adapter.name] = try SignatureVerifier(rule: rule, secret: secret)
        }
        self.verifiers = verifiers
    }

    /// What the request may trade, or why it may not.
    func admit(_ request: Request, body: some Collection<UInt8>, normalization: Normalization, client: String?) async throws -> Grant {
        let security = normalization.adapter.flatMap(adapters.adapter(named:))?.security ?? AdapterSecurity()
        if !security.allowFrom.isEmpty {
            guard let client, security.allowFrom.contain(client) else { throw APIError.addressNotAllowed(client, adapter: normalization.adapter) }
        }
        if let name = normalization.adapter, let verifier = verifiers[name] {
            if let failure = verifier.failure(headers: request.headers, body: body) { throw APIError.invalidSignature(failure) }
            return .signed(messageID: verifier.rule.scheme == .standardWebhooks ? request.headers[.webhookID] : nil)
        }
        let presented = request.headers[.webhookToken] ?? normalization.token
        if let serverToken, serverToken.accepts(presented) { return .anyAccount }
        if let presented, let account = try await accountTokens.account(tokenDigest: Secret.digest(presented)) { return .account(account) }
        if serverToken == nil, allowsAnonymous, try await !tokenPresence.anyToken() {
            // No credential at all: only from a real sender, never from a page in a browser; and on a loopback
            // server only from this machine, not through a proxy or a rebound DNS name.
            if request.headers[.origin] != nil || (request.headers[.secFetchSite].map { $0 != "none" } ?? false) {
                throw APIError.crossSiteWebhook
            }
            if isLoopbackOnly, Gatekeeper.notLocal(request) != nil { throw APIError.unauthorized }
            return .anyAccount
        }
        // No adapter could read the body, so a token inside it was never looked for: say so, without saying more.
        throw presented == nil && normalization.document == nil ? APIError.unauthorizedUnreadBody : APIError.unauthorized
    }
}

extension APIError {
    static func addressNotAllowed(_ address: String?, adapter: String?) -> APIError {
        let who = address ?? "an unknown address"
        return APIError(
            status: .forbidden,
            code: "address_not_allowed",
            message: LocalizedMessage(
                english: "Requests for adapter '\(adapter ?? "")' are not accepted from \(who)",
                chinese: "适配器 '\(adapter ?? "")' 不接受来自 \(who) 的请求"
            )
        )
    }

    static func invalidSignature(_ failure: SignatureVerifier.Failure) -> APIError {
        let (english, chinese): (String, String) =
            switch failure {
            case .missing(let header): ("the \(header) header is missing", "缺少 \(header) 请求头")
            case .malformed(let reason): (reason, reason)
            case .stale(let seconds, let tolerance):
                (
                    "the timestamp is \(abs(seconds)) s \(seconds > 0 ? "old" : "in the future"); at most \(tolerance) s is accepted",
                    "时间戳相差 \(abs(seconds)) 秒; 最多接受 \(tolerance) 秒"
                )
            case .mismatch: ("it does not match the body and the secret", "与请求体和密钥不符")
            }
        return APIError(
            status: .unauthorized,
            code: "invalid_signature",
            message: LocalizedMessage(english: "Invalid signature: \(english)", chinese: "签名无效: \(chinese)")
        )
    }

    static func tokenAccountMismatch(token: String, signal: String) -> APIError {
        APIError(
            status: .forbidden,
            code: "token_account_mismatch",
            message: LocalizedMessage(
                english: "This token trades account '\(token)' only; the signal names '\(signal)'",
                chinese: "此 Token 只能交易账户 '\(token)'; 信号指定的是 '\(signal)'"
            )
        )
    }

    static let crossSiteWebhook = APIError(
        status: .forbidden,
        code: "cross_site_request",
        message: LocalizedMessage(
            english: "Refused: a webhook without a token cannot come from a web page; set WEBHOOK_TOKEN to accept it",
            chinese: "已拒绝: 不带 Token 的 Webhook 不能来自网页; 请设置 WEBHOOK_TOKEN"
        )
    )

    static func staleSignal(age: Int, maxAge: Int) -> APIError {
        APIError(
            status: .unprocessableContent,
            code: "stale_signal",
            message: LocalizedMessage(
                english: "Stale signal: its time is \(abs(age)) s \(age >= 0 ? "ago" : "ahead"); this adapter accepts at most \(maxAge) s",
                chinese: "信号已过期: 其时间相差 \(abs(age)) 秒; 此适配器最多接受 \(maxAge) 秒"
            )
        )
    }

    static func rateLimited(retryAfter seconds: Int) -> APIError {
        APIError(
            status: .tooManyRequests,
            code: "rate_limited",
            message: LocalizedMessage(
                english: "Too many requests from this address; try again in \(seconds) s",
                chinese: "此地址请求过多, 请 \(seconds) 秒后重试"
            )
        )
    }
}
