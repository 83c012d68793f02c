import Foundation
import Testing

/// `papertrade verify`: the ledger's orders replay to its accounts.
@Suite struct VerifyCommandTests {
    @Test func aLedgerVerifiesAndAMissingOneIsAClearError() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let data = directory.appendingPathComponent("d").path
        #expect(try CommandRunner.run(["account", "add", "策略A", "--cash", "5000", "--data", data]).status == 0)
        let verified = try CommandRunner.run(["verify", "--data", data])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout == "verified 2 accounts and 0 orders: cash and positions match their orders\n")
        let missing = try CommandRunner.run(["verify", "--data", directory.appendingPathComponent("nothing").path])
        #expect(missing.status != 0 && missing.stderr.contains("No ledger in"))
    }
}
