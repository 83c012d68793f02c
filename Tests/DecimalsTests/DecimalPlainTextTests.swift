import Foundation
import TestSupport
import Testing

@testable import Decimals

/// `plainText` is `description`, written fast: the same text for every value, and the fast path really taken here.
@Suite struct DecimalPlainTextTests {
    #if canImport(FoundationEssentials)
    /// swift-foundation's layout; Apple's NSDecimal has another, and there `plainText` is `description`.
    @Test func thisFoundationsLayoutIsReadSoTheFastPathIsTaken() {
        #expect(Decimal.layoutIsKnown)
    }
    #endif

    @Test func knownValuesReadAsDescriptionDoes() {
        for text in ["0", "185.5", "-0.00000001", "1000", "999999999999999.99", "18446744073709551615", "18446744073709551616", "1e-30", "-7e20"] {
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
            #expect(value.plainText == value.description, "\(text)")
        }
        #expect(Decimal.nan.plainText == Decimal.nan.description)
    }

    /// Random significands and exponents, and the results of arithmetic (which need not be compact), with a seed.
    @Test func randomValuesAndArithmeticReadAsDescriptionDoes() {
        var generator = SeededGenerator(seed: 20_261_129)
        for index in 0..<20_000 {
            let significand = UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &generator), using: &generator)
            var value = Decimal(
                sign: Bool.random(using: &generator) ? .minus : .plus,
                exponent: Int.random(in: -30...20, using: &generator),
                significand: Decimal(significand)
            )
            if index % 3 == 0 {
                value *= Decimal(
                    sign: .plus,
                    exponent: -Int.random(in: 0...6, using: &generator),
                    significand: Decimal(Int.random(in: 1...100_000, using: &generator))
                )
            }
            if index % 5 == 0 { value += Decimal(string: "0.01")! }
            if index % 7 == 0 { value /= Decimal(Int.random(in: 1...1_000, using: &generator)) }
            guard value.plainText == value.description else {
                Issue.record("\(value.description) was written \(value.plainText)")
                return
            }
        }
    }
}
