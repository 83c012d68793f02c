import Core
import Decimals
import Foundation

/// One step of a field's transform chain, applied to the value's text.
public enum Transform: Sendable, Equatable {
    case trim
    case upper
    case lower
    /// Drops an exchange prefix: `NASDAQ:AAPL` becomes `AAPL`.
    case stripExchange
    /// Keeps the first capture group of the first match (the whole match when the pattern has no group).
    case regex(Pattern)
    /// Replaces every match; `$1` in the replacement names a group.
    case replace(Pattern, with: String)
    /// Removes the first of these prefixes the text starts with.
    case stripPrefix([String])
    /// Removes the first of these suffixes the text ends with.
    case stripSuffix([String])
    /// A number without its sign.
    case absoluteValue
    /// A number with the opposite sign.
    case negate
    case multiply(Decimal)
    case divide(Decimal)
    /// A number rounded to a multiple of the step: to the nearest (halves away from zero), or toward zero.
    case round(step: Decimal, towardZero: Bool)
    /// `buy` for a positive number, `sell` for a negative one; zero has no side.
    case sideFromSign

    /// Why a transform could not apply to a value.
    public enum Failure: Error, Equatable {
        case noMatch
        case notANumber
        case zeroHasNoSide
    }

    /// The names of the transforms written as a plain word in adapters.yaml.
    public static let simpleNames: [String: Transform] = [
        "trim": .trim, "upper": .upper, "lower": .lower, "strip_exchange": .stripExchange, "abs": .absoluteValue, "negate": .negate,
        "side_from_sign": .sideFromSign,
    ]

    /// The names of the transforms written as a one-key mapping, `{multiply: 100}`.
    public static let parameterizedNames = ["regex", "replace", "strip_prefix", "strip_suffix", "multiply", "divide", "round", "round_down"]

    public var name: String {
        switch self {
        case .trim: "trim"
        case .upper: "upper"
        case .lower: "lower"
        case .stripExchange: "strip_exchange"
        case .regex(let pattern): "regex \(pattern.source)"
        case .replace(let pattern, let replacement): "replace \(pattern.source) with \(replacement)"
        case .stripPrefix(let prefixes): "strip_prefix \(prefixes.joined(separator: " "))"
        case .stripSuffix(let suffixes): "strip_suffix \(suffixes.joined(separator: " "))"
        case .absoluteValue: "abs"
        case .negate: "negate"
        case .multiply(let factor): "multiply \(factor)"
        case .divide(let divisor): "divide \(divisor)"
        case .round(let step, let towardZero): "\(towardZero ? "round_down" : "round") \(step)"
        case .sideFromSign: "side_from_sign"
        }
    }

    /// The transformed text.
    public func apply(to text: String) throws(Failure) -> String {
        switch self {
        case .trim: return text.trimmingWhitespaceAndNewlines()
        case .upper: return text.uppercased()
        case .lower: return text.lowercased()
        case .stripExchange:
            guard let colon = text.lastIndex(of: ":") else { return text }
            return String(text[text.index(after: colon)...])
        case .regex(let pattern):
            guard let captured = pattern.firstCapture(in: text) else { throw .noMatch }
            return captured
        case .replace(let pattern, let replacement): return pattern.replacingMatches(in: text, with: replacement)
        case .stripPrefix(let prefixes):
            guard let prefix = prefixes.first(where: text.hasPrefix) else { return text }
            return String(text.dropFirst(prefix.count))
        case .stripSuffix(let suffixes):
            guard let suffix = suffixes.first(where: text.hasSuffix) else { return text }
            return String(text.dropLast(suffix.count))
        case .absoluteValue: return try Self.number(text).magnitude.plainText
        case .negate: return (-(try Self.number(text))).plainText
        case .multiply(let factor): return (try Self.number(text) * factor).plainText
        case .divide(let divisor): return (try Self.number(text) / divisor).plainText
        case .round(let step, let towardZero):
            let number = try Self.number(text)
            // `.down` and `.up` round toward minus and plus infinity; toward zero is one or the other by sign.
            return number.rounded(toMultipleOf: step, towardZero ? (number < 0 ? .up : .down) : .plain).plainText
        case .sideFromSign:
            let number = try Self.number(text)
            guard !number.isZero else { throw .zeroHasNoSide }
            return number > 0 ? Side.buy.rawValue : Side.sell.rawValue
        }
    }

    private static func number(_ text: String) throws(Failure) -> Decimal {
        guard let number = Decimal(exactly: text.trimmingWhitespace()) else { throw .notANumber }
        return number
    }
}
