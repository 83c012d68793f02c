import Foundation
import GRDB
import HummingbirdTesting
import Ledger
import Testing

/// A stored order this version cannot read is an error naming the row, never a guess: an unknown status was read as
/// `rejected` and an unknown side as `buy`.
@Suite struct StoredValueTests {
    @Test(arguments: [("status", "pending"), ("side", "short_exempt"), ("exec_price", "12,5")])
    func anUnknownStoredValueNamesItsRow(_ column: String, _ value: String) async throws {
        try await Harness().run(.router) { client, ledger in
            #expect(try await client.post("/api/webhook", seedStandard).status == .ok)
            await ledger.flush()
            try await ledger.database.writeWithoutTransaction { db in
                // As a corrupt file or a newer version could leave it: past the schema's own checks.
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                try db.execute(sql: "UPDATE orders SET \(column) = ? WHERE id = 1", arguments: [value])
                try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
            }
            let error = await #expect(throws: StoredValueError.self) { try await ledger.orders(account: nil, symbol: nil, limit: 10) }
            if column != "exec_price" {
                #expect(error?.description == "order 1: column \(column) holds '\(value)', which this version does not know")
            }
            let reply = try await client.get("/api/orders")
            #expect(reply.status == .serviceUnavailable, "a read that cannot be trusted is not answered: \(reply.text)")
        }
    }
}
