import Adapters
import Core
import Foundation
import HTTPTypes
import JSON
import Ledger

/// What a payload would do, without doing it: the normalization trace and the fill or rejection it would get.
public struct DryRun: Sendable {
    public var normalization: Normalization
    /// The account the signal was quoted against, as it was.
    public var account: Account?
    /// The plan and each leg's fill, or why it would be refused; nil when normalization failed or the account does not exist.
    public var quote: Result<(plan: Plan, fills: [Fill], working: WorkingOrder?), TradeRejection>?
    /// The name of the account the signal is quoted against, whether or not it exists.
    public var accountName: String
    /// Whether the request's idempotency key was used before: true when the real request would be answered with what
    /// it came to then, a conflict when it came with another body; nil without a key.
    public var replay: Result<Bool, LedgerError>?

    /// Quotes the normalized signal against `account`, the one named `accountName` (nil: no such account), with
    /// other positions valued at `marks`. Changes nothing.
    public init(normalization: Normalization, engine: Engine, account: Account?, accountName: String, marks: [String: Decimal] = [:]) {
        self.normalization = normalization
        self.account = account
        self.accountName = accountName
        guard let signal = normalization.signal, let account else { return }
        self.quote = Result { () throws(TradeRejection) in try engine.quote(signal, on: account, marks: marks) }
    }

    /// Quotes the normalized signal against the ledger's account as its writer sees it: the signal's account, else
    /// the current one; with `claim`, also looks up whether its key was used before.
    public init(_ normalization: Normalization, in ledger: Ledger, claim: IdempotencyClaim? = nil) async {
        let basis = await ledger.quoteBasis(account: normalization.signal?.account, loadingAccount: normalization.signal != nil)
        self.init(normalization: normalization, engine: basis.engine, account: basis.account, accountName: basis.accountName, marks: basis.marks)
        guard let claim, let signal = normalization.signal else { return }
        do {
            replay = .success(try await ledger.replay(of: claim, account: signal.account) != nil)
        } catch {
            replay = .failure(error as? LedgerError ?? .storageUnavailable)
        }
    }

    /// True when the payload normalizes and the engine would fill it.
    public var succeeded: Bool { error == nil }

    /// The error the real request would get, if any.
    var error: APIError? {
        if case .failure(let error) = normalization.outcome { return APIError(error) }
        if normalization.signal != nil, account == nil {
            return APIError(LedgerError.unknownAccount(name: accountName))
        }
        if case .failure(let error)? = replay { return APIError(error) }
        // A replay answers what the key came to then, whatever the account would do with it now.
        if case .success(true)? = replay { return nil }
        if case .failure(let rejection)? = quote { return APIError(rejection) }
        return nil
    }

    /// The status the real request would get.
    public var status: HTTPResponse.Status { error?.status ?? .ok }

    /// The reply: `status: ok` or the error and code the real request would get, then `dry_run`, the trace and the fill.
    public func json(language: Language = .english) -> JSON {
        var object: JSONObject = error.flatMap { $0.json(language: language).objectValue } ?? ["status": "ok"]
        object["dry_run"] = true
        if case .success(true)? = replay { object["replay"] = true }
        for member in normalization.traceJSON.members { object[member.key] = member.value }
        if let account {
            object["account"] = ["name": .string(account.name), "cash": JSON(account.cash)]
        }
        if case .success(let quoted)? = quote {
            let fills = quoted.fills.map { fill -> JSON in
                var fillObject: JSONObject = [
                    "side": .string(fill.side.rawValue), "exec_price": JSON(fill.executionPrice), "filled_qty": JSON(fill.filledQuantity),
                    "value": JSON(fill.value), "status": .string(fill.status.rawValue),
                ]
                for member in fill.simulationJSON.objectValue?.members ?? [] { fillObject[member.key] = member.value }
                return .object(fillObject)
            }
            // One fill as the seed's single order; each leg when an intent makes two; why not, when none is needed.
            if fills.count == 1 { object["fill"] = fills[0] } else if !fills.isEmpty { object["fills"] = .array(fills) }
            if let noAction = quoted.plan.noAction { object["no_action"] = .string(noAction.text(for: language)) }
            // An order that waits for its price: whether it would rest, at which levels, holding back what.
            if let working = quoted.working {
                var order = working.json(language: language).objectValue ?? [:]
                order["id"] = nil
                if working.status.isWorking, working.reserved > 0 { order["reserved"] = JSON(working.reserved) }
                object["order"] = .object(order)
            }
        }
        return .object(object)
    }
}
