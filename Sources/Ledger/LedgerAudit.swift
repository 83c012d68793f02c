import Core
import Foundation

/// Replays an account's order log from its opening cash and compares the result with the account as stored:
/// the proof that no order was lost, doubled or half applied.
public enum LedgerAudit {
    /// The account its orders make from `openingCash`, oldest order first, or the first order that could not have
    /// been filled (it would have taken cash below zero).
    public static func replay(
        _ name: String,
        openingCash: Decimal,
        allowsShortSelling: Bool,
        orders: [Order],
        moneyTick: Decimal
    ) -> Result<Account, Difference> {
        var account = Account(name: name, cash: openingCash, allowsShortSelling: allowsShortSelling)
        for order in orders {
            guard let fill = order.fill() else { continue }
            account.cash += fill.cashChange
            guard account.cash >= 0 else {
                return .failure(Difference(account: name, what: "order \(order.id) takes cash to \(account.cash)"))
            }
            var position = account.position(order.symbol)
            position.apply(fill, moneyTick: moneyTick)
            account.positions[order.symbol] = position.quantity == 0 && position.realizedPnL == 0 ? nil : position
        }
        return .success(account)
    }

    /// The first way `stored` differs from what its orders make from `openingCash`; nil when they agree.
    public static func check(_ stored: Account, openingCash: Decimal?, orders: [Order], moneyTick: Decimal) -> Difference? {
        guard let openingCash else { return Difference(account: stored.name, what: "no opening balance is recorded") }
        switch replay(stored.name, openingCash: openingCash, allowsShortSelling: stored.allowsShortSelling, orders: orders, moneyTick: moneyTick) {
        case .failure(let difference): return difference
        case .success(let replayed): return difference(stored: stored, replayed: replayed)
        }
    }

    /// What an audit of a whole ledger found: how many accounts and orders it checked, and the first difference of
    /// each account that has one.
    public struct Report: Sendable {
        public var accounts = 0
        public var orders = 0
        public var differences: [Difference] = []

        public init() {}

        /// Adds one account's check.
        public mutating func check(_ stored: Account, openingCash: Decimal?, orders: [Order], moneyTick: Decimal) {
            accounts += 1
            self.orders += orders.count
            if let difference = LedgerAudit.check(stored, openingCash: openingCash, orders: orders, moneyTick: moneyTick) {
                differences.append(difference)
            }
        }
    }

    /// The first way `stored` differs from `replayed`, nil when cash and every position agree.
    public static func difference(stored: Account, replayed: Account) -> Difference? {
        if stored.cash != replayed.cash {
            return Difference(account: stored.name, what: "cash is \(stored.cash), its orders make \(replayed.cash)")
        }
        for symbol in Set(stored.positions.keys).union(replayed.positions.keys).sorted() {
            let held = stored.position(symbol)
            let made = replayed.position(symbol)
            for (field, have, want) in [
                ("quantity", held.quantity, made.quantity), ("cost basis", held.costBasis, made.costBasis),
                ("realized P&L", held.realizedPnL, made.realizedPnL),
            ] where have != want {
                return Difference(account: stored.name, what: "\(symbol) \(field) is \(have), its orders make \(want)")
            }
        }
        return nil
    }

    /// Where a stored account and its replayed orders part.
    public struct Difference: Error, Equatable, Sendable, CustomStringConvertible {
        public var account: String
        public var what: String
        public var description: String { "account '\(account)': \(what)" }

        public init(account: String, what: String) {
            self.account = account
            self.what = what
        }
    }
}
