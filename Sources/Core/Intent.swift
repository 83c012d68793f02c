/// What a signal asks the engine to do with the position in its symbol.
public enum Intent: Sendable, Equatable {
    /// Buy or sell the signal's quantity: the seed's delta.
    case trade
    /// Close the position, or part of it; `only` leaves a position on the other side alone.
    case exit(only: PositionDirection?)
    /// Close the position and open one the other way: the same size, or the signal's quantity.
    case reverse
    /// Make the position the signal's signed quantity: the order is target − current.
    case target
}

/// Which way a position faces.
public enum PositionDirection: String, Sendable, Equatable {
    case long, short
}

/// How a signal's quantity is measured.
public enum Sizing: String, Sendable, Equatable, CaseIterable {
    /// Units of the instrument (shares, coins, contracts).
    case units
    /// An amount of cash: units = amount / (price × multiplier).
    case notional
    /// A percentage of the account's equity, in cash.
    case percentOfEquity = "percent_of_equity"
    /// A percentage of the position held (for exits and reverses).
    case percentOfPosition = "percent_of_position"
}
