import Core
import Foundation
import Hummingbird
import JSON

/// A request's JSON object body, with each field read or refused by name.
struct JSONRequestBody {
    let object: JSONObject

    /// Reads the body as a JSON object of at most `limit` bytes.
    init(_ request: Request, limit: Int = 64 * 1024) async throws {
        var request = request
        let buffer = try await request.body(upTo: limit)
        let json: JSON
        do {
            json = try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw APIError.invalidBody("the body is not valid JSON (\(error))", "请求体不是有效的 JSON (\(error))")
        }
        guard let object = json.objectValue else {
            throw APIError.invalidBody("the body must be a JSON object", "请求体必须是 JSON 对象")
        }
        self.object = object
    }

    /// A text field; nil when absent or null, refused when it is another type.
    func string(_ name: String) throws -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw APIError.invalidField(name, "must be text, got \(other.typeName)", "必须是文本, 收到 \(other.typeName)")
        }
    }

    /// A text field that must be present and not empty.
    func requiredString(_ name: String) throws -> String {
        guard let text = try string(name), !text.isEmpty else {
            throw APIError.invalidField(name, "is required", "必填")
        }
        return text
    }

    /// A text field that names something (a user, an account): present, not empty, and without control, bidi or
    /// invisible characters.
    func requiredName(_ name: String) throws -> String {
        let text = try requiredString(name)
        if let problem = NameText.problem(in: text) { throw APIError.invalidField(name, problem.english, problem.chinese) }
        return text
    }

    /// A decimal from a number or numeric text; nil when absent.
    func decimal(_ name: String) throws -> Decimal? {
        switch object[name] {
        case nil, .null?: return nil
        case .number(let text)?, .string(let text)?:
            guard let value = Decimal(exactly: text) else {
                throw APIError.invalidField(name, "must be a decimal number, got '\(text)'", "必须是十进制数, 收到 '\(text)'")
            }
            return value
        case let other?: throw APIError.invalidField(name, "must be a number, got \(other.typeName)", "必须是数字, 收到 \(other.typeName)")
        }
    }

    /// A boolean field; nil when absent. Null is refused like any other type: the API document says boolean.
    func bool(_ name: String) throws -> Bool? {
        switch object[name] {
        case nil: return nil
        case .bool(let value)?: return value
        case let other?: throw APIError.invalidField(name, "must be true or false, got \(other.typeName)", "必须是 true 或 false, 收到 \(other.typeName)")
        }
    }
}

extension APIError {
    static func invalidBody(_ reason: String, _ chinese: String) -> APIError {
        APIError(
            status: .badRequest,
            code: "invalid_body",
            message: LocalizedMessage(english: "Invalid body: \(reason)", chinese: "请求体无效: \(chinese)")
        )
    }

    static func invalidField(_ name: String, _ reason: String, _ chinese: String) -> APIError {
        APIError(
            status: .badRequest,
            code: "invalid_field",
            message: LocalizedMessage(english: "Invalid field '\(name)': \(reason)", chinese: "字段 '\(name)' 无效: \(chinese)"),
            field: name
        )
    }
}
