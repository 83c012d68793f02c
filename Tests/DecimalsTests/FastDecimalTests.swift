import Foundation
import TestSupport
import Testing

@testable import Decimals

/// Every `FastDecimal` operation gives exactly what Foundation's `Decimal` gives: the same value, written the same way.
@Suite struct FastDecimalTests {
    /// A value as the engine meets them: a price, a quantity, an amount, a rate; now and then one too large for 64 bits.
    static func randomDecimal(using generator: inout SeededGenerator) -> Decimal {
        let significand: UInt64 =
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: 0
            case 1: UInt64.random(in: 0...UInt64.max, using: &generator)
            case 2: UInt64.random(in: 0...9, using: &generator) * 5
            default: UInt64.random(in: 1...UInt64(10_000_000_000), using: &generator)
            }
        var value = Decimal(
            sign: Bool.random(using: &generator) ? .minus : .plus,
            exponent: Int.random(in: -10...4, using: &generator),
            significand: Decimal(significand)
        )
        // Beyond 64 bits: the slow path must give the same answers.
        if Int.random(in: 0..<20, using: &generator) == 0 { value *= Decimal(string: "123456789012345678901")! }
        return value
    }

    static func expectSame(_ fast: FastDecimal, _ decimal: Decimal, _ what: @autoclosure () -> String) -> Bool {
        guard fast.decimal == decimal, fast.decimal.description == decimal.description else {
            Issue.record("\(what()): fast \(fast.decimal.description), Decimal \(decimal.description)")
            return false
        }
        return true
    }

    @Test func arithmeticAndComparisonMatchDecimal() {
        var generator = SeededGenerator(seed: 20_261_129)
        for _ in 0..<20_000 {
            let (a, b) = (Self.randomDecimal(using: &generator), Self.randomDecimal(using: &generator))
            let (x, y) = (FastDecimal(a), FastDecimal(b))
            guard Self.expectSame(x, a, "\(a)"), Self.expectSame(x + y, a + b, "\(a) + \(b)"),
                Self.expectSame(x - y, a - b, "\(a) - \(b)"), Self.expectSame(x * y, a * b, "\(a) * \(b)"),
                Self.expectSame(-x, -a, "-\(a)"), Self.expectSame(x.magnitude, abs(a), "|\(a)|")
            else { return }
            guard (x < y) == (a < b), (x == y) == (a == b), (y < x) == (b < a) else {
                Issue.record("\(a) and \(b) compare differently")
                return
            }
        }
    }

    /// Products up to the edge of Decimal's exponents (-128...127; beyond them Foundation traps) match Foundation's.
    @Test func productsAtTheEdgeOfDecimalsExponentsMatchDecimal() {
        for (left, right) in [(-64, -64), (60, 60), (-120, 5), (100, 27), (-127, -1)] {
            let a = Decimal(sign: .plus, exponent: left, significand: 3)
            let b = Decimal(sign: .minus, exponent: right, significand: 7)
            #expect(Self.expectSame(FastDecimal(a) * FastDecimal(b), a * b, "3e\(left) * -7e\(right)"))
        }
    }

    @Test func roundingMatchesDecimal() {
        var generator = SeededGenerator(seed: 7)
        let increments = ["0.01", "0.05", "0.25", "1", "0.00000001", "5", "0.001", "100", "0.0001"].map { Decimal(string: $0)! }
        let modes: [NSDecimalNumber.RoundingMode] = [.plain, .down, .up, .bankers]
        for _ in 0..<20_000 {
            let value = Self.randomDecimal(using: &generator)
            let divisor = Self.randomDecimal(using: &generator)
            let increment = increments.randomElement(using: &generator)!
            let mode = modes.randomElement(using: &generator)!
            guard
                Self.expectSame(
                    FastDecimal(value).rounded(toMultipleOf: FastDecimal(increment), mode),
                    value.rounded(toMultipleOf: increment, mode),
                    "\(value) to \(increment), mode \(mode.rawValue)"
                )
            else { return }
            guard divisor != 0 else { continue }
            guard
                Self.expectSame(
                    FastDecimal(value).divided(by: FastDecimal(divisor), roundedToMultipleOf: FastDecimal(increment), mode),
                    (value / divisor).rounded(toMultipleOf: increment, mode),
                    "\(value) / \(divisor) to \(increment), mode \(mode.rawValue)"
                )
            else { return }
        }
    }

    /// Halves, exact multiples and signs, where rounding modes differ.
    @Test func roundingEdgesMatchDecimal() {
        let cent = Decimal(string: "0.01")!
        for text in ["0.005", "-0.005", "0.015", "-0.015", "0.0049999", "-0.0050001", "1.00", "-1", "0", "185.595", "0.00000001"] {
            let value = Decimal(string: text)!
            for mode in [NSDecimalNumber.RoundingMode.plain, .down, .up] {
                #expect(
                    Self.expectSame(FastDecimal(value).rounded(toMultipleOf: FastDecimal(cent), mode), value.rounded(toMultipleOf: cent, mode), text)
                )
                #expect(
                    Self.expectSame(
                        FastDecimal(value).divided(by: 3, roundedToMultipleOf: FastDecimal(cent), mode),
                        (value / 3).rounded(toMultipleOf: cent, mode),
                        "\(text) / 3"
                    )
                )
            }
        }
    }

    #if canImport(FoundationEssentials)
    /// swift-foundation's layout is known here, so the integer paths are the ones tested above.
    @Test func smallValuesTakeTheIntegerPath() {
        #expect(Decimal.layoutIsKnown)
        let price = Decimal(string: "185.5")!
        #expect(Decimal.parts(of: price) == Decimal.Parts(significand: 1855, exponent: -1, negative: false))
        #expect(
            withUnsafeBytes(of: Decimal(Decimal.Parts(significand: 18550, exponent: -2, negative: true)), Array.init)
                == withUnsafeBytes(of: -price, Array.init)
        )
    }
    #endif
}
