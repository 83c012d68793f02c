import Foundation

/// The direction of a trade.
public enum Side: String, Sendable, Equatable, CaseIterable {
    case buy
    case sell

    /// The seed's side synonyms: `buy, long, buy_to_open` and `sell, short, sell_to_close, close`.
    public static let synonyms: [String: Side] = [
        "buy": .buy, "long": .buy, "buy_to_open": .buy,
        "sell": .sell, "short": .sell, "sell_to_close": .sell, "close": .sell,
    ]

    /// The side a synonym names, matched case-insensitively after trimming spaces.
    public init?(synonym: String) {
        // A synonym as written in the table, the usual case, needs neither trimming nor lowercasing.
        guard let side = Self.synonyms[synonym] ?? Self.synonyms[synonym.trimmingWhitespaceAndNewlines().lowercased()] else { return nil }
        self = side
    }
}
