import Core
import Foundation
import JSON

extension ExecutionCosts {
    /// The seed's `simulation` object: slippage, commission, fill rate and total cost, with a sell tax when there is one.
    public var simulationJSON: JSON {
        var object: JSONObject = ["slippage": JSON(slippage), "commission": JSON(commission)]
        if tax != 0 { object["tax"] = JSON(tax) }
        // The seed writes a whole fill rate as `1.0`.
        object["fill_rate"] = .number(fillRate.description.contains(".") ? fillRate.description : fillRate.description + ".0")
        object["total_cost"] = JSON(totalCost)
        return .object(object)
    }
}
