import Foundation

extension Decimal {
    /// A decimal whose significand fits in 64 bits: `significand` × 10^`exponent`, negative when `negative`.
    struct Parts: Equatable {
        var significand: UInt64
        var exponent: Int
        var negative: Bool
    }

    /// Whether this Foundation lays a decimal out as `parts(of:)` reads and `init(parts:)` writes it, checked against
    /// Foundation's own conversions on first use: otherwise the fast paths are never taken.
    static let layoutIsKnown: Bool = {
        let samples = ["185.5", "-0.00000001", "1000", "0", "18446744073709551615", "-123.456", "1e-30", "-7e20"]
        return samples.allSatisfy { sample in
            guard let value = Decimal(string: sample, locale: Locale(identifier: "en_US_POSIX")), let parts = rawParts(of: value) else {
                return false
            }
            let rebuilt = Decimal(
                sign: parts.negative ? .minus : .plus,
                exponent: parts.exponent,
                significand: Decimal(parts.significand)
            )
            return rebuilt == value && text(of: parts) == value.description
                && withUnsafeBytes(of: rawDecimal(parts), Array.init) == withUnsafeBytes(of: rebuilt, Array.init)
        }
    }()

    /// The parts of a decimal whose significand fits in 64 bits; nil for others, for NaN, and when the layout is unknown.
    static func parts(of value: Decimal) -> Parts? {
        layoutIsKnown ? rawParts(of: value) : nil
    }

    /// `significand` × 10^`exponent`, negated when `negative`: what `Decimal(sign:exponent:significand:)` makes, written
    /// directly when the layout is known.
    public init(unsignedSignificand significand: UInt64, exponent: Int, negative: Bool) {
        self.init(Parts(significand: significand, exponent: exponent, negative: negative))
    }

    /// The compact decimal of `parts` (no trailing zeros in its significand, as Foundation's arithmetic leaves it).
    init(_ parts: Parts) {
        var parts = parts
        if parts.significand == 0 {
            parts = Parts(significand: 0, exponent: 0, negative: false)
        }
        while parts.significand != 0, parts.significand % 10 == 0 {
            parts.significand /= 10
            parts.exponent += 1
        }
        guard Self.layoutIsKnown, (-128...127).contains(parts.exponent) else {
            self = Decimal(sign: parts.negative ? .minus : .plus, exponent: parts.exponent, significand: Decimal(parts.significand))
            return
        }
        self = Self.rawDecimal(parts)
    }

    /// swift-foundation's layout: byte 0 the exponent; byte 1 the length in 16-bit words (high nibble), the sign
    /// (bit 3) and compactness (bit 2); then eight little-endian 16-bit words of significand from byte 4.
    private static func rawParts(of value: Decimal) -> Parts? {
        withUnsafeBytes(of: value) { raw in
            guard raw.count == 20 else { return nil }
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            guard length <= 4, !(length == 0 && negative) else { return nil }
            var significand: UInt64 = 0
            for word in (0..<length).reversed() {
                significand = significand << 16 | UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
            }
            return Parts(significand: significand, exponent: Int(Int8(bitPattern: raw[0])), negative: negative)
        }
    }

    /// The decimal with these parts, written in swift-foundation's layout; the parts must be compact.
    private static func rawDecimal(_ parts: Parts) -> Decimal {
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            guard raw.count == 20 else { return }
            var length = 0
            var rest = parts.significand
            while rest != 0 {
                raw[4 + 2 * length] = UInt8(truncatingIfNeeded: rest)
                raw[5 + 2 * length] = UInt8(truncatingIfNeeded: rest >> 8)
                rest >>= 16
                length += 1
            }
            raw[0] = UInt8(bitPattern: Int8(parts.exponent))
            // Zero is all zero bytes, not even compact.
            raw[1] = length == 0 ? 0 : UInt8(length << 4) | (parts.negative ? 0x08 : 0) | 0x04
        }
        return value
    }
}
