import Foundation

/// Webhook tokens bound to one account each, kept only as digests: a signal sent with one trades that account only.
public protocol AccountTokenStore: Sendable {
    func addAccountToken(digest: String, account: String, createdAt: Date) async throws

    /// The account a token is bound to, nil when it is no account's.
    func account(tokenDigest digest: String) async throws -> String?

    /// Whether any account has a token: then every webhook needs one.
    func hasAccountTokens() async throws -> Bool

    /// Revokes every token of `account`; returns how many there were.
    func removeAccountTokens(account: String) async throws -> Int
}
