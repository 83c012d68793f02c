import Decimals
import Foundation
import Testing

@testable import Core

@Suite struct DecimalExactTests {
    @Test(arguments: [
        ("100", "100"), ("185.5", "185.5"), ("185.50", "185.5"), ("-1", "-1"), ("+2", "2"), ("1e2", "100"), ("0.015", "0.015"), ("2E-3", "0.002"),
    ])
    func parsesDecimalText(_ text: String, _ expected: String) throws {
        #expect(try #require(Decimal(exactly: text)).description == expected)
    }

    @Test(arguments: ["", " 1", "1 ", "NaN", "nan", "inf", "Infinity", "0x1F", "1.", ".5", "1e", "1e+", "12abc", "1,5", "1e999", "--1", "١٢"])
    func rejectsWhatIsNotStrictDecimal(_ text: String) {
        #expect(Decimal(exactly: text) == nil)
    }

    /// A substring is read within its bounds only, however the text around it reads: short and long numbers, and
    /// numbers whose neighbours would make them invalid or another number.
    @Test func readsASubstringWithinItsBounds() throws {
        let long = "1234567890123456789012345.5"
        for (text, expected) in [("185.50", "185.5"), ("-2e3", "-2000"), (long, long), ("0.000001", "0.000001")] {
            for (before, after) in [("x", "y"), ("9", "9"), ("", "e5"), ("1.", ".1"), (" ", " ")] {
                let whole = before + text + after
                let start = whole.index(whole.startIndex, offsetBy: before.count)
                let substring = whole[start..<whole.index(start, offsetBy: text.count)]
                #expect(try #require(Decimal(exactly: substring), "\(whole)").description == expected, "\(whole)")
            }
        }
        #expect(Decimal(exactly: "12.5x".dropLast()) == Decimal(exactly: "12.5") && Decimal(exactly: "x1".dropFirst()) == 1)
        #expect(Decimal(exactly: "1.5".dropLast()) == nil, "1. is not strict decimal text")
    }

    @Test func rejectsMoreThan38Digits() {
        #expect(Decimal(exactly: String(repeating: "1", count: 38)) != nil)
        #expect(Decimal(exactly: String(repeating: "1", count: 39)) == nil)
    }

    /// Text written as a number that no decimal holds says which bound it passes; malformed text passes none.
    @Test func tellsANumberBeyondTheBoundsFromMalformedText() {
        #expect(Decimal.outOfRange("1e400") == .tooLarge)
        #expect(Decimal.outOfRange("-2.5E+65") == .tooLarge)
        #expect(Decimal.outOfRange(String(repeating: "9", count: 39)) == .tooLarge)
        #expect(Decimal.outOfRange("1e-400") == .tooSmall)
        #expect(Decimal.outOfRange("0." + String(repeating: "1", count: 39)) == .tooPrecise)
        for decimal in ["1e64", "0e400", "185.5"] {
            #expect(Decimal(exactly: decimal) != nil && Decimal.outOfRange(decimal) == nil, "\(decimal)")
        }
        for malformed in ["1e", "NaN", "1e4000", "abc", ""] { #expect(Decimal.outOfRange(malformed) == nil, "\(malformed)") }
    }

    @Test func roundsToTheNearestMultipleHalfAwayFromZero() {
        let cent = Decimal(1, scale: 2)
        #expect(Decimal(exactly: "185.59275")!.rounded(toMultipleOf: cent) == Decimal(exactly: "185.59")!)
        #expect(Decimal(exactly: "18.559")!.rounded(toMultipleOf: cent) == Decimal(exactly: "18.56")!)
        #expect(Decimal(exactly: "0.125")!.rounded(toMultipleOf: cent) == Decimal(exactly: "0.13")!)
        #expect(Decimal(exactly: "10.12")!.rounded(toMultipleOf: Decimal(5, scale: 2)) == Decimal(exactly: "10.10")!)
        #expect(Decimal(exactly: "7.9")!.rounded(toMultipleOf: 1, .down) == 7)
    }
}

@Suite struct DecimalExactRandomTests {
    /// The fast parser agrees with Foundation's on every well-formed number, long ones included.
    @Test func agreesWithFoundationOnRandomNumbers() {
        var generator = SystemRandomNumberGenerator()
        func digits(_ count: Int) -> String { String((0..<count).map { _ in "0123456789".randomElement(using: &generator)! }) }
        for _ in 0..<5_000 {
            var text = (Bool.random(using: &generator) ? "-" : "") + digits(Int.random(in: 1...22, using: &generator))
            if Bool.random(using: &generator) { text += "." + digits(Int.random(in: 1...16, using: &generator)) }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                text += "e" + (Bool.random(using: &generator) ? "-" : "") + String(Int.random(in: 0...20, using: &generator))
            }
            let significant = text.filter(\.isNumber).drop { $0 == "0" }.count
            guard significant <= 38 else { continue }
            #expect(Decimal(exactly: text) == Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
        }
    }

    @Test func roundsToPowersOfTenAndOtherTicksAlike() {
        for text in ["185.59275", "-0.005", "0.004999", "123456.785", "7"] {
            let value = Decimal(exactly: text)!
            #expect(value.rounded(toMultipleOf: Decimal(1, scale: 2)) == value.rounded(toMultipleOf: Decimal(exactly: "0.010")!))
        }
    }
}
