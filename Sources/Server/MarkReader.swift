import Adapters
import Core
import Foundation
import JSON

/// Reads the body of `POST /api/prices`: one mark as a JSON object, a JSON array of them, or NDJSON (an object a
/// line). A mark is `{symbol, time, price}` or a bar `{symbol, time, open, high, low, close[, volume]}`; `ticker`
/// may stand for `symbol`, and a missing time is now. Symbols are read as the standard adapter reads them: trimmed,
/// an exchange prefix (`NASDAQ:`) dropped, upper-cased.
enum MarkReader {
    /// The marks, in the order given, and the `token` the first object carries.
    /// - throws: `APIError` naming the mark (from 1) and the field at fault; nothing is taken then.
    static func marks(in bytes: some Collection<UInt8>, now: Date) throws(APIError) -> (marks: [Mark], token: String?) {
        let objects = try self.objects(in: bytes)
        guard !objects.isEmpty else { throw APIError.invalidMarks("the body holds no mark", "请求体中没有价格") }
        var marks: [Mark] = []
        for (index, object) in objects.enumerated() {
            marks.append(try mark(object, number: index + 1, of: objects.count, now: now))
        }
        return (marks, objects.first?.value(forKey: "token").flatMap(\.text))
    }

    private static func objects(in bytes: some Collection<UInt8>) throws(APIError) -> [JSONObject] {
        func object(_ value: JSON, _ where: String) throws(APIError) -> JSONObject {
            guard case .object(let object) = value else {
                throw APIError.invalidMarks("\(`where`) is \(value.typeName), not a JSON object", "\(`where`) 是 \(value.typeName), 不是 JSON 对象")
            }
            return object
        }
        if let whole = try? JSONParser.parse(bytes) {
            if case .array(let items) = whole {
                var objects: [JSONObject] = []
                for (index, item) in items.enumerated() { objects.append(try object(item, "mark \(index + 1)")) }
                return objects
            }
            return [try object(whole, "the body")]
        }
        // NDJSON: an object a line, blank lines skipped.
        let text = String(decoding: bytes, as: UTF8.self)
        var objects: [JSONObject] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
            guard !trimmed.isEmpty else { continue }
            guard let value = try? JSONParser.parse(trimmed) else {
                throw APIError.invalidMarks(
                    "line \(index + 1) is not JSON: the body must be a JSON object, a JSON array of objects, or one object a line",
                    "第 \(index + 1) 行不是 JSON: 请求体须为 JSON 对象, 对象数组, 或每行一个对象"
                )
            }
            objects.append(try object(value, "line \(index + 1)"))
        }
        return objects
    }

    private static func mark(_ object: JSONObject, number: Int, of count: Int, now: Date) throws(APIError) -> Mark {
        let label = count == 1 ? "" : "mark \(number): "
        func fail(_ field: String, _ english: String, _ chinese: String) -> APIError {
            APIError.invalidField(field, label + english, (count == 1 ? "" : "第 \(number) 条: ") + chinese)
        }
        func decimal(_ field: String) throws(APIError) -> Decimal? {
            guard let value = object.value(forKey: field), value != .null else { return nil }
            guard let text = value.text, let number = Decimal(exactly: text) else {
                throw fail(field, "expected a number, got \(value.serialized)", "应为数字, 收到 \(value.serialized)")
            }
            guard number > 0, number <= Limits.maximumAmount || field == "volume" else {
                throw fail(field, "must be greater than 0 and at most 1e15, got \(text)", "必须大于 0 且不超过 1e15, 收到 \(text)")
            }
            return number
        }
        guard let raw = (object.value(forKey: "symbol") ?? object.value(forKey: "ticker"))?.text else {
            throw fail("symbol", "is required (or ticker)", "必填 (或 ticker)")
        }
        let symbol = Self.symbol(raw)
        guard !symbol.isEmpty, symbol.count <= Normalizer.maximumTextLength, NameText.problem(in: symbol) == nil, !symbol.contains(" ") else {
            throw fail("symbol", "\(JSON.string(raw).serialized) is not a symbol", "\(JSON.string(raw).serialized) 不是有效代码")
        }
        var time = now
        if let value = object.value(forKey: "time"), value != .null {
            guard let text = value.text, let parsed = SignalTime.parse(text) else {
                throw fail(
                    "time",
                    "\(value.serialized) is not a time: use ISO 8601 or seconds or milliseconds since 1970",
                    "\(value.serialized) 不是时间: 请使用 ISO 8601 或自 1970 年起的秒数或毫秒数"
                )
            }
            time = parsed
        }
        if let price = try decimal("price") {
            guard object.value(forKey: "close") == nil else {
                throw fail("price", "give a price or a bar (open, high, low, close), not both", "价格与 K 线 (open, high, low, close) 只能给一种")
            }
            return Mark(symbol: symbol, time: time, price: price)
        }
        var prices: [Decimal] = []
        for field in ["open", "high", "low", "close"] {
            guard let price = try decimal(field) else {
                throw fail(
                    field,
                    "is required: a mark is a price, or a bar with open, high, low and close",
                    "必填: 价格须为 price, 或含 open, high, low, close 的 K 线"
                )
            }
            prices.append(price)
        }
        let volume = try decimal("volume")
        do throws(MarkError) {
            return try Mark(symbol: symbol, time: time, open: prices[0], high: prices[1], low: prices[2], close: prices[3], volume: volume)
        } catch {
            throw APIError(
                status: .badRequest,
                code: error.code,
                message: LocalizedMessage(english: label + error.message.english, chinese: error.message.chinese)
            )
        }
    }

    /// A symbol as the standard adapter reads it.
    static func symbol(_ raw: String) -> String {
        let trimmed = raw.trimmingWhitespaceAndNewlines()
        let bare = trimmed.split(separator: ":", maxSplits: 1).count == 2 ? String(trimmed.split(separator: ":", maxSplits: 1)[1]) : trimmed
        return bare.uppercased()
    }
}

extension JSON {
    /// A string's or a number's text; nil for anything else.
    fileprivate var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}

extension APIError {
    static func invalidMarks(_ english: String, _ chinese: String) -> APIError {
        APIError(
            status: .badRequest,
            code: "invalid_mark",
            message: LocalizedMessage(english: "Invalid prices: \(english)", chinese: "价格无效: \(chinese)")
        )
    }
}
