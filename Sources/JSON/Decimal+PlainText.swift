import Foundation

extension Decimal {
    /// The same text as `description` (plain notation, never an exponent), written directly when the significand
    /// fits in 64 bits, as every price, quantity and amount does: Foundation's conversion divides a 128-bit
    /// significand digit by digit and cost more than the rest of an order's reply.
    public var plainText: String {
        guard Self.layoutIsKnown, let parts = Self.parts(of: self) else { return description }
        return Self.text(significand: parts.significand, exponent: parts.exponent, negative: parts.negative)
    }

    /// Whether this Foundation lays a decimal out as `parts(of:)` reads it, checked against `description` on first
    /// use: otherwise `plainText` is `description`.
    static let layoutIsKnown: Bool = {
        let samples = ["185.5", "-0.00000001", "1000", "0", "18446744073709551615", "-123.456"]
        return samples.allSatisfy { sample in
            guard let value = Decimal(string: sample, locale: Locale(identifier: "en_US_POSIX")), let parts = parts(of: value) else {
                return false
            }
            return text(significand: parts.significand, exponent: parts.exponent, negative: parts.negative) == value.description
        }
    }()

    /// The significand, exponent and sign of a decimal whose significand fits in 64 bits; nil for others and NaN.
    ///
    /// swift-foundation's layout: byte 0 the exponent, byte 1 the length in 16-bit words (high nibble) and the
    /// sign (bit 3), then eight little-endian 16-bit words of significand from byte 4.
    private static func parts(of value: Decimal) -> (significand: UInt64, exponent: Int, negative: Bool)? {
        withUnsafeBytes(of: value) { raw in
            guard raw.count == 20 else { return nil }
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            guard length <= 4, !(length == 0 && negative) else { return nil }
            var significand: UInt64 = 0
            for word in (0..<length).reversed() {
                significand = significand << 16 | UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
            }
            return (significand, Int(Int8(bitPattern: raw[0])), negative)
        }
    }

    private static func text(significand: UInt64, exponent: Int, negative: Bool) -> String {
        guard significand != 0 else { return "0" }
        var digits: [UInt8] = []
        var rest = significand
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        digits.reverse()
        var output: [UInt8] = []
        output.reserveCapacity(digits.count + abs(exponent) + 3)
        if negative { output.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
        } else if digits.count + exponent > 0 {
            let point = digits.count + exponent
            output.append(contentsOf: digits[..<point])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[point...])
        } else {
            output.append(contentsOf: "0.".utf8)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -(digits.count + exponent)))
            output.append(contentsOf: digits)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
