import Decimals
import Foundation

/// A paper trading account: cash and positions.
public struct Account: Sendable, Equatable {
    /// The account signals go to when they name none, unless configured otherwise.
    public static let defaultName = "default"
    /// The cash the default account starts with, unless configured otherwise.
    public static let defaultStartingCash: Decimal = 100_000

    /// The account's name; any Unicode text such as `策略A`.
    public var name: String
    public var cash: Decimal
    /// Whether selling more than is held opens a short position.
    public var allowsShortSelling: Bool
    public var positions: [String: Position]
    /// The cash working buys hold back: what a new order may spend is the cash beyond it.
    public var reserved: Decimal = 0

    public init(name: String, cash: Decimal, allowsShortSelling: Bool = false, positions: [String: Position] = [:], reserved: Decimal = 0) {
        self.name = name
        self.cash = cash
        self.allowsShortSelling = allowsShortSelling
        self.positions = positions
        self.reserved = reserved
    }

    /// The cash a new order may spend: what working buys do not hold back.
    public var buyingPower: Decimal { cash - reserved }

    /// The position in `symbol`, flat when none is held.
    public func position(_ symbol: String) -> Position {
        positions[symbol] ?? Position(symbol: symbol)
    }

    /// Cash plus every position valued at its mark; a position without a mark counts at its cost.
    public func equity(at marks: [String: Decimal]) -> Decimal {
        positions.values.reduce(FastDecimal(cash)) { total, position in
            total + (marks[position.symbol].map { position.marketValue(at: FastDecimal($0)) } ?? FastDecimal(position.costBasis))
        }
        .decimal
    }
}
