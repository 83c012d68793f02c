import Core
import Foundation
import GRDB

/// Queries over the ledger's committed state.
enum LedgerReader {
    static func account(named name: String, in db: Database) throws -> Account? {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, cash, allows_short FROM account WHERE name = ?", arguments: [name]) else {
            return nil
        }
        var account = Account(name: row["name"], cash: try decimal(row, "cash"), allowsShortSelling: row["allows_short"])
        for row in try Row.fetchAll(
            db,
            sql: "SELECT symbol, quantity, cost_basis, realized_pnl, multiplier FROM position WHERE account = ?",
            arguments: [name]
        ) {
            let position = Position(
                symbol: row["symbol"],
                quantity: try decimal(row, "quantity"),
                costBasis: try decimal(row, "cost_basis"),
                realizedPnL: try decimal(row, "realized_pnl"),
                multiplier: try decimal(row, "multiplier")
            )
            account.positions[position.symbol] = position
        }
        return account
    }

    /// The last traded price of every symbol.
    static func lastPrices(_ db: Database) throws -> [String: Decimal] {
        var prices: [String: Decimal] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT symbol, price FROM last_price") {
            prices[row["symbol"]] = try decimal(row, "price")
        }
        return prices
    }

    static func decimal(_ row: Row, _ column: String) throws -> Decimal {
        let text: String = row[column]
        guard let value = Decimal(exactly: text) else { throw DatabaseError(message: "column \(column) holds '\(text)', not a decimal") }
        return value
    }

    static func order(_ row: Row) throws -> Order {
        let execPrice: String? = row["exec_price"]
        return Order(
            id: row["id"],
            account: row["account"],
            symbol: row["symbol"],
            side: Side(rawValue: row["side"]) ?? .buy,
            requestedQuantity: try decimal(row, "requested_qty"),
            filledQuantity: try decimal(row, "filled_qty"),
            requestedPrice: try decimal(row, "requested_price"),
            executionPrice: execPrice.flatMap { Decimal(exactly: $0) },
            value: try decimal(row, "value"),
            slippage: try decimal(row, "slippage"),
            commission: try decimal(row, "commission"),
            tax: try decimal(row, "tax"),
            time: Date(timeIntervalSince1970: row["time"]),
            status: OrderStatus(rawValue: row["status"]) ?? .rejected,
            rejectionCode: row["rejection_code"],
            rejectionReason: row["rejection_reason"],
            source: row["source"],
            adapter: row["adapter"]
        )
    }
}
