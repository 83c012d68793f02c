import Core

/// Why the ledger refused or could not record a request.
public enum LedgerError: CodedError, Equatable {
    case unknownAccount(name: String)
    case accountExists(name: String)
    case invalidAccount(reason: String)
    /// The idempotency key was already used with a different body.
    case idempotencyConflict(key: String)
    /// The database could not commit; nothing was acknowledged.
    case storageUnavailable
    /// The directory holds no ledger database.
    case noLedger(directory: String)
    /// Another server runs on the data directory.
    case dataDirectoryInUse(directory: String, process: Int32?)
    case userExists(name: String)
    case unknownUser(name: String)
    case invalidUser(reason: String)

    public var code: String {
        switch self {
        case .unknownAccount: "unknown_account"
        case .accountExists: "account_exists"
        case .invalidAccount: "invalid_account"
        case .idempotencyConflict: "idempotency_conflict"
        case .storageUnavailable: "storage_unavailable"
        case .noLedger: "no_ledger"
        case .dataDirectoryInUse: "data_directory_in_use"
        case .userExists: "user_exists"
        case .unknownUser: "unknown_user"
        case .invalidUser: "invalid_user"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .unknownAccount, .noLedger, .unknownUser: .notFound
        case .accountExists, .idempotencyConflict, .dataDirectoryInUse, .userExists: .conflict
        case .invalidAccount, .invalidUser: .invalidRequest
        case .storageUnavailable: .unavailable
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .unknownAccount(let name):
            LocalizedMessage(english: "Unknown account '\(name)'", chinese: "账户不存在: '\(name)'")
        case .accountExists(let name):
            LocalizedMessage(english: "Account '\(name)' already exists", chinese: "账户已存在: '\(name)'")
        case .noLedger(let directory):
            LocalizedMessage(
                english: "No ledger in '\(directory)' (start the server with --data there first)",
                chinese: "'\(directory)' 中没有账本 (请先用 --data 启动服务)"
            )
        case .dataDirectoryInUse(let directory, let process):
            LocalizedMessage(
                english: "Another papertrade server\(process.map { " (process \($0))" } ?? "") is using the data directory '\(directory)'; "
                    + "stop it first, or give this one another --data",
                chinese: "另一个 papertrade 服务\(process.map { " (进程 \($0))" } ?? "")正在使用数据目录 '\(directory)'; 请先停止它, 或为本服务指定其他 --data"
            )
        case .userExists(let name):
            LocalizedMessage(english: "User '\(name)' already exists", chinese: "用户已存在: '\(name)'")
        case .unknownUser(let name):
            LocalizedMessage(english: "Unknown user '\(name)'", chinese: "用户不存在: '\(name)'")
        case .invalidUser(let reason):
            LocalizedMessage(english: "Invalid user: \(reason)", chinese: "用户无效: \(reason)")
        case .invalidAccount(let reason):
            LocalizedMessage(english: "Invalid account: \(reason)", chinese: "账户无效: \(reason)")
        case .idempotencyConflict(let key):
            LocalizedMessage(
                english: "Idempotency key '\(key)' was already used with a different body",
                chinese: "幂等键 '\(key)' 已用于不同的请求内容"
            )
        case .storageUnavailable:
            LocalizedMessage(english: "The ledger could not save the order; nothing was executed", chinese: "账本无法保存订单, 未执行任何操作")
        }
    }
}
