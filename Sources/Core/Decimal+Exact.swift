import Decimals
import Foundation

extension Decimal {
    /// Parses strict decimal text: optional sign, digits with an optional fraction, optional exponent.
    ///
    /// Rejects what `Decimal(string:)` would half-accept: empty text, surrounding spaces, hex,
    /// `NaN`, `inf`, trailing garbage, more than 38 significant digits, exponents beyond ±64.
    public init?(exactly text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        var exponent = 0
        while let byte = utf8.first {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // Leading zeros are not significant digits.
                if mantissa > 0 || byte != UInt8(ascii: "0") { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0")) } else if !sawPoint { exponent += 1 }
                if sawPoint {
                    fractionDigits += 1
                    if digits <= 19 { exponent -= 1 }
                } else {
                    integerDigits += 1
                }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            utf8 = utf8.dropFirst()
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0, digits <= 38 else { return nil }
        if let marker = utf8.first {
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return nil }
            var exponentText = utf8.dropFirst()
            var exponentNegative = false
            if let sign = exponentText.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                exponentText = exponentText.dropFirst()
            }
            guard !exponentText.isEmpty, exponentText.count <= 3, exponentText.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else {
                return nil
            }
            let written = exponentText.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard written <= 64 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        if digits <= 19 {
            self = Decimal(unsignedSignificand: mantissa, exponent: exponent, negative: negative)
        } else {
            guard let value = Decimal(string: String(text), locale: Self.posix), !value.isNaN else { return nil }
            self = value
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A decimal built exactly from an integer significand and a power of ten: `Decimal(5, scale: 4)` is 0.0005.
    public init(_ significand: Int, scale: Int) {
        self = Decimal(unsignedSignificand: UInt64(significand.magnitude), exponent: -scale, negative: significand < 0)
    }
}
