import Adapters
import Core
import Foundation
import JSON

/// What a payload would do, without doing it: the normalization trace and the fill or rejection it would get.
public struct DryRun: Sendable {
    public var normalization: Normalization
    /// The account the signal was quoted against, as it was.
    public var account: Account?
    /// Nil when normalization failed.
    public var quote: Result<Fill, TradeRejection>?

    /// Quotes the normalized signal against `account`; when nil, against a fresh account with `freshCash`.
    public init(normalization: Normalization, engine: Engine = Engine(), account: Account? = nil, freshCash: Decimal = 100_000) {
        self.normalization = normalization
        guard let signal = normalization.signal else { return }
        let account = account ?? Account(name: signal.account ?? "default", cash: freshCash)
        self.account = account
        self.quote = Result { () throws(TradeRejection) in try engine.quote(signal, on: account) }
    }

    /// True when the payload normalizes and the engine would fill it.
    public var succeeded: Bool {
        if case .success? = quote { return true }
        return false
    }

    /// The error a real request would get, if any.
    public var error: (any CodedError)? {
        if case .failure(let error) = normalization.outcome { return error }
        if case .failure(let rejection)? = quote { return rejection }
        return nil
    }

    /// The trace plus `fill` (execution price, quantities and the seed's simulation numbers) or `rejection`.
    public func json(language: Language = .english) -> JSON {
        guard case .object(var object) = normalization.traceJSON(language: language) else { return .null }
        if let account {
            object["account"] = ["name": .string(account.name), "cash": JSON(account.cash)]
        }
        switch quote {
        case .success(let fill)?:
            var fillObject: JSONObject = [
                "exec_price": JSON(fill.executionPrice), "filled_qty": JSON(fill.filledQuantity), "value": JSON(fill.value),
                "status": .string(fill.status.rawValue),
            ]
            if case .object(let simulation) = fill.simulationJSON {
                for member in simulation.members { fillObject[member.key] = member.value }
            }
            object["fill"] = .object(fillObject)
        case .failure(let rejection)?:
            object["error"] = ["error": .string(rejection.message.text(for: language)), "code": .string(rejection.code)]
        case nil:
            break
        }
        return .object(object)
    }

    public var json: JSON { json() }
}
