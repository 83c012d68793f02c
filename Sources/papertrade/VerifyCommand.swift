import ArgumentParser
import Foundation
import Ledger
import SQLiteLedger

/// `papertrade verify`: replays every account's order log and checks that cash and positions match it.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Replay every account's orders from its opening cash and check that cash and positions match; read-only, safe beside a running server."
    )

    @Option(help: "Directory of the ledger database (env PAPERTRADE_DATA). Default: ./data")
    var data: String?

    func run() throws {
        let directory = Environment.current.dataDirectory(data)
        let result: (accounts: Int, orders: Int, differences: [LedgerAudit.Difference])
        do {
            result = try LedgerSnapshot.audit(directory: directory)
        } catch let error as DataDirectoryError {
            throw CommandFailure(error.message.english).exit()
        }
        guard let first = result.differences.first else {
            print("verified \(result.accounts) accounts and \(result.orders) orders: cash and positions match their orders")
            return
        }
        throw CommandFailure(
            "\(first)" + (result.differences.count > 1 ? " (\(result.differences.count - 1) more account(s) differ too)" : ""),
            code: 1
        ).exit()
    }
}
