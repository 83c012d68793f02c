import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import SQLiteLedger
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct LedgerDurabilityTests {
    /// Cash for exactly 100 buys of 1 @ 10 (each costs 10.01 + 0.01 commission).
    private func harnessWithCashFor100Buys() async throws -> Harness {
        let harness = try Harness()
        let ledger = try await harness.openLedger()
        // Each buy costs 10.01 plus a commission of 0.01001, rounded up to 0.02.
        try await ledger.addAccount(Account(name: "tight", cash: decimal("1003")))
        return harness
    }

    @Test func concurrentBuysNeverOverdrawThroughTheRouter() async throws {
        try await harnessWithCashFor100Buys().run(.router) { client, ledger in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        try await client.post("/api/webhook", #"{"symbol":"X","side":"buy","qty":1,"price":10,"account":"tight"}"#).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 100)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 100)
            #expect(try await ledger.account(named: "tight")?.cash == 0)
            let statement = try #require(try await ledger.statement(account: "tight"))
            #expect(statement.account.cash == 0)
            #expect(statement.account.position("X").quantity == 100)
        }
    }

    @Test func concurrentBuysNeverOverdrawOverLiveHTTP() async throws {
        try await harnessWithCashFor100Buys().run(.live) { client, ledger in
            let port = try #require(client.port)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await rawPost(port: port, body: #"{"symbol":"X","side":"buy","qty":1,"price":10,"account":"tight"}"#) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 100)
            #expect(statuses.filter { $0 == 422 }.count == 100)
            let committed = try #require(try await ledger.statement(account: "tight"))
            #expect(committed.account.cash == 0)
            #expect(try await ledger.orders(account: "tight", limit: 1000).filter { $0.status == .filled }.count == 100)
        }
    }

    @Test func everyAcknowledgedOrderSurvivesARestart() async throws {
        let harness = try Harness()
        let acknowledged = LockedBox<[Int]>()
        try await harness.run(.live) { client, _ in
            var ids: [Int] = []
            for index in 0..<25 {
                let response = try await client.post("/api/webhook", #"{"symbol":"S\#(index % 3)","side":"buy","qty":1.5,"price":12.34}"#)
                #expect(response.status == .ok)
                ids.append(try #require((try response.object()["order"] as? [String: Any])?["id"] as? Int))
            }
            acknowledged.value = ids
        }
        let reopened = try await harness.openLedger()
        let orders = try await reopened.orders(limit: 1000)
        #expect(Set(orders.map { Int($0.id) }) == Set(acknowledged.value ?? []))
        let account = try #require(try await reopened.account(named: "default"))
        #expect(account.position("S0").quantity == decimal("13.5"))
        let spent = orders.reduce(Decimal(0)) { $0 + $1.value + $1.commission }
        #expect(account.cash == 100_000 - spent)
        // New orders continue the numbering.
        try await harness.run(.router) { client, _ in
            let next = try await client.post("/api/webhook", seedStandard)
            #expect((try next.object()["order"] as? [String: Any])?["id"] as? Int == 26)
        }
    }
}

/// POSTs over a fresh loopback connection, the way an independent client would, and returns the status.
func rawPost(port: Int, body: String) async throws -> Int {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/webhook")!)
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    let (_, response) = try await URLSession.shared.data(for: request)
    return (response as? HTTPURLResponse)?.statusCode ?? -1
}
