import Core
import JSON

extension OrderRejection {
    /// The rejection as the orders table keeps it: a JSON object of its parameters (`TradeRejection.parameters`),
    /// with `refused_leg` when another leg of the signal was the one refused; nil for a reason kept as text only.
    public var storedText: String? {
        var parameters: [String: String]
        switch self {
        case .refused(let rejection): parameters = rejection.parameters
        case .otherLegRefused(let leg, let rejection):
            parameters = rejection.parameters
            parameters["refused_leg"] = String(leg)
        case .recorded: return nil
        }
        return JSON.object(JSONObject(parameters.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .string($0.value)) })).serialized
    }

    /// The rejection an order row holds: its parameters when stored, else the code and English text an earlier version
    /// kept; nil when the row holds none.
    /// - throws: `StoredValueError` when the parameters name no rejection this version knows.
    public static func stored(_ text: String?, code: String?, english: String?, order id: Int64) throws(StoredValueError) -> OrderRejection? {
        guard let text else { return code.map { .recorded(code: $0, english: english ?? "") } }
        guard case .object(let object)? = try? JSONParser.parse(text) else {
            throw StoredValueError("order \(id): column rejection holds '\(text)', which is not a JSON object")
        }
        var parameters: [String: String] = [:]
        for member in object.members {
            guard case .string(let value) = member.value else {
                throw StoredValueError("order \(id): column rejection holds '\(text)', whose '\(member.key)' is not text")
            }
            parameters[member.key] = value
        }
        let leg = parameters.removeValue(forKey: "refused_leg")
        guard let rejection = TradeRejection(parameters: parameters) else {
            throw StoredValueError("order \(id): column rejection holds '\(text)', which this version does not know")
        }
        guard let leg else { return .refused(rejection) }
        guard let number = Int(leg), number > 0 else {
            throw StoredValueError("order \(id): column rejection holds '\(text)', whose refused_leg is not a leg number")
        }
        return .otherLegRefused(leg: number, rejection)
    }
}
