import Crypto

/// Compares a presented token with the configured one in time that does not depend on where they differ.
///
/// Both sides are hashed first, so the comparison also does not reveal the token's length.
struct TokenCheck: Sendable {
    private let expectedDigest: [UInt8]

    init(token: String) {
        expectedDigest = Array(SHA256.hash(data: Array(token.utf8)))
    }

    func accepts(_ presented: String?) -> Bool {
        guard let presented else { return false }
        let digest = Array(SHA256.hash(data: Array(presented.utf8)))
        var difference: UInt8 = 0
        for (lhs, rhs) in zip(digest, expectedDigest) { difference |= lhs ^ rhs }
        return difference == 0
    }
}
