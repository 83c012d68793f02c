import Foundation

extension Decimal {
    /// Parses strict decimal text: optional sign, digits with an optional fraction, optional exponent.
    ///
    /// Rejects what `Decimal(string:)` would half-accept: empty text, surrounding spaces, hex,
    /// `NaN`, `inf`, trailing garbage, more than 38 significant digits, exponents beyond ±64.
    public init?(exactly text: some StringProtocol) {
        var digits = 0
        var exponentDigits = ""
        var sawPoint = false
        var sawExponent = false
        var index = text.startIndex
        if index < text.endIndex, text[index] == "-" || text[index] == "+" { index = text.index(after: index) }
        var fractionDigits = 0
        var integerDigits = 0
        while index < text.endIndex {
            let character = text[index]
            if sawExponent {
                if exponentDigits.isEmpty, character == "-" || character == "+" {
                    exponentDigits.append(character)
                } else if character.isASCII, character.isNumber {
                    exponentDigits.append(character)
                } else {
                    return nil
                }
            } else if character.isASCII, character.isNumber {
                digits += 1
                if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
            } else if character == ".", !sawPoint {
                sawPoint = true
            } else if character == "e" || character == "E", digits > 0 {
                sawExponent = true
            } else {
                return nil
            }
            index = text.index(after: index)
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0, digits <= 38 else { return nil }
        if sawExponent {
            guard let exponent = Int(exponentDigits), abs(exponent) <= 64 else { return nil }
        }
        guard let value = Decimal(string: String(text), locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            return nil
        }
        self = value
    }

    /// A decimal built exactly from an integer significand and a power of ten: `Decimal(5, scale: 4)` is 0.0005.
    public init(_ significand: Int, scale: Int) {
        self = Decimal(sign: significand < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(abs(significand)))
    }

    /// This value rounded to the nearest multiple of `increment`, halves away from zero.
    public func rounded(toMultipleOf increment: Decimal, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        guard increment > 0 else { return self }
        var quotient = self / increment
        var result = Decimal()
        NSDecimalRound(&result, &quotient, 0, mode)
        return result * increment
    }
}
