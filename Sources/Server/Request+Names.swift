import Core
import Foundation
import Hummingbird

extension AppRequestContext {
    /// The path parameter `key` as the name it stands for: percent-decoded (`%E7%AD%96` is `策`), and refused with
    /// `invalid_parameter` when it is empty, not UTF-8 or not a name (a control, bidi or invisible character).
    func name(parameter key: String) throws(APIError) -> String {
        let raw = parameters.get(key) ?? ""
        guard let decoded = raw.removingPercentEncoding else {
            throw APIError.invalidParameter(key, "is not percent-encoded UTF-8", "不是有效的百分号编码 UTF-8")
        }
        return try APIError.checkedName(decoded, parameter: key)
    }
}

extension Request {
    /// The query parameter `key` as a name, nil when absent; refused like a path parameter when present but empty or
    /// not a name.
    func name(query key: String) throws(APIError) -> String? {
        guard let value = uri.queryParameters.get(key) else { return nil }
        return try APIError.checkedName(String(value), parameter: key)
    }
}

extension APIError {
    /// `name` when it can name something; otherwise the `invalid_parameter` refusal for `parameter`.
    static func checkedName(_ name: String, parameter: String) throws(APIError) -> String {
        guard !name.isEmpty else { throw invalidParameter(parameter, "must not be empty", "不能为空") }
        if let problem = NameText.problem(in: name) { throw invalidParameter(parameter, problem.english, problem.chinese) }
        return name
    }
}
