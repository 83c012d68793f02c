import ArgumentParser
import Foundation
import SQLiteLedger

/// `--data DIR`: the ledger a command that manages users or tokens works on, beside a running server or not.
struct LedgerLocation: ParsableArguments {
    @Option(help: "Directory of the ledger database (env PAPERTRADE_DATA). Default: ./data")
    var data: String?

    var directory: String { Environment.current.dataDirectory(data) }

    /// The ledger's storage; only `create` makes one where there is none, so a mistyped --data is an error.
    func open(create: Bool = false) throws -> SQLiteStorage {
        let file = (directory as NSString).appendingPathComponent(SQLiteStorage.fileName)
        guard create || FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure(DataDirectoryError.noLedger(directory: directory).message.english).exit()
        }
        return try SQLiteStorage(directory: directory)
    }
}
