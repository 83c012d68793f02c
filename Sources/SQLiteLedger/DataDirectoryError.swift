import Core

/// Why a data directory cannot be used as asked.
public enum DataDirectoryError: CodedError, Equatable {
    /// The directory holds no ledger database.
    case noLedger(directory: String)
    /// Another server runs on the data directory.
    case inUse(directory: String, process: Int32?)

    public var code: String {
        switch self {
        case .noLedger: "no_ledger"
        case .inUse: "data_directory_in_use"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .noLedger: .notFound
        case .inUse: .conflict
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .noLedger(let directory):
            LocalizedMessage(
                english: "No ledger in '\(directory)' (start the server with --data there first)",
                chinese: "'\(directory)' 中没有账本 (请先用 --data 启动服务)"
            )
        case .inUse(let directory, let process):
            LocalizedMessage(
                english: "Another papertrade server\(process.map { " (process \($0))" } ?? "") is using the data directory '\(directory)'; "
                    + "stop it first, or give this one another --data",
                chinese: "另一个 papertrade 服务\(process.map { " (进程 \($0))" } ?? "")正在使用数据目录 '\(directory)'; 请先停止它, 或为本服务指定其他 --data"
            )
        }
    }
}
