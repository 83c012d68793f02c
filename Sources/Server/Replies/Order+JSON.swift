import Core
import Foundation
import JSON

extension Order {
    /// The seed's `order` object, with the account and, for a rejection, its reason.
    public var json: JSON {
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
        object["reason"] = rejectionReason.map(JSON.string)
        return .object(object)
    }

    /// Order times as the seed shows them, in UTC: `2026-01-22T15:30:00`.
    public static func timeText(_ time: Date) -> String {
        var seconds = time_t(time.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
    }
}
