import Foundation

/// Where users, their password hashes, sessions and API tokens are kept. Sessions and tokens are stored only as
/// digests, so reading the store never gives a way in.
public protocol UserStore: Sendable {
    /// Every user, by name.
    func users() async throws -> [User]

    /// Whether any user exists: until one does, a server on loopback stays open.
    func hasUsers() async throws -> Bool

    /// Adds a user with a password hash; throws `LedgerError.userExists` when the name is taken.
    func addUser(_ user: User, passwordHash: String, createdAt: Date) async throws

    /// Removes a user with their sessions and tokens; false when there was none of that name.
    func removeUser(named name: String) async throws -> Bool

    /// Replaces a user's password hash and ends their sessions; false when there is no such user.
    func setPasswordHash(_ hash: String, user name: String) async throws -> Bool

    /// The user and their password hash, to check a login.
    func credentials(user name: String) async throws -> (user: User, passwordHash: String)?

    /// Opens a session for `user` until `expiresAt`.
    func addSession(digest: String, user name: String, createdAt: Date, expiresAt: Date) async throws

    /// The user a session belongs to, nil when it does not exist or has expired.
    func user(sessionDigest digest: String, now: Date) async throws -> User?

    func removeSession(digest: String) async throws

    /// Adds an API token for `user`.
    func addToken(digest: String, user name: String, createdAt: Date) async throws

    /// Revokes every API token of `user`; returns how many there were.
    func removeTokens(user name: String) async throws -> Int

    /// The user an API token belongs to.
    func user(tokenDigest digest: String) async throws -> User?
}
