import Foundation

/// A `Decimal` for arithmetic on the hot path: the same exact results, computed on 64-bit integers.
///
/// Prices, quantities and amounts have significands that fit in 64 bits, and those are added, multiplied, compared
/// and rounded as integers. A larger value, or a step whose result would not fit, is computed by `Decimal` itself,
/// so every result equals Foundation's: `FastDecimal(a) * FastDecimal(b)` is `a * b`, compacted as Foundation leaves it.
/// Results are always compact (no trailing zeros in the significand), as every `Decimal` this package parses, stores
/// or computes is; Foundation passes a non-compact operand through some operations (`x + 0`) as it is.
public struct FastDecimal: Sendable, CustomStringConvertible {
    private enum Value: Sendable {
        /// `significand` × 10^`exponent`.
        case small(significand: Int64, exponent: Int)
        case large(Decimal)
    }

    private var value: Value

    public init(_ decimal: Decimal) {
        if let parts = Decimal.parts(of: decimal), parts.significand <= UInt64(Int64.max) {
            let significand = Int64(parts.significand)
            value = .small(significand: parts.negative ? -significand : significand, exponent: parts.exponent)
        } else {
            value = .large(decimal)
        }
    }

    private init(significand: Int64, exponent: Int) {
        value = .small(significand: significand, exponent: exponent)
    }

    /// The value as Foundation's `Decimal`.
    public var decimal: Decimal {
        switch value {
        case .small(let significand, let exponent):
            Decimal(Decimal.Parts(significand: significand.magnitude, exponent: exponent, negative: significand < 0))
        case .large(let decimal): decimal
        }
    }

    public var description: String { decimal.description }

    public static func == (lhs: FastDecimal, rhs: FastDecimal) -> Bool {
        if let (left, right, _) = aligned(lhs, rhs) { return left == right }
        return lhs.decimal == rhs.decimal
    }

    // MARK: - Arithmetic

    public static func + (lhs: FastDecimal, rhs: FastDecimal) -> FastDecimal {
        if let (left, right, exponent) = aligned(lhs, rhs) {
            let (sum, overflow) = left.addingReportingOverflow(right)
            if !overflow { return FastDecimal(significand: sum, exponent: exponent) }
        }
        return FastDecimal(lhs.decimal + rhs.decimal)
    }

    public static func - (lhs: FastDecimal, rhs: FastDecimal) -> FastDecimal {
        if let (left, right, exponent) = aligned(lhs, rhs) {
            let (difference, overflow) = left.subtractingReportingOverflow(right)
            if !overflow { return FastDecimal(significand: difference, exponent: exponent) }
        }
        return FastDecimal(lhs.decimal - rhs.decimal)
    }

    public static func * (lhs: FastDecimal, rhs: FastDecimal) -> FastDecimal {
        if case .small(let left, let leftExponent) = lhs.value, case .small(let right, let rightExponent) = rhs.value {
            let (product, overflow) = left.multipliedReportingOverflow(by: right)
            // Past Decimal's exponents (-128...127) the product is Foundation's to make, as before: it refuses them.
            if !overflow, Self.exponents.contains(leftExponent + rightExponent) {
                return FastDecimal(significand: product, exponent: leftExponent + rightExponent)
            }
        }
        return FastDecimal(lhs.decimal * rhs.decimal)
    }

    public static prefix func - (operand: FastDecimal) -> FastDecimal {
        if case .small(let significand, let exponent) = operand.value, significand != .min {
            return FastDecimal(significand: -significand, exponent: exponent)
        }
        return FastDecimal(-operand.decimal)
    }

    public static func += (lhs: inout FastDecimal, rhs: FastDecimal) { lhs = lhs + rhs }
    public static func -= (lhs: inout FastDecimal, rhs: FastDecimal) { lhs = lhs - rhs }

    // MARK: - Rounding

    /// This value rounded to a multiple of `increment`, as `Decimal.rounded(toMultipleOf:_:)` rounds it: to the
    /// nearest with halves away from zero (`.plain`), toward negative infinity (`.down`) or positive infinity (`.up`).
    public func rounded(toMultipleOf increment: FastDecimal, _ mode: NSDecimalNumber.RoundingMode = .plain) -> FastDecimal {
        divided(by: 1, roundedToMultipleOf: increment, mode)
    }

    /// This value divided by `divisor`, rounded to a multiple of `increment`: `(self / divisor).rounded(toMultipleOf:)`
    /// without the 38-digit quotient in between.
    public func divided(
        by divisor: FastDecimal,
        roundedToMultipleOf increment: FastDecimal,
        _ mode: NSDecimalNumber.RoundingMode = .plain
    ) -> FastDecimal {
        // The quotient self / (divisor × increment), as one integer fraction, rounded; then times the increment.
        if mode != .bankers, increment > 0, divisor != 0, case .small(let incrementSignificand, let incrementExponent) = increment.value,
            case .small(let denominator, let denominatorExponent) = (divisor * increment).value,
            let (numerator, scaledDenominator, _) = Self.aligned(self, FastDecimal(significand: denominator, exponent: denominatorExponent)),
            let quotient = Self.quotient(numerator, scaledDenominator, mode)
        {
            let (significand, overflow) = quotient.multipliedReportingOverflow(by: incrementSignificand)
            if !overflow { return FastDecimal(significand: significand, exponent: incrementExponent) }
        }
        let quotient = divisor == 1 ? decimal : decimal / divisor.decimal
        return FastDecimal(quotient.rounded(toMultipleOf: increment.decimal, mode))
    }

    /// `numerator / denominator` rounded to an integer by `mode`; nil when it cannot be computed in 64 bits.
    private static func quotient(_ numerator: Int64, _ denominator: Int64, _ mode: NSDecimalNumber.RoundingMode) -> Int64? {
        guard denominator != 0, !(numerator == .min && denominator == -1) else { return nil }
        var quotient = numerator / denominator
        let remainder = (numerator % denominator).magnitude
        guard remainder != 0 else { return quotient }
        let positive = (numerator < 0) == (denominator < 0)
        switch mode {
        case .plain: if remainder >= denominator.magnitude - remainder { quotient += positive ? 1 : -1 }
        case .down: if !positive { quotient -= 1 }
        case .up: if positive { quotient += 1 }
        default: return nil
        }
        return quotient
    }

    // MARK: - Alignment

    /// The exponents a `Decimal` holds.
    private static let exponents = -128...127

    private static let powersOfTen: [Int64] = (0...18).map { exponent in (0..<exponent).reduce(1) { product, _ in product * 10 } }

    /// Both significands at the smaller exponent; nil when either is large or scaling one would overflow.
    private static func aligned(_ lhs: FastDecimal, _ rhs: FastDecimal) -> (Int64, Int64, exponent: Int)? {
        guard case .small(let left, let leftExponent) = lhs.value, case .small(let right, let rightExponent) = rhs.value else { return nil }
        if leftExponent == rightExponent { return (left, right, leftExponent) }
        if left == 0 { return (0, right, rightExponent) }
        if right == 0 { return (left, 0, leftExponent) }
        let gap = abs(leftExponent - rightExponent)
        guard gap < powersOfTen.count else { return nil }
        if leftExponent > rightExponent {
            let (scaled, overflow) = left.multipliedReportingOverflow(by: powersOfTen[gap])
            return overflow ? nil : (scaled, right, rightExponent)
        }
        let (scaled, overflow) = right.multipliedReportingOverflow(by: powersOfTen[gap])
        return overflow ? nil : (left, scaled, leftExponent)
    }
}

extension FastDecimal: Comparable {
    public static func < (lhs: FastDecimal, rhs: FastDecimal) -> Bool {
        if let (left, right, _) = aligned(lhs, rhs) { return left < right }
        return lhs.decimal < rhs.decimal
    }
}

extension FastDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self.init(significand: value, exponent: 0)
    }
}

extension FastDecimal {
    /// The value without its sign.
    public var magnitude: FastDecimal { self < 0 ? -self : self }
}
