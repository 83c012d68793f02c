import Adapters
import Core
import HTTPTypes
import Hummingbird
import JSON
import Ledger

/// A refusal as the API answers it: `{"error": message, "code": code}` with the status the code implies.
struct APIError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: LocalizedMessage
    var field: String?

    init(status: HTTPResponse.Status, code: String, message: LocalizedMessage, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// Any coded error from the core, the adapters or the ledger, with the status its kind implies.
    init(_ error: any CodedError) {
        self.init(status: Self.status(for: error.kind), code: error.code, message: error.message, field: (error as? PayloadError)?.field?.rawValue)
    }

    /// The HTTP status of each kind of refusal.
    static func status(for kind: ErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .invalidRequest: .badRequest
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .tradeRefused: .unprocessableContent
        case .unavailable: .serviceUnavailable
        }
    }

    static let unauthorized = APIError(
        status: .unauthorized,
        code: "unauthorized",
        message: LocalizedMessage(english: "Missing or wrong webhook token", chinese: "Webhook Token 缺失或错误")
    )

    static let unauthorizedUnreadBody = APIError(
        status: .unauthorized,
        code: "unauthorized",
        message: LocalizedMessage(
            english: "Missing or wrong webhook token (no adapter could read the body, so a token inside it was not found; "
                + "the X-Webhook-Token header always works)",
            chinese: "Webhook Token 缺失或错误 (没有适配器能读取请求体, 因此未找到其中的 Token; X-Webhook-Token 请求头始终有效)"
        )
    )

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            status: .contentTooLarge,
            code: "body_too_large",
            message: LocalizedMessage(english: "Body is larger than \(limit) bytes", chinese: "请求体超过 \(limit) 字节")
        )
    }

    static func invalidParameter(_ name: String, _ reason: String, _ chinese: String) -> APIError {
        APIError(
            status: .badRequest,
            code: "invalid_parameter",
            message: LocalizedMessage(english: "Invalid parameter '\(name)': \(reason)", chinese: "参数 '\(name)' 无效: \(chinese)"),
            field: name
        )
    }

    static let storageUnavailable = APIError(LedgerError.storageUnavailable)

    /// The refusal as an HTTP response with its status.
    func response(language: Language) -> Response {
        .json(json(language: language), status: status)
    }

    /// The error object; `extra` members (a trace, an order) follow the error and code.
    func json(language: Language, extra: JSONObject = JSONObject()) -> JSON {
        var object: JSONObject = ["error": .string(message.text(for: language)), "code": .string(code)]
        object["field"] = field.map(JSON.string)
        for member in extra.members { object[member.key] = member.value }
        return .object(object)
    }
}
