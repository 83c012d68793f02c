import ArgumentParser
import Foundation
import Ledger
import PostgresLedger
import SQLiteLedger

/// `papertrade verify`: replays every account's order log and checks that cash and positions match it.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Replay every account's orders from its opening cash and check that cash and positions match; read-only, safe beside a running server."
    )

    @OptionGroup var location: LedgerLocation

    func run() async throws {
        let report: LedgerAudit.Report
        if let url = try location.postgres() {
            let storage = try await location.connect(url, migrating: false)
            defer { storage.close() }
            report = try await storage.audit()
        } else {
            do {
                report = try LedgerSnapshot.audit(directory: location.directory)
            } catch let error as DataDirectoryError {
                throw CommandFailure(error.message.english).exit()
            }
        }
        guard let first = report.differences.first else {
            print("verified \(report.accounts) accounts and \(report.orders) orders: cash and positions match their orders")
            return
        }
        throw CommandFailure(
            "\(first)" + (report.differences.count > 1 ? " (\(report.differences.count - 1) more account(s) differ too)" : ""),
            code: 1
        ).exit()
    }
}
