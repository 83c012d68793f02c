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

    /// A rejection this version cannot read is an error too; one an earlier version kept as code and English text is
    /// read as it was written.
    @Test func aStoredRejectionIsReadAsWrittenOrRefused() async throws {
        try await Harness().run(.router) { client, ledger in
            #expect(try await client.post("/api/webhook", #"{"symbol":"TSLA","side":"sell","qty":5,"price":250}"#).status == .unprocessableContent)
            await ledger.flush()
            let stored = try await ledger.database.read { db in try String.fetchOne(db, sql: "SELECT rejection FROM orders WHERE id = 1") }
            #expect(stored == #"{"held":"0","needed":"5","reason":"insufficient_position","symbol":"TSLA"}"#)
            try await ledger.database.write { db in
                try db.execute(sql: "UPDATE orders SET rejection = NULL, rejection_reason = 'Sold out' WHERE id = 1")
            }
            let earlier = try await client.get("/api/orders", headers: [.acceptLanguage: "zh"]).array()
            #expect(earlier.first?["reason"] as? String == "Sold out")
            for corrupt in [#"{"reason":"gamma_squeeze"}"#, "not json", #"{"reason":"amount_too_large","value":"1","refused_leg":"0"}"#] {
                try await ledger.database.write { db in try db.execute(sql: "UPDATE orders SET rejection = ? WHERE id = 1", arguments: [corrupt]) }
                await #expect(throws: StoredValueError.self, "\(corrupt)") { try await ledger.orders(account: nil, symbol: nil, limit: 10) }
            }
        }
    }
}
