import Foundation
import Testing

@testable import Core

/// The trimming helpers trim exactly what Foundation's character sets do, for every scalar of the basic plane.
@Suite struct TrimmingTests {
    @Test func everyScalarIsTrimmedAsFoundationTrimsIt() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            // At both ends, at either end alone, alone, and around inner whitespace (Substrings too).
            for text in ["\(scalar)a\(scalar)", "\(scalar)a", "a\(scalar)", "\(scalar)", "a \(scalar) b"] {
                let substring = Substring("<\(text)>".unicodeScalars.dropFirst().dropLast())
                guard text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces),
                    text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    substring.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces),
                    substring.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines)
                else {
                    Issue.record("U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription) is trimmed differently")
                    return
                }
            }
        }
        #expect(" \t buy\u{200B}\n".trimmingWhitespaceAndNewlines() == "buy" && " \u{3000}x\n".trimmingWhitespace() == "x\n")
    }
}
