import Foundation

extension Decimal {
    /// The same text as `description` (plain notation, never an exponent), written directly when the significand
    /// fits in 64 bits, as every price, quantity and amount does: Foundation's conversion divides a 128-bit
    /// significand digit by digit and cost more than the rest of an order's reply.
    public var plainText: String {
        guard let parts = Self.parts(of: self) else { return description }
        return Self.text(of: parts)
    }

    /// The plain text of `parts`, as `description` writes it, in one allocation: written from its last digit back.
    static func text(of parts: Parts) -> String {
        let (significand, exponent, negative) = (parts.significand, parts.exponent, parts.negative)
        guard significand != 0 else { return "0" }
        var digitCount = 0
        var rest = significand
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        // Digits then zeros (123000); digits around a point (1.23); or 0., zeros, digits (0.00123).
        let pointAt = digitCount + exponent
        let length =
            (negative ? 1 : 0) + (exponent >= 0 ? digitCount + exponent : pointAt > 0 ? digitCount + 1 : 2 - pointAt + digitCount)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = length
            func write(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            for _ in 0..<max(exponent, 0) { write(UInt8(ascii: "0")) }
            var rest = significand
            var written = 0
            while rest > 0 {
                write(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
                written += 1
                if pointAt > 0, written == -exponent { write(UInt8(ascii: ".")) }
            }
            if pointAt <= 0 {
                for _ in 0..<(-pointAt) { write(UInt8(ascii: "0")) }
                write(UInt8(ascii: "."))
                write(UInt8(ascii: "0"))
            }
            if negative { write(UInt8(ascii: "-")) }
            return length
        }
    }
}
