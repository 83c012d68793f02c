import Core

/// Why a payload could not become a signal; `field` names the offending field when there is one.
public enum PayloadError: CodedError, Equatable {
    case invalidJSON(reason: String)
    /// A text body the adapter's format cannot read.
    case invalidBody(reason: LocalizedMessage)
    case notAnObject(type: String)
    case unknownAdapter(name: String)
    case noMatchingAdapter
    /// `lookedFor` names the places searched: paths, `position 4`, `key 'price'`.
    case missingField(TargetField, lookedFor: [String])
    case invalidNumber(TargetField, text: String)
    case invalidField(TargetField, reason: LocalizedMessage)
    case unknownSide(text: String)
    case unknownAction(text: String)

    public var code: String {
        switch self {
        case .invalidJSON: "invalid_json"
        case .invalidBody: "invalid_body"
        case .notAnObject: "invalid_payload"
        case .unknownAdapter: "unknown_adapter"
        case .noMatchingAdapter: "no_matching_adapter"
        case .missingField: "missing_field"
        case .invalidNumber: "invalid_number"
        case .invalidField: "invalid_field"
        case .unknownSide: "unknown_side"
        case .unknownAction: "unknown_action"
        }
    }

    public var kind: ErrorKind {
        if case .unknownAdapter = self { return .notFound }
        return .invalidRequest
    }

    /// The signal field the error is about.
    public var field: TargetField? {
        switch self {
        case .missingField(let field, _), .invalidNumber(let field, _), .invalidField(let field, _): field
        case .unknownSide: .side
        case .unknownAction: .action
        case .invalidJSON, .invalidBody, .notAnObject, .unknownAdapter, .noMatchingAdapter: nil
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .invalidJSON(let reason):
            LocalizedMessage(english: "Body is not valid JSON: \(reason)", chinese: "请求体不是有效的 JSON: \(reason)")
        case .invalidBody(let reason):
            LocalizedMessage(english: "Body cannot be read: \(reason.english)", chinese: "无法读取请求体: \(reason.chinese)")
        case .notAnObject(let type):
            LocalizedMessage(english: "Body must be a JSON object, got \(type)", chinese: "请求体必须是 JSON 对象, 收到 \(type)")
        case .unknownAdapter(let name):
            LocalizedMessage(english: "Unknown adapter '\(name)'", chinese: "未知的适配器 '\(name)'")
        case .noMatchingAdapter:
            LocalizedMessage(english: "No adapter matches this payload", chinese: "没有适配器匹配此请求")
        case .missingField(let field, let lookedFor) where lookedFor.isEmpty:
            LocalizedMessage(
                english: "Missing required field '\(field.rawValue)' (the adapter has no rule for it)",
                chinese: "缺少必填字段 '\(field.rawValue)' (适配器没有为它定义规则)"
            )
        case .missingField(let field, let lookedFor):
            LocalizedMessage(
                english: "Missing required field '\(field.rawValue)' (looked for: \(lookedFor.joined(separator: ", ")))",
                chinese: "缺少必填字段 '\(field.rawValue)' (查找: \(lookedFor.joined(separator: ", ")))"
            )
        case .invalidNumber(let field, let text):
            LocalizedMessage(
                english: "Field '\(field.rawValue)' must be a decimal number, got \(text)",
                chinese: "字段 '\(field.rawValue)' 必须是十进制数字, 收到 \(text)"
            )
        case .invalidField(let field, let reason):
            LocalizedMessage(
                english: "Invalid field '\(field.rawValue)': \(reason.english)",
                chinese: "字段 '\(field.rawValue)' 无效: \(reason.chinese)"
            )
        case .unknownAction(let text):
            LocalizedMessage(
                english: "Unknown action \(text): use buy, sell, exit, exit_long, exit_short, reverse or target",
                chinese: "无法识别的操作 \(text): 请使用 buy, sell, exit, exit_long, exit_short, reverse 或 target"
            )
        case .unknownSide(let text):
            LocalizedMessage(
                english: "Unknown side \(text): use buy, long, buy_to_open, sell, short, sell_to_close or close",
                chinese: "无法识别的方向 \(text): 请使用 buy, long, buy_to_open, sell, short, sell_to_close 或 close"
            )
        }
    }

    /// Why a body cannot be read by an adapter, as a match trace says it: `the body is not JSON`.
    var shortReason: String {
        switch self {
        case .invalidJSON: "the body is not JSON"
        case .notAnObject(let type): "the body is a JSON \(type), not an object"
        case .invalidBody(let reason): "the body cannot be read: \(reason.english)"
        default: message.english
        }
    }
}
