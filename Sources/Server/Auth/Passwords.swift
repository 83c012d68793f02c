import HummingbirdBcrypt
import NIOPosix

/// Password hashing with bcrypt, off the request executor: each hash or check takes a deliberate fraction of a second.
public enum Passwords {
    /// bcrypt's cost: 2^12 rounds, about a quarter of a second here.
    public static let cost: UInt8 = 12

    /// Why `password` cannot be used, nil when it can.
    public static func problem(with password: String) -> String? {
        guard password.count >= 8 else { return "a password must have at least 8 characters" }
        guard password.utf8.count <= 72 else { return "a password must be at most 72 bytes (bcrypt reads no further)" }
        return nil
    }

    public static func hash(_ password: String, cost: UInt8 = cost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash (an unknown user) it still takes as long, and is false.
    public static func verify(_ password: String, hash: String?) async throws -> Bool {
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? unknownUserHash) }
        return hash != nil && matches
    }

    /// A hash no password is checked against for real, so that an unknown name costs as much as a wrong password.
    private static let unknownUserHash = Bcrypt.hash("papertrade: no such user", cost: cost)
}
