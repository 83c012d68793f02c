import Core
import HTTPTypes
import JSON
import Ledger

extension Execution {
    /// The reply to a signal, in `language`: the seed's shape for one fill; each leg (order and simulation) for two;
    /// `status: ok` with `no_action` when nothing was needed; or the refusal with the orders it recorded. A replay
    /// of the same signal renders the same bytes in the same language.
    func reply(language: Language) -> (status: HTTPResponse.Status, body: JSON) {
        if let refusal {
            let error = APIError(refusal)
            let extra: JSONObject =
                orders.count == 1 ? ["order": orders[0].json(language: language)] : ["orders": .array(orders.map { $0.json(language: language) })]
            return (error.status, error.json(language: language, extra: extra))
        }
        var object: JSONObject = ["status": "ok"]
        if let working {
            // An order that waits for its price: the order itself, and what of it filled at once.
            object["order"] = working.json(language: language)
            if !orders.isEmpty {
                object["fills"] = .array(orders.map { order in ["order": order.json(language: language), "simulation": order.simulationJSON] })
            }
        } else if orders.count == 1 {
            object["order"] = orders[0].json(language: language)
            object["simulation"] = orders[0].simulationJSON
        } else if orders.isEmpty {
            object["no_action"] = .string((noAction ?? LocalizedMessage(english: "Nothing to do", chinese: "无需操作")).text(for: language))
        } else {
            object["legs"] = .array(orders.map { order in ["order": order.json(language: language), "simulation": order.simulationJSON] })
        }
        object["adapter"] = adapter.map(JSON.string)
        return (.ok, .object(object))
    }
}
