import Core

/// What a payload's `action` field asks for: an intent, and the side when it is a plain buy or sell.
public struct SignalAction: Sendable, Equatable {
    public var intent: Intent
    /// The side of a buy or sell; nil for exits, reverses and targets, which take theirs from the position.
    public var side: Side?

    /// Action words, matched case-insensitively after trimming: the seed's sides, and the exits, reverses and
    /// targets of TradersPost, OpenAlgo and PineConnector.
    public static let synonyms: [String: SignalAction] = {
        var synonyms: [String: SignalAction] = [:]
        for (word, side) in Side.synonyms where word != "close" { synonyms[word] = SignalAction(intent: .trade, side: side) }
        for word in ["exit", "close", "flat", "closeall", "close_all", "flatten"] { synonyms[word] = SignalAction(intent: .exit(only: nil)) }
        for word in ["exit_long", "closelong", "close_long"] { synonyms[word] = SignalAction(intent: .exit(only: .long)) }
        for word in ["exit_short", "closeshort", "close_short", "buy_to_cover"] { synonyms[word] = SignalAction(intent: .exit(only: .short)) }
        for word in ["reverse", "flip"] { synonyms[word] = SignalAction(intent: .reverse) }
        for word in ["target", "target_position", "position"] { synonyms[word] = SignalAction(intent: .target) }
        return synonyms
    }()

    public init(intent: Intent, side: Side? = nil) {
        self.intent = intent
        self.side = side
    }

    /// The action a word names, or nil.
    public init?(word: String) {
        guard let action = Self.synonyms[word.trimmingWhitespaceAndNewlines().lowercased()] else { return nil }
        self = action
    }

    /// The action as one canonical word: `buy`, `exit_long`, `target`.
    public var word: String {
        switch intent {
        case .trade: side?.rawValue ?? "trade"
        case .exit(nil): "exit"
        case .exit(let only?): "exit_\(only.rawValue)"
        case .reverse: "reverse"
        case .target: "target"
        }
    }
}

extension Sizing {
    /// Sizing words, matched case-insensitively after trimming, TradersPost's `quantityType` values among them.
    public static let synonyms: [String: Sizing] = [
        "units": .units, "fixed_quantity": .units, "quantity": .units, "shares": .units, "contracts": .units,
        "notional": .notional, "dollar_amount": .notional, "cash": .notional, "amount": .notional,
        "percent_of_equity": .percentOfEquity, "equity_percent": .percentOfEquity,
        "percent_of_position": .percentOfPosition, "position_percent": .percentOfPosition,
    ]

    /// The sizing a word names, or nil.
    public init?(word: String) {
        guard let sizing = Self.synonyms[word.trimmingWhitespaceAndNewlines().lowercased()] else { return nil }
        self = sizing
    }
}
