import Adapters
import Core
import HTTPTypes
import Hummingbird
import JSON
import Ledger

/// A refusal as the API answers it: `{"error": message, "code": code}` with the status the code implies, in the
/// language the request asks for wherever it is thrown.
struct APIError: HTTPResponseError {
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

    static func requestTimeout(seconds: Int64) -> APIError {
        APIError(
            status: .requestTimeout,
            code: "request_timeout",
            message: LocalizedMessage(
                english: "The request was not read whole within \(seconds) s; its connection was closed",
                chinese: "请求未能在 \(seconds) 秒内完整读取, 连接已关闭"
            )
        )
    }

    /// The connection closed before the body was read whole; `expected` is its `Content-Length`, when it said one.
    static func incompleteBody(expected: String?) -> APIError {
        let length = expected.map { " (\($0) bytes were announced)" } ?? ""
        let lengthChinese = expected.map { " (声明了 \($0) 字节)" } ?? ""
        return APIError(
            status: .badRequest,
            code: "incomplete_body",
            message: LocalizedMessage(
                english: "The client closed the connection before sending the whole body\(length)",
                chinese: "客户端在发送完整请求体之前关闭了连接\(lengthChinese)"
            )
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

    /// Any error as the API answers it: API and coded errors as they are, anything else as storage unavailable.
    static func describing(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? any CodedError { return APIError(error) }
        return .storageUnavailable
    }

    /// The refusal as an HTTP response with its status.
    func response(language: Language) -> Response {
        .json(json(language: language), status: status)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response(language: request.language)
    }

    /// The error object; `extra` members (a trace, an order) follow the error and code.
    func json(language: Language, extra: JSONObject = JSONObject()) -> JSON {
        var object: JSONObject = ["error": .string(message.text(for: language)), "code": .string(code)]
        object["field"] = field.map(JSON.string)
        for member in extra.members { object[member.key] = member.value }
        return .object(object)
    }
}

// MARK: - Sign-in and roles

extension APIError {
    static let loginRequired = APIError(
        status: .unauthorized,
        code: "login_required",
        message: LocalizedMessage(english: "Sign in first: a session or an API token is required", chinese: "请先登录: 需要会话或 API Token")
    )

    static let sessionExpired = APIError(
        status: .unauthorized,
        code: "session_expired",
        message: LocalizedMessage(english: "The session has expired or was ended; sign in again", chinese: "会话已过期或已结束, 请重新登录")
    )

    static let badToken = APIError(
        status: .unauthorized,
        code: "invalid_token",
        message: LocalizedMessage(english: "The API token is unknown or was revoked", chinese: "API Token 未知或已撤销")
    )

    static let badAuthorization = APIError(
        status: .unauthorized,
        code: "invalid_token",
        message: LocalizedMessage(
            english: "The Authorization header must be 'Bearer TOKEN' with a token from 'papertrade user token NAME'",
            chinese: "Authorization 请求头必须是 'Bearer TOKEN', Token 由 'papertrade user token NAME' 生成"
        )
    )

    static let badCredentials = APIError(
        status: .unauthorized,
        code: "invalid_credentials",
        message: LocalizedMessage(english: "Wrong user name or password", chinese: "用户名或密码错误")
    )

    static let adminRequired = APIError(
        status: .forbidden,
        code: "forbidden",
        message: LocalizedMessage(english: "Only an admin may do this", chinese: "仅管理员可执行此操作")
    )

    static let crossSite = APIError(
        status: .forbidden,
        code: "cross_site_request",
        message: LocalizedMessage(
            english: "Refused: the request did not come from this server's own page (Origin does not match)",
            chinese: "已拒绝: 请求并非来自本服务的页面 (Origin 不匹配)"
        )
    )

    /// Why a server without users refuses a read.
    enum NotLocal: Equatable {
        /// It listens beyond loopback: reads need a user.
        case publicServer
        /// A proxy forwarded the request: it may come from anywhere.
        case forwarded
        /// The `Host` names another host, as a page whose DNS name was rebound to this machine sends it.
        case foreignHost(String)
    }

    static func noUsers(_ reason: NotLocal) -> APIError {
        let setup = "create the first admin with 'papertrade user add NAME --role admin', then sign in"
        let setupChinese = "请先用 'papertrade user add NAME --role admin' 创建管理员, 然后登录"
        let (english, chinese): (String, String) =
            switch reason {
            case .publicServer: ("This server listens beyond loopback and has no users yet", "本服务对外监听且尚无用户")
            case .forwarded:
                (
                    "This server has no users yet and answers only this machine, not a request forwarded by a proxy",
                    "本服务尚无用户, 只接受本机请求, 不接受代理转发的请求"
                )
            case .foreignHost(let host):
                (
                    "Refused Host '\(host)': this server has no users yet and answers only requests to 127.0.0.1, [::1] or localhost",
                    "已拒绝 Host '\(host)': 本服务尚无用户, 只接受发往 127.0.0.1、[::1] 或 localhost 的请求"
                )
            }
        return APIError(
            status: .forbidden,
            code: "no_users",
            message: LocalizedMessage(english: english + ": " + setup, chinese: chinese + ": " + setupChinese)
        )
    }

    static func tooManyAttempts(retryAfter seconds: Int) -> APIError {
        APIError(
            status: .tooManyRequests,
            code: "too_many_attempts",
            message: LocalizedMessage(
                english: "Too many failed sign-ins; try again in \(seconds) s",
                chinese: "登录失败次数过多, 请 \(seconds) 秒后重试"
            )
        )
    }
}
