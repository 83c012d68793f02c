import Crypto

/// Random secrets handed out once (session cookies, API tokens, account tokens) and the digests they are stored as.
public enum Secret {
    /// What a secret is for, told by its prefix, so that a scanner (ours among them) finds one wherever it is pasted.
    public enum Kind: String, Sendable, CaseIterable {
        /// A webhook token bound to one account: `pta_…`.
        case accountToken = "pta_"
        /// A user's API token for the web API: `ptu_…`.
        case apiToken = "ptu_"
        /// A browser's session cookie: `pts_…`.
        case session = "pts_"
    }

    /// How many random characters follow the prefix.
    static let randomLength = 43

    /// 258 random bits from the system's generator, as URL-safe text: the kind's prefix and 43 characters of 6 bits
    /// each.
    public static func generate(_ kind: Kind) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var bytes: [UInt8] = []
        // 43 characters of 6 bits each: 258 bits, with no modulo bias since 64 divides 256.
        for _ in 0..<randomLength { bytes.append(alphabet[Int(generator.next() as UInt8) & 63]) }
        return kind.rawValue + String(decoding: bytes, as: UTF8.self)
    }

    /// The SHA-256 of `text` in lowercase hex: what is stored in place of a secret.
    public static func digest(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
