import Foundation
import Testing

@testable import Core

@Suite struct DecimalExactTests {
    @Test(arguments: [("100", "100"), ("185.5", "185.5"), ("185.50", "185.5"), ("-1", "-1"), ("+2", "2"), ("1e2", "100"), ("0.015", "0.015"), ("2E-3", "0.002")])
    func parsesDecimalText(_ text: String, _ expected: String) throws {
        #expect(try #require(Decimal(exactly: text)).description == expected)
    }

    @Test(arguments: ["", " 1", "1 ", "NaN", "nan", "inf", "Infinity", "0x1F", "1.", ".5", "1e", "1e+", "12abc", "1,5", "1e999", "--1", "١٢"])
    func rejectsWhatIsNotStrictDecimal(_ text: String) {
        #expect(Decimal(exactly: text) == nil)
    }

    @Test func rejectsMoreThan38Digits() {
        #expect(Decimal(exactly: String(repeating: "1", count: 38)) != nil)
        #expect(Decimal(exactly: String(repeating: "1", count: 39)) == nil)
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
