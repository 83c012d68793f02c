import Core

/// Who may send an adapter's payloads, beyond the webhook token: the addresses it accepts and the signature it
/// requires. An adapter without one accepts any address and needs the token as usual.
public struct AdapterSecurity: Sendable, Equatable {
    /// The client addresses allowed; empty allows any.
    public var allowFrom: [AddressRange] = []
    /// A signature every request must carry; when it does, it stands in for the webhook token.
    public var signature: SignatureRule?

    public init(allowFrom: [AddressRange] = [], signature: SignatureRule? = nil) {
        self.allowFrom = allowFrom
        self.signature = signature
    }
}

/// How a sender signs its requests: the scheme, the environment variable holding the secret (never the YAML
/// itself), and for timestamped schemes how far a timestamp may be from now.
public struct SignatureRule: Sendable, Equatable {
    public enum Scheme: String, Sendable, CaseIterable {
        /// Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>` over
        /// `id.timestamp.body`, with a `whsec_` secret.
        case standardWebhooks = "standard-webhooks"
        /// GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body.
        case github
    }

    public var scheme: Scheme
    public var secretVariable: String
    /// Seconds a Standard Webhooks timestamp may be from the server's clock, either way.
    public var tolerance: Int

    public init(scheme: Scheme, secretVariable: String, tolerance: Int = 300) {
        self.scheme = scheme
        self.secretVariable = secretVariable
        self.tolerance = tolerance
    }
}
