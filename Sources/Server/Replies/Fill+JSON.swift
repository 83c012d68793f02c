import Core
import Foundation
import JSON

extension Fill {
    /// The seed's `simulation` object for this fill.
    public var simulationJSON: JSON {
        Self.simulationJSON(slippage: slippage, commission: commission, tax: tax, fillRate: fillRate, totalCost: totalCost)
    }

    /// The seed's `simulation` object: slippage, commission, fill rate and total cost, with a sell tax when there is one.
    static func simulationJSON(slippage: Decimal, commission: Decimal, tax: Decimal, fillRate: Decimal, totalCost: Decimal) -> JSON {
        var object: JSONObject = ["slippage": JSON(slippage), "commission": JSON(commission)]
        if tax != 0 { object["tax"] = JSON(tax) }
        // The seed writes a whole fill rate as `1.0`.
        object["fill_rate"] = .number(fillRate.description.contains(".") ? fillRate.description : fillRate.description + ".0")
        object["total_cost"] = JSON(totalCost)
        return .object(object)
    }
}

extension Order {
    /// The seed's `simulation` object for this filled order.
    public var simulationJSON: JSON {
        Fill.simulationJSON(slippage: slippage, commission: commission, tax: tax, fillRate: fillRate, totalCost: totalCost)
    }
}
