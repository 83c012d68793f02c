import Core
import Foundation
import JSON

extension Order {
    /// The seed's `order` object, with the account and, for a rejection, its reason in `language`.
    public func json(language: Language) -> JSON {
        var object: JSONObject = [
            "id": .number(String(id)),
            "symbol": .string(symbol),
            "side": .string(side.rawValue),
            "requested_qty": JSON(requestedQuantity),
            "filled_qty": JSON(filledQuantity),
            "requested_price": JSON(requestedPrice),
            "exec_price": executionPrice.map(JSON.init) ?? .null,
            "value": JSON(value),
            "time": .string(Order.timeText(time)),
            "status": .string(status.rawValue),
            "source": .string(source),
            "account": .string(account),
        ]
        if !tax.isZero { object["tax"] = JSON(tax) }
        object["adapter"] = adapter.map(JSON.string)
        object["reason"] = rejection.map { .string($0.message.text(for: language)) }
        object["working_order"] = workingOrder.map { .number(String($0)) }
        return .object(object)
    }

    /// Order times as the seed shows them, in UTC: `2026-01-22T15:30:00`. Every order reply carries one, so the
    /// digits are written straight into the string's 19 bytes; a year outside 0 to 9999 is written out in full.
    public static func timeText(_ time: Date) -> String {
        var seconds = time_t(time.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        let fields = [
            (year, 4), (Int(parts.tm_mon) + 1, 2), (Int(parts.tm_mday), 2), (Int(parts.tm_hour), 2), (Int(parts.tm_min), 2), (Int(parts.tm_sec), 2),
        ]
        guard (0...9999).contains(year) else {
            let padded = fields.map { value, width in String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
            return "\(padded[0])-\(padded[1])-\(padded[2])T\(padded[3]):\(padded[4]):\(padded[5])"
        }
        return String(unsafeUninitializedCapacity: 19) { text in
            var end = 0
            for (index, (value, width)) in fields.enumerated() {
                var rest = value
                for offset in (end..<end + width).reversed() {
                    text[offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                end += width
                if index < 5 { text[end] = UInt8(ascii: index < 2 ? "-" : index == 2 ? "T" : ":") }
                end += 1
            }
            return 19
        }
    }
}
