import Core

extension OrderType {
    /// The words an order type is written as, whatever the case: its name, with `-` or a space for `_`, or run
    /// together (`stop-limit`, `StopLimit`), and `trailing` for a trailing stop.
    public init?(word: String) {
        let key = word.trimmingWhitespaceAndNewlines().lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        guard let type = Self(rawValue: key) ?? Self.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "_", with: "") == key }) else {
            if key == "trailing" { self = .trailingStop } else { return nil }
            return
        }
        self = type
    }

    /// The names of every order type, for messages.
    public static var words: [String] { allCases.map(\.rawValue) }
}

extension TimeInForce {
    /// A time in force in any case: `GTC`, `day`.
    public init?(word: String) {
        self.init(rawValue: word.trimmingWhitespaceAndNewlines().lowercased())
    }

    /// The names of every time in force, for messages.
    public static var words: [String] { allCases.map(\.rawValue) }
}
