import Core
import Foundation

/// What a run of executions leaves in the rows each of them overwrites (an account's cash, a position, a symbol's
/// last price): the last value of each, so that storage writes each row once per transaction, not once per order.
/// Rows keep the spelling of the execution that set them last: storage compares bytes, where these keys compare
/// canonical equivalence.
public struct LatestRows: Sendable {
    private var cashByAccount: [String: Decimal] = [:]
    private var positionsByKey: [PositionKey: (account: String, position: Position)] = [:]
    private var pricesBySymbol: [String: (symbol: String, price: Decimal, time: Date)] = [:]

    private struct PositionKey: Hashable {
        var account: String
        var symbol: String
    }

    public init(_ executions: some Sequence<ExecutionWrite> = [ExecutionWrite]()) {
        for execution in executions { record(execution) }
    }

    /// Takes `execution` as the latest: its cash, its position and its price replace any recorded before.
    public mutating func record(_ execution: ExecutionWrite) {
        cashByAccount[execution.account] = execution.cash
        guard let position = execution.position else { return }
        positionsByKey[PositionKey(account: execution.account, symbol: position.symbol)] = (execution.account, position)
        if let price = execution.lastPrice { pricesBySymbol[position.symbol] = (position.symbol, price, execution.time) }
    }

    /// Takes `price` at `time` as the symbol's latest: a mark's.
    public mutating func recordPrice(_ price: Decimal, of symbol: String, at time: Date) {
        pricesBySymbol[symbol] = (symbol, price, time)
    }

    /// Each account's cash, in no particular order.
    public var cash: [(account: String, cash: Decimal)] { cashByAccount.map { ($0.key, $0.value) } }
    /// Each traded position with its account, in no particular order.
    public var positions: [(account: String, position: Position)] { Array(positionsByKey.values) }
    /// Each traded symbol's last price and when, in no particular order.
    public var lastPrices: [(symbol: String, price: Decimal, time: Date)] { Array(pricesBySymbol.values) }
}
