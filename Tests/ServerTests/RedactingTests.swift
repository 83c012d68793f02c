import Foundation
import Testing

@testable import Server

/// Masking a secret in a logged body finds exactly what Foundation's search finds, whether or not the fast byte check
/// answers first.
@Suite struct RedactingTests {
    @Test func aSecretIsMaskedWhereFoundationFindsIt() {
        let cases: [(text: String, secret: String)] = [
            (#"{"s":"AAPL","note":"s3cret and s3cret"}"#, "s3cret"),
            (#"{"s":"AAPL"}"#, "s3cret"),
            ("s3cre", "s3cret"),
            ("", "s3cret"),
            ("token s3cret at the end s3cret", "s3cret"),
            ("café s3cret", "s3cret"),
            ("cafe\u{301} and café", "café"),
            ("caf\u{E9} only", "cafe\u{301}"),
            ("\u{212A}ey and Key", "Key"),
            ("Ke\u{301}y", "Key"),
            ("密钥 s3cret 密钥", "密钥"),
            ("Key and more", "\u{212A}ey"),
            ("a;b", "\u{37E}"),
            ("s3cret", "s3cret"),
            ("s3cret tail", "s3cret"),
        ]
        for (text, secret) in cases {
            #expect(text.redacting(secret) == text.replacingOccurrences(of: secret, with: "[redacted]"), "\(text) / \(secret)")
        }
        #expect(#"{"note":"s3cret"}"#.redacting("s3cret") == #"{"note":"[redacted]"}"#)
    }
}
