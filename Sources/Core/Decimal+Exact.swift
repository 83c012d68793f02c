import Decimals
import Foundation

extension Decimal {
    /// Parses strict decimal text: optional sign, digits with an optional fraction, optional exponent.
    ///
    /// Rejects what `Decimal(string:)` would half-accept: empty text, surrounding spaces, hex,
    /// `NaN`, `inf`, trailing garbage, more than 38 significant digits, exponents beyond ±64.
    @inlinable
    public init?(exactly text: some StringProtocol) {
        // Inlined, so that a `String`'s bytes are reached without a protocol witness on every price.
        guard let value = text.utf8.withContiguousStorageIfAvailable(Self.parse(utf8:)) ?? Self.parse(noncontiguous: String(text)) else {
            return nil
        }
        self = value
    }

    /// The strict decimal in a text whose UTF-8 is not contiguous (a bridged string).
    @usableFromInline
    static func parse(noncontiguous text: String) -> Decimal? {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable(parse(utf8:)) ?? nil
    }

    /// The strict decimal in UTF-8 text, nil when it is not one.
    @usableFromInline
    static func parse(utf8: UnsafeBufferPointer<UInt8>) -> Decimal? {
        switch reading(of: utf8) {
        case .invalid, .outOfRange: return nil
        case .exact(let mantissa, let exponent, let negative):
            return Decimal(unsignedSignificand: mantissa, exponent: exponent, negative: negative)
        case .long:
            guard let value = Decimal(string: String(decoding: utf8, as: UTF8.self), locale: Self.posix), !value.isNaN else { return nil }
            return value
        }
    }

    /// Why well-formed decimal text is no `Decimal(exactly:)`: the number it writes is beyond what is kept.
    public enum OutOfRange: Sendable {
        /// More than 38 integer digits or an exponent beyond +64: far beyond any amount.
        case tooLarge
        /// An exponent below -64: nearer to zero than any amount.
        case tooSmall
        /// More than 38 significant digits.
        case tooPrecise
    }

    /// Why `text` is no decimal although it is written as one; nil when it is a decimal, or not written as a number.
    public static func outOfRange(_ text: String) -> OutOfRange? {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable { utf8 in
            if case .outOfRange(let why) = reading(of: utf8) { why } else { nil }
        } ?? nil
    }

    /// What strict decimal text holds: a value of at most 19 significant digits, a longer one for Foundation to read,
    /// a number beyond what is kept, or nothing valid.
    private enum Reading {
        case invalid
        case exact(mantissa: UInt64, exponent: Int, negative: Bool)
        /// 20 to 38 significant digits, valid.
        case long
        case outOfRange(OutOfRange)
    }

    private static func reading(of utf8: UnsafeBufferPointer<UInt8>) -> Reading {
        var index = 0
        func next() -> UInt8? { index < utf8.count ? utf8[index] : nil }
        var negative = false
        if let sign = next(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var integerDigits = 0
        var fractionDigits = 0
        var sawPoint = false
        var exponent = 0
        while let byte = next() {
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
            index += 1
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0 else { return .invalid }
        if let marker = next() {
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return .invalid }
            index += 1
            var exponentNegative = false
            if let sign = next(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                index += 1
            }
            let exponentDigits = utf8[index...]
            guard !exponentDigits.isEmpty, exponentDigits.count <= 3,
                exponentDigits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else {
                return .invalid
            }
            let written = exponentDigits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard written <= 64 else {
                if mantissa == 0 { return .exact(mantissa: 0, exponent: 0, negative: negative) }
                return exponentNegative ? .outOfRange(.tooSmall) : .outOfRange(.tooLarge)
            }
            exponent += exponentNegative ? -written : written
        }
        if digits > 38 { return .outOfRange(integerDigits > 38 ? .tooLarge : .tooPrecise) }
        return digits <= 19 ? .exact(mantissa: mantissa, exponent: exponent, negative: negative) : .long
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A decimal built exactly from an integer significand and a power of ten: `Decimal(5, scale: 4)` is 0.0005.
    public init(_ significand: Int, scale: Int) {
        self = Decimal(unsignedSignificand: UInt64(significand.magnitude), exponent: -scale, negative: significand < 0)
    }
}
