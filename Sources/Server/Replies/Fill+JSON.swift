import Core
import Foundation
import JSON

extension Fill {
    /// The seed's `simulation` object: slippage, commission, fill rate and total cost.
    public var simulationJSON: JSON {
        [
            "slippage": JSON(slippage),
            "commission": JSON(commission),
            // The seed writes a whole fill rate as `1.0`.
            "fill_rate": .number(fillRate.description.contains(".") ? fillRate.description : fillRate.description + ".0"),
            "total_cost": JSON(totalCost),
        ]
    }
}

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
        object["adapter"] = adapter.map(JSON.string)
        object["reason"] = rejectionReason.map(JSON.string)
        return .object(object)
    }

    private static let timeStyle = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        .year().month().day().dateSeparator(.dash).dateTimeSeparator(.standard)
        .time(includingFractionalSeconds: false).timeSeparator(.colon)

    /// Order times as the seed shows them, in UTC: `2026-01-22T15:30:00`.
    public static func timeText(_ time: Date) -> String { time.formatted(timeStyle) }
}
