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
