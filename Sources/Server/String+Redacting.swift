import Core
import Foundation

extension String {
    /// The text with every occurrence of `secret` replaced by `[redacted]`, found as Foundation finds it (canonically
    /// equivalent text included).
    ///
    /// A secret is seldom left once the body's token member is gone, and Foundation's search is the slow part. For ASCII
    /// text and an ASCII secret canonical equivalence is byte equality, so when the secret's bytes are absent the text
    /// is returned without it.
    func redacting(_ secret: String) -> String {
        if isASCII, secret.isASCII, !containsBytes(of: secret) { return self }
        return replacingOccurrences(of: secret, with: "[redacted]")
    }

    /// Whether `other`'s UTF-8 bytes occur in the text's.
    private func containsBytes(of other: String) -> Bool {
        var text = self
        var other = other
        return text.withUTF8 { haystack in
            other.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard needle.count <= haystack.count else { return false }
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    if memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                }
                return false
            }
        }
    }
}
