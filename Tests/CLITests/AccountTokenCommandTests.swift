import Foundation
import Testing

/// `papertrade account token`: webhook tokens bound to one account.
@Suite struct AccountTokenCommandTests {
    @Test func tokensAreMadeAndRevokedForAnAccountOfAnExistingLedger() throws {
        let data = try CommandRunner.temporaryDirectory().appendingPathComponent("d").path
        let missing = try CommandRunner.run(["account", "token", "default", "--data", data])
        #expect(missing.status != 0 && missing.stderr.contains("No ledger in"))
        #expect(!FileManager.default.fileExists(atPath: data + "/papertrade.sqlite"), "a mistyped --data makes no ledger")
        #expect(try CommandRunner.run(["account", "list", "--data", data]).status == 0)
        let token = try CommandRunner.run(["account", "token", "default", "--data", data])
        #expect(token.status == 0 && token.stdout.hasPrefix("pta_"), "\(token.stderr)")
        let unknown = try CommandRunner.run(["account", "token", "nobody", "--data", data])
        #expect(unknown.status != 0 && unknown.stderr.contains("Unknown account 'nobody'"))
        #expect(
            try CommandRunner.run(["account", "token", "default", "--revoke", "--data", data]).stdout == "revoked 1 token(s) of account 'default'\n"
        )
    }
}
