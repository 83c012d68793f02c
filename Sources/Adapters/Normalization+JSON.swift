import Core
import JSON

extension Normalization {
    /// The dry-run trace as JSON: adapter decisions, each field's journey, and the signal when there is one.
    public var traceJSON: JSONObject {
        var object = JSONObject()
        object["adapter"] = adapter.map(JSON.string) ?? .null
        object["adapters"] = .array(decisions.map { ["name": .string($0.adapter), "matched": .bool($0.matched), "reason": .string($0.reason)] })
        object["fields"] = .object(JSONObject(fields.map { JSONObject.Member(key: $0.field.rawValue, value: $0.json) }))
        object["signal"] = signal?.json
        return object
    }
}

extension Signal {
    /// The signal in a few words: `buy 100 AAPL @ 185.5`, `exit 100% of the position in AAPL @ 190`.
    public var summary: String {
        let amount =
            switch sizing {
            case .units: "\(quantity)"
            case .notional: "\(quantity) in cash of"
            case .percentOfEquity: "\(quantity)% of equity in"
            case .percentOfPosition: "\(quantity)% of the position in"
            }
        let action =
            switch intent {
            case .trade: side.rawValue
            case .exit(let only): only.map { "exit_\($0.rawValue)" } ?? "exit"
            case .reverse: "reverse"
            case .target: "target"
            }
        return "\(action) \(amount) \(symbol) @ \(price)"
    }

    /// The normalized signal as JSON.
    public var json: JSON {
        var object: JSONObject = ["symbol": .string(symbol)]
        switch intent {
        case .trade: object["side"] = .string(side.rawValue)
        case .exit(let only): object["action"] = .string(only.map { "exit_\($0.rawValue)" } ?? "exit")
        case .reverse: object["action"] = "reverse"
        case .target: object["action"] = "target"
        }
        object["qty"] = JSON(quantity)
        if sizing != .units { object["sizing"] = .string(sizing.rawValue) }
        object["price"] = JSON(price)
        object["account"] = account.map(JSON.string)
        object["id"] = clientID.map(JSON.string)
        object["time"] = time.map { .string(SignalTime.text($0)) }
        return .object(object)
    }
}

extension FieldTrace {
    var json: JSON {
        var object = JSONObject()
        switch source {
        case .alias(let alias):
            object["source"] = "alias"
            object["alias"] = .string(alias)
        case .template(let template):
            object["source"] = "template"
            object["template"] = .string(template)
        case .constant: object["source"] = "const"
        case .defaultValue: object["source"] = "default"
        case .missing: object["source"] = "missing"
        }
        object["raw"] = raw
        if !steps.isEmpty {
            object["steps"] = .array(steps.map { ["step": .string($0.name), "before": .string($0.before), "after": .string($0.after)] })
        }
        object["parsed"] = parsed.map { JSON.string($0.text) }
        return .object(object)
    }
}
