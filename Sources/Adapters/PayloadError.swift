import Core
import JSON

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
    /// A side no word of the field's map (`mapped`, in the adapter's order) nor a built-in word names.
    case unknownSide(text: String, mapped: [String])
    /// An action no word of the field's map (`mapped`) nor a built-in word names.
    case unknownAction(text: String, mapped: [String])

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
        case .unknownAction(let text, let mapped):
            Self.unknownWord(
                text,
                mapped: mapped,
                english: "Unknown action",
                chinese: "无法识别的操作",
                builtIn: ["buy", "sell", "exit", "exit_long", "exit_short", "reverse", "target"]
            )
        case .unknownSide(let text, let mapped):
            Self.unknownWord(
                text,
                mapped: mapped,
                english: "Unknown side",
                chinese: "无法识别的方向",
                builtIn: ["buy", "long", "buy_to_open", "sell", "short", "sell_to_close", "close"]
            )
        }
    }

    /// `Unknown side "hold": use buy, ... or close`; with a map, its words first: `this adapter maps 1 or -1; buy, ...
    /// or close are read too`.
    private static func unknownWord(_ text: String, mapped: [String], english: String, chinese: String, builtIn: [String]) -> LocalizedMessage {
        let words = builtIn.listed(or: "or")
        let chineseWords = builtIn.listed(or: "或")
        guard !mapped.isEmpty else {
            return LocalizedMessage(english: "\(english) \(text): use \(words)", chinese: "\(chinese) \(text): 请使用 \(chineseWords)")
        }
        let shownMap = mapped.map { JSON.string($0).serialized }
        return LocalizedMessage(
            english: "\(english) \(text): this adapter maps \(shownMap.listed(or: "or")); \(words) are read too",
            chinese: "\(chinese) \(text): 此适配器映射 \(shownMap.listed(or: "或")); 也可使用 \(chineseWords)"
        )
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
