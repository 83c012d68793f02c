import Foundation

extension Decimal {
    /// The same text as `description` (plain notation, never an exponent), written directly when the significand
    /// fits in 64 bits, as every price, quantity and amount does: Foundation's conversion divides a 128-bit
    /// significand digit by digit and cost more than the rest of an order's reply.
    public var plainText: String {
        guard let parts = Self.parts(of: self) else { return description }
        return Self.text(of: parts)
    }

    /// The plain text of `parts`, as `description` writes it.
    static func text(of parts: Parts) -> String {
        let (significand, exponent, negative) = (parts.significand, parts.exponent, parts.negative)
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
