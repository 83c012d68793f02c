import Core
import Foundation
import JSON

extension WorkingOrder {
    /// The order as its replies and the API show it: the seed's order fields, its type, levels and time in force,
    /// how it ended, and its reason in `language` when it was rejected.
    public func json(language: Language) -> JSON {
        var object: JSONObject = [
            "id": .number(String(id)),
            "symbol": .string(symbol),
            "side": .string(side.rawValue),
            "type": .string(spec.type.rawValue),
            "requested_qty": JSON(quantity),
            "filled_qty": JSON(filledQuantity),
            "requested_price": JSON(signalPrice),
        ]
        object["limit_price"] = spec.limitPrice.map(JSON.init)
        object["stop_price"] = spec.stopPrice.map(JSON.init)
        switch spec.trail {
        case .amount(let amount)?: object["trail_amount"] = JSON(amount)
        case .percent(let percent)?: object["trail_percent"] = JSON(percent)
        case nil: break
        }
        if case .trailingStop = price { object["trail_stop"] = JSON(level) }
        if case .stopLimit(_, _, true) = price { object["triggered"] = .bool(true) }
        object["time_in_force"] = .string(spec.timeInForce.rawValue)
        object["expires_at"] = expiresAt.map { .string(Order.timeText($0)) }
        object["time"] = .string(Order.timeText(placedAt))
        object["status"] = .string(status.rawValue)
        object["ended_at"] = endedAt.map { .string(Order.timeText($0)) }
        object["reason"] = rejection.map { .string($0.message.text(for: language)) }
        object["source"] = .string(source)
        object["account"] = .string(account)
        object["adapter"] = adapter.map(JSON.string)
        object["parent"] = parent.map { .number(String($0)) }
        object["cancels_on_fill"] = cancelsOnFill.map { .number(String($0)) }
        return .object(object)
    }
}
