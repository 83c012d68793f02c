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
    case userExists(name: String)
    case unknownUser(name: String)
    case invalidUser(reason: String)
    /// No order has the id.
    case unknownOrder(id: Int64)
    /// The order has ended (filled, cancelled, expired or rejected): there is nothing left to cancel.
    case orderNotWorking(id: Int64, status: OrderStatus)
    /// Marks cannot yet be taken by servers sharing one database.
    case sharedMarksUnsupported

    public var code: String {
        switch self {
        case .unknownAccount: "unknown_account"
        case .accountExists: "account_exists"
        case .invalidAccount: "invalid_account"
        case .idempotencyConflict: "idempotency_conflict"
        case .storageUnavailable: "storage_unavailable"
        case .userExists: "user_exists"
        case .unknownUser: "unknown_user"
        case .invalidUser: "invalid_user"
        case .sharedMarksUnsupported: "not_supported"
        case .unknownOrder: "unknown_order"
        case .orderNotWorking: "order_not_working"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .unknownAccount, .unknownUser, .unknownOrder: .notFound
        case .accountExists, .idempotencyConflict, .userExists, .orderNotWorking: .conflict
        case .invalidAccount, .invalidUser: .invalidRequest
        case .storageUnavailable, .sharedMarksUnsupported: .unavailable
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .unknownAccount(let name):
            LocalizedMessage(english: "Unknown account '\(name)'", chinese: "账户不存在: '\(name)'")
        case .accountExists(let name):
            LocalizedMessage(english: "Account '\(name)' already exists", chinese: "账户已存在: '\(name)'")
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
        case .unknownOrder(let id):
            LocalizedMessage(english: "Unknown order \(id)", chinese: "订单不存在: \(id)")
        case .orderNotWorking(let id, let status):
            LocalizedMessage(
                english: "Order \(id) is not working: it is \(status.rawValue.replacing("_", with: " ")), nothing is left to cancel",
                chinese: "订单 \(id) 已不在挂单中 (\(status.rawValue)), 无可撤销"
            )
        case .sharedMarksUnsupported:
            LocalizedMessage(
                english: "Prices and resting orders are not taken yet by servers sharing a PostgreSQL database; nothing was recorded",
                chinese: "共享 PostgreSQL 数据库的服务器暂不支持价格与挂单; 未记录任何内容"
            )
        case .storageUnavailable:
            LocalizedMessage(english: "The ledger could not save the order; nothing was executed", chinese: "账本无法保存订单, 未执行任何操作")
        }
    }
}
