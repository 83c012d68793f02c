import Core
import JSON
import Ledger

extension Execution {
    /// The reply to a signal: the seed's shape for one fill; each leg (order and simulation) for two; `status: ok`
    /// with `no_action` when nothing was needed; or the refusal with the orders it recorded.
    func reply(adapter: String?, language: Language) -> StoredReply {
        switch outcome {
        case .failure(let rejection):
            let error = APIError(rejection)
            let extra: JSONObject = orders.count == 1 ? ["order": orders[0].json] : ["orders": .array(orders.map(\.json))]
            return StoredReply(status: error.status.code, body: error.json(language: language, extra: extra).serialized)
        case .success(let fills):
            var object: JSONObject = ["status": "ok"]
            if fills.count == 1 {
                object["order"] = orders[0].json
                object["simulation"] = fills[0].simulationJSON
            } else if fills.isEmpty {
                object["no_action"] = .string((noAction ?? LocalizedMessage(english: "Nothing to do", chinese: "无需操作")).text(for: language))
            } else {
                object["legs"] = .array(zip(orders, fills).map { order, fill in ["order": order.json, "simulation": fill.simulationJSON] })
            }
            object["adapter"] = adapter.map(JSON.string)
            return StoredReply(status: 200, body: JSON.object(object).serialized)
        }
    }
}
