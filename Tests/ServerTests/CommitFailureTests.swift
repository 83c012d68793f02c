import Core
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Testing

/// Fault injection: a commit that fails answers 503, applies nothing, fails its idempotency waiters, and leaves
/// memory and database agreeing, so nothing acknowledged is lost and nothing refused is kept.
@Suite struct CommitFailureTests {
    @Test(arguments: [TestingSetup.router, .live])
    func aFailedCommitIs503AndBringsBackNoStaleState(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, ledger in
            // Any order for FAIL makes its whole transaction fail, as a full disk or a lost database would.
            try await ledger.database.write { db in
                try db.execute(
                    sql: "CREATE TRIGGER inject BEFORE INSERT ON orders WHEN NEW.symbol = 'FAIL' BEGIN SELECT RAISE(ABORT, 'injected'); END"
                )
            }
            let key = HTTPFields.named([("Idempotency-Key", "doomed")])
            let failing = #"{"symbol":"FAIL","side":"buy","qty":1,"price":10}"#
            let replies = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status, String).self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let response = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":1\#(index)}"#)
                        return ("good", response.status, response.text)
                    }
                }
                for _ in 0..<3 {
                    group.addTask {
                        let response = try await client.post("/api/webhook", failing, headers: key)
                        return ("doomed", response.status, response.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // The doomed order and everything committed with it: 503 storage_unavailable; the rest: 200.
            #expect(replies.filter { $0.0 == "doomed" }.allSatisfy { $0.1 == .serviceUnavailable && $0.2.contains("storage_unavailable") })
            #expect(replies.allSatisfy { $0.1 == .ok || $0.1 == .serviceUnavailable })
            let acknowledged = replies.filter { $0.1 == .ok }

            // Every 200 is in the database, nothing else is, and memory agrees with the database.
            let orders = try await ledger.orders(limit: 1000)
            #expect(orders.count == acknowledged.count)
            #expect(orders.allSatisfy { $0.symbol == "AAPL" })
            let paid = try acknowledged.reduce(Decimal(0)) { total, reply in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.2.utf8)) as? [String: Any])
                return total + (Decimal(exactly: number(object["simulation"] as? [String: Any] ?? [:], "total_cost") ?? "") ?? 0)
            }
            let stored = try #require(try await ledger.statement(account: "default"))
            let inMemory = try #require(try await ledger.account(named: "default"))
            #expect(stored.account.cash == 100_000 - paid)
            #expect(inMemory == stored.account)
            #expect(inMemory.position("AAPL").quantity == Decimal(acknowledged.count))
            // The marks that value equity are the committed ones: the refused FAIL price is not among them.
            let marks = try await ledger.marks()
            #expect(marks["FAIL"] == nil && marks["AAPL"] != nil)

            // The key was never consumed: once storage works again, the same request executes.
            try await ledger.database.write { db in try db.execute(sql: "DROP TRIGGER inject") }
            #expect(try await client.post("/api/webhook", failing, headers: key).status == .ok)
        }
    }
}
