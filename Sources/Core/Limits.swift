import Foundation

/// The bounds every amount stays within, so that it is exact in `Decimal` and reads back from storage as written.
public enum Limits {
    /// The largest cash balance, price, quantity or order value: 10^15.
    public static let maximumAmount = Decimal(sign: .plus, exponent: 15, significand: 1)
}
