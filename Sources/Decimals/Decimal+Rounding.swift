import Foundation

extension Decimal {
    /// This value rounded to a multiple of `increment` by `mode`: by default the nearest, halves away from zero.
    public func rounded(toMultipleOf increment: Decimal, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        guard increment > 0 else { return self }
        var result = Decimal()
        if increment.significand == 1 {
            // A power of ten: round to its number of places, no division needed.
            var value = self
            NSDecimalRound(&result, &value, -increment.exponent, mode)
            return result
        }
        var quotient = self / increment
        NSDecimalRound(&result, &quotient, 0, mode)
        return result * increment
    }
}
