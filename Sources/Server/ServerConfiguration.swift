import Adapters
import Core
import Foundation

/// Everything the server needs, read once at start.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 11182
    /// Where the ledger's database lives.
    public var dataDirectory = "./data"
    public var rules: AdapterSet
    /// Where `rules` came from, for `GET /api/adapters`.
    public var rulesSource = "embedded defaults"
    /// The server's webhook token: it trades any account, from `X-Webhook-Token` or the body's `token` field. Without
    /// it (and without account tokens or a signature) a webhook is anonymous.
    public var webhookToken: String?
    /// Whether webhooks may come without any credential: decided once at start (loopback, or
    /// `--allow-unauthenticated`), so that revoking the last account token never opens a public server.
    public var allowsAnonymousWebhooks = true
    /// Requests with larger bodies are refused with 413.
    public var maxBodySize = 64 * 1024
    public var executionModel = ExecutionModel()
    /// Where the instruments came from, for the start-up banner.
    public var instrumentsSource = "built-in instruments"
    /// The account signals without an `account` go to; created on first start.
    public var defaultAccountName = Account.defaultName
    public var defaultAccountCash = Account.defaultStartingCash
    /// Proxies whose `X-Forwarded-For` names the client; from anyone else it is ignored.
    public var trustedProxies: [AddressRange] = []
    /// Webhook requests a second each client address may send on average, in bursts of twice as many (at least two);
    /// nil for no limit.
    public var rateLimit: Double? = 20
    /// Whether clients on this machine are limited too: by the rate limit and by the connections per address.
    public var rateLimitsLoopback = false
    /// A connection that sends nothing for this long between requests is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// A request must be read whole, headers and body, within this long of its first byte, or its connection is closed.
    public var requestTimeout: Duration = .seconds(30)
    /// Connections one client address may have open at once (trusted proxies and, unless `rateLimitsLoopback`, this
    /// machine excepted); nil for no limit.
    public var maxConnectionsPerClient: Int? = 64
    /// The environment the server started with (./.env included): adapters that require a signature name the
    /// variable holding their secret, looked up here whenever the rules are loaded.
    public var environment: [String: String] = [:]

    public init(rules: AdapterSet) {
        self.rules = rules
    }

    /// Whether `host` only accepts connections from this machine.
    public var isLoopbackOnly: Bool {
        LocalHost.isLocal(host: host)
    }
}
