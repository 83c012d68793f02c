import Core
import Decimals
import Foundation
import JSON

extension ExecutionCosts {
    /// The seed's `simulation` object: slippage, commission, fill rate and total cost, with a sell tax when there is one.
    public var simulationJSON: JSON {
        var object: JSONObject = ["slippage": JSON(slippage), "commission": JSON(commission)]
        if !tax.isZero { object["tax"] = JSON(tax) }
        // The seed writes a whole fill rate as `1.0`.
        let fillRate = fillRate.plainText
        object["fill_rate"] = .number(fillRate.utf8.contains(UInt8(ascii: ".")) ? fillRate : fillRate + ".0")
        object["total_cost"] = JSON(totalCost)
        return .object(object)
    }
}
