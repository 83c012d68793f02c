import Core
import Decimals
import Foundation

/// An account as committed, with the last traded price of each symbol it holds.
public struct AccountStatement: Sendable, Equatable {
    public var account: Account
    public var lastPrices: [String: Decimal]

    public init(account: Account, lastPrices: [String: Decimal]) {
        self.account = account
        self.lastPrices = lastPrices
    }

    /// Cash plus every position valued at its last price (at its cost without one), to the cent.
    public var equity: Decimal {
        account.equity(at: lastPrices).rounded(toMultipleOf: Decimal(1, scale: 2))
    }

    public var realizedPnL: Decimal { account.positions.values.reduce(0) { $0 + $1.realizedPnL } }

    public var unrealizedPnL: Decimal {
        account.positions.values.reduce(0) { $0 + $1.unrealizedPnL(at: lastPrices[$1.symbol] ?? 0) }
    }
}
