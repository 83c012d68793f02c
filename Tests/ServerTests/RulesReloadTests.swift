import Adapters
import Core
import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

/// Rules and instruments that change while the server runs: checked first, swapped whole, the old kept when invalid.
@Suite struct RulesReloadTests {
    static func adapters(named name: String) -> String {
        """
        version: 1
        adapters:
          - name: \(name)
            fields: {symbol: symbol, side: side, qty: qty, price: price}
        """
    }

    static func instruments(slippageBps: Int) -> String {
        """
        version: 1
        default:
          slippage_bps: \(slippageBps)
        """
    }

    @Test(arguments: [TestingSetup.router, .live])
    func changedFilesAreReloadedAndAnInvalidOneKeepsTheOldRules(_ setup: TestingSetup) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("papertrade-reload-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rulesFile = folder + "/adapters.yaml"
        let instrumentsFile = folder + "/instruments.yaml"
        try Self.adapters(named: "first").write(toFile: rulesFile, atomically: true, encoding: .utf8)
        try Self.instruments(slippageBps: 5).write(toFile: instrumentsFile, atomically: true, encoding: .utf8)

        var harness = try Harness()
        harness.configuration.rules = try RulesLoader.load(path: rulesFile)
        harness.configuration.rulesSource = rulesFile
        harness.reload = ReloadSources(
            rules: { try RulesLoader.load(path: rulesFile) },
            executionModel: {
                var model = ExecutionModel()
                model.instruments = try InstrumentsLoader.load(path: instrumentsFile)
                return model
            },
            files: [rulesFile, instrumentsFile],
            pollInterval: .milliseconds(50)
        )
        try await harness.run(setup) { client, _ in
            func adapterOfAnOrder() async throws -> String? {
                let reply = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":100}"#)
                return try reply.object()["adapter"] as? String
            }
            func eventually(_ condition: () async throws -> Bool) async throws {
                let deadline = ContinuousClock.now + .seconds(10)
                while try await !condition() {
                    try #require(ContinuousClock.now < deadline, "the reload never happened")
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(try await adapterOfAnOrder() == "first")

            try Self.adapters(named: "second").write(toFile: rulesFile, atomically: true, encoding: .utf8)
            try Self.instruments(slippageBps: 0).write(toFile: instrumentsFile, atomically: true, encoding: .utf8)
            try await eventually { try await adapterOfAnOrder() == "second" }
            // The new instruments fill too: no slippage, so a buy at 100 fills at 100.
            try await eventually {
                let reply = try await client.post("/api/webhook", #"{"symbol":"AAPL","side":"buy","qty":1,"price":100}"#)
                return try (reply.object()["order"] as? [String: Any])?["exec_price"] as? Int == 100
            }

            // An invalid file: the old rules keep serving, and the error is shown where it is.
            try "version: 1\nadapters:\n  - name: broken\n    fields: {symbol: symbol, side: side, qty: qty, price: price, bogus: x}\n"
                .write(toFile: rulesFile, atomically: true, encoding: .utf8)
            try await eventually { try await client.get("/api/adapters").object()["reload_error"] != nil }
            let adapters = try await client.get("/api/adapters").object()
            let error = try #require((adapters["reload_error"] as? [String: Any])?["message"] as? String)
            #expect(error.contains("\(rulesFile):4:"), "\(error)")
            #expect((adapters["adapters"] as? [[String: Any]])?.map { $0["name"] as? String } == ["second"])
            #expect(try await adapterOfAnOrder() == "second")

            try Self.adapters(named: "third").write(toFile: rulesFile, atomically: true, encoding: .utf8)
            try await eventually { try await adapterOfAnOrder() == "third" }
            #expect(try await client.get("/api/adapters").object()["reload_error"] == nil)
        }
    }
}
