import Foundation
import Testing

/// `papertrade dry-run` against real accounts, on text payloads, and as JSON for every outcome.
@Suite struct DryRunCommandTests {
    @Test func quotesAgainstAnAccountsRealStateWhileTheServerRunsAndChangesNothing() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        let data = ["PAPERTRADE_DATA": "d"]
        let server = try ServerProcess(directory: directory, arguments: [], environment: ["WEBHOOK_TOKEN": ""].merging(data) { $1 })
        defer { server.stop() }
        try await server.waitUntilHealthy()
        #expect(try CommandRunner.run(["account", "add", "策略A", "--cash", "20000"], in: directory, environment: data).status == 0)
        #expect(try await server.post("buy 100 AAPL @ 185.50 account=策略A").status == 200)

        // Cash 1422.44 is left: a second buy of 100 cannot be paid for, and the quote says so from the real state.
        let quote = try CommandRunner.run(
            ["dry-run", "--adapters", adapters, "--account", "策略A", "-"],
            stdin: "buy 100 AAPL @ 185.50",
            in: directory,
            environment: data
        )
        #expect(quote.status == 1)
        #expect(quote.stdout.contains("fill on account '策略A' in d with cash 1422.44:"))
        #expect(quote.stdout.contains("rejected insufficient_funds: Insufficient funds: need 18577.56, available 1422.44"))
        // The signal's own account with --data, and a sell of what is held.
        let sell = try CommandRunner.run(
            ["dry-run", "--adapters", adapters, "--data", "d", "-"],
            stdin: "sell 100 AAPL @ 190 account=策略A",
            in: directory
        )
        #expect(sell.status == 0, "\(sell.stdout)\(sell.stderr)")
        #expect(sell.stdout.contains("filled: 100 of 100 at 189.91"))
        let unknown = try CommandRunner.run(
            ["dry-run", "--adapters", adapters, "--account", "nobody", "--json", "-"],
            stdin: "buy 1 AAPL @ 1",
            in: directory,
            environment: data
        )
        #expect(unknown.status == 1)
        #expect(try json(unknown.stdout)["code"] as? String == "unknown_account")
        #expect(try json(unknown.stdout)["error"] as? String == "Unknown account 'nobody'")

        // Sized by equity, the command and the server's own dry run value the AAPL position at the same last price.
        let sized = #"{"ticker":"AAPL","action":"sell","quantity":5,"quantityType":"percent_of_equity","price":190,"account":"策略A"}"#
        let byServer = try await server.post(sized, path: "/api/webhook?dry_run=true")
        let byCommand = try CommandRunner.run(["dry-run", "--adapters", adapters, "--data", "d", "--json", "-"], stdin: sized, in: directory)
        let serverFill = try #require(try json(byServer.body)["fill"] as? [String: Any], "\(byServer.body)")
        let commandFill = try #require(try json(byCommand.stdout)["fill"] as? [String: Any])
        #expect((serverFill["filled_qty"] as? NSNumber) == (commandFill["filled_qty"] as? NSNumber))

        // Nothing was executed by the quotes: the server still sees one order and the same cash.
        let accounts = try CommandRunner.run(["account", "list"], in: directory, environment: data)
        #expect(accounts.stdout.contains("1422.44"), "\(accounts.stdout)")
        #expect(try await server.post("buy 1 AAPL @ 185.50 account=策略A").status == 200)
        #expect(server.terminate() == 0)
    }

    @Test func aDirectoryWithoutALedgerIsAClearError() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let output = try CommandRunner.run(
            ["dry-run", "--adapters", adapters, "--data", "empty", "--json", "-"],
            stdin: "buy 1 A @ 1",
            in: directory
        )
        #expect(output.status == 2)
        #expect(try json(output.stdout)["code"] as? String == "no_ledger")
    }

    @Test func theFreshAccountMaySellShort() throws {
        let refused = try CommandRunner.run(["dry-run", "-"], stdin: "sell 10 TSLA @ 250")
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("rejected insufficient_position"))
        let short = try CommandRunner.run(["dry-run", "--allow-short", "-"], stdin: "sell 10 TSLA @ 250")
        #expect(short.status == 0)
        #expect(short.stdout.contains("fill on a fresh account 'default' with cash 100000:"))
        #expect(short.stdout.contains("filled: 10 of 10 at 249.88"))
        let named = try CommandRunner.run(["dry-run", "--default-account", "main", "-"], stdin: "buy 1 TSLA @ 250")
        #expect(named.stdout.contains("signal: buy 1 TSLA @ 250, account 'main'"))
        #expect(named.stdout.contains("fill on a fresh account 'main' with cash 100000:"))
    }

    @Test(arguments: [
        ("{not json", "invalid_json"), ("[1,2]", "invalid_payload"), ("buy 1 AAPL @ 1 id=a id=b", "invalid_body"), ("\u{FF}", "invalid_json"),
    ])
    func jsonIsPrintedForEveryOutcome(_ body: String, _ code: String) throws {
        let output = try CommandRunner.run(["dry-run", "--json", "-"], stdin: body)
        #expect(output.status == 1)
        let object = try json(output.stdout)
        #expect(object["code"] as? String == code)
        #expect(object["dry_run"] as? Bool == true)
        #expect(object["adapters"] is [[String: Any]])
    }

    @Test func rulesErrorsAreJSONTooWhenAsked() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try "adapters:\n  - name: a\n".write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["dry-run", "--adapters", "bad.yaml", "--json", "-"], stdin: "{}", in: directory)
        #expect(output.status == 2)
        let object = try json(output.stdout)
        #expect(object["code"] as? String == "invalid_rules")
        #expect(object["error"] as? String == "bad.yaml:2:5: adapter 'a' needs 'fields'")
    }

    @Test func aTextPayloadShowsItsPiecesAndTheTokenStaysHidden() throws {
        let output = try CommandRunner.run(["dry-run", "-"], stdin: "SELL 0.5 BTCUSD @ 64000 account=策略A token=hunter2")
        #expect(output.stdout.contains("text             yes  match rule holds"))
        #expect(output.stdout.contains(#"account from 'account' "策略A" ⇒ 策略A"#))
        #expect(output.stdout.contains(#"token   from 'token' "[redacted]""#))
        #expect(!output.stdout.contains("hunter2"))
    }

    private var adapters: String { CommandRunner.packageRoot.appendingPathComponent("adapters.yaml").path }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }
}
