import Decimals
import Foundation

/// Executes signals against accounts with one execution model. Pure: no I/O, no clock.
///
/// A signal first becomes a `Plan` (its intent and sizing resolved against the position), then each leg of the
/// plan fills in turn: all of them, or none when one is refused.
public struct Engine: Sendable {
    public var model: ExecutionModel

    public init(model: ExecutionModel = ExecutionModel()) {
        self.model = model
    }

    // MARK: - Plans

    /// The orders `signal` makes on `account`. `marks` are the last prices that value other positions
    /// (for sizing by equity); the signal's own price values its symbol.
    /// - throws: `TradeRejection.invalidSizing` when the sizing cannot apply to the intent.
    public func plan(_ signal: Signal, on account: Account, marks: [String: Decimal] = [:]) throws(TradeRejection) -> Plan {
        let held = account.position(signal.symbol).quantity
        let closing: Side = held > 0 ? .sell : .buy
        switch signal.intent {
        case .trade:
            return Plan(legs: [signal.leg(signal.side, try units(signal, side: signal.side, held: held, account: account, marks: marks))])
        case .exit(let only):
            guard held != 0 else { return Plan(legs: [], noAction: .nothingToExit(signal.symbol)) }
            if let only, (only == .long) != (held > 0) {
                return Plan(legs: [], noAction: .otherSideHeld(signal.symbol, only: only, held: held))
            }
            let size = Swift.min(abs(held), try units(signal, side: closing, held: held, account: account, marks: marks))
            return Plan(legs: [signal.leg(closing, size)])
        case .reverse:
            guard held != 0 else { return Plan(legs: [], noAction: .nothingToReverse(signal.symbol)) }
            let opening = try units(signal, side: closing, held: held, account: account, marks: marks)
            return Plan(legs: [signal.leg(closing, abs(held)), signal.leg(closing, opening)])
        case .target:
            guard signal.sizing != .percentOfPosition else { throw .invalidSizing(signal.sizing, intent: "target") }
            let target = try units(signal, side: .buy, held: held, account: account, marks: marks)
            // What the step cannot trade is no change: a target already reached, to within a lot, is no action.
            let step = model.instruments.instrument(for: signal.symbol).quantityStep
            let change = (target - held).rounded(toMultipleOf: step, target - held < 0 ? .up : .down)
            guard change != 0 else { return Plan(legs: [], noAction: .alreadyAtTarget(signal.symbol, target: held)) }
            // Crossing zero closes the position, then opens the other way.
            if held != 0, target != 0, (held > 0) != (target > 0) {
                return Plan(legs: [signal.leg(closing, abs(held)), signal.leg(closing, abs(target))])
            }
            return Plan(legs: [signal.leg(change > 0 ? .buy : .sell, abs(change))])
        }
    }

    /// The signal's quantity in units of the instrument (signed for a target), for an order on `side` (a negative
    /// target sells). Units are taken as given, for the fill to round; a percentage of the position becomes units
    /// rounded toward zero to the step; an amount of cash (or of equity) becomes as many units as it pays for at the
    /// execution price with their fees, so that the order never costs more than the amount.
    private func units(
        _ signal: Signal,
        side: Side,
        held: Decimal,
        account: Account,
        marks: [String: Decimal]
    ) throws(TradeRejection) -> Decimal {
        let amount: Decimal
        switch signal.sizing {
        case .units: return signal.quantity
        case .percentOfPosition:
            let exact = abs(held) * signal.quantity / 100
            return exact.rounded(toMultipleOf: model.instruments.instrument(for: signal.symbol).quantityStep, .down)
        case .notional: amount = signal.quantity
        case .percentOfEquity:
            var marks = marks
            marks[signal.symbol] = signal.price
            amount = account.equity(at: marks) * signal.quantity / 100
        }
        let size = model.units(costingAtMost: abs(amount), of: signal.symbol, side: amount < 0 ? .sell : side, at: signal.price)
        return amount < 0 ? -size : size
    }

    // MARK: - Fills

    /// The plan `signal` makes on `account` and the fill each leg would get, or why it would be refused; for a limit,
    /// stop or trailing stop, also the working order it would place, against the market at `marks`. Changes nothing.
    public func quote(
        _ signal: Signal,
        on account: Account,
        marks: [String: Decimal] = [:],
        time: Date = Date()
    ) throws(TradeRejection) -> (plan: Plan, fills: [Fill], working: WorkingOrder?) {
        let plan = try plan(signal, on: account, marks: marks)
        var copy = account
        if let placed = try placement(of: signal, plan: plan, id: 0, on: &copy, marks: marks, time: time, source: "dry_run", adapter: nil) {
            return (plan, placed.fill.map { [$0] } ?? [], placed.order)
        }
        return (plan, try execute(plan, on: &copy), nil)
    }

    /// Plans and executes `signal` on `account`; on rejection the account is untouched.
    @discardableResult
    public func execute(_ signal: Signal, on account: inout Account, marks: [String: Decimal] = [:]) throws(TradeRejection) -> [Fill] {
        try execute(plan(signal, on: account, marks: marks), on: &account)
    }

    /// Executes a plan's legs in order, moving cash and positions: all of them, or none when one is refused.
    @discardableResult
    public func execute(_ plan: Plan, on account: inout Account) throws(TradeRejection) -> [Fill] {
        do {
            return try executeLegs(plan, on: &account)
        } catch {
            throw error.rejection
        }
    }

    /// Executes a plan's legs in order, as `execute(_:on:)` does; a refusal names the leg refused.
    public func executeLegs(_ plan: Plan, on account: inout Account) throws(LegRejection) -> [Fill] {
        var working = account
        var fills: [Fill] = []
        for (index, leg) in plan.legs.enumerated() {
            do {
                fills.append(try fill(leg, on: &working))
            } catch {
                throw LegRejection(leg: index + 1, rejection: Self.rejection(error, after: fills.last))
            }
        }
        account = working
        return fills
    }

    /// What refused a leg, as told: a sell past the position right after a sell of all of it is the short that
    /// crossing zero opens.
    private static func rejection(_ rejection: TradeRejection, after previous: Fill?) -> TradeRejection {
        guard case .insufficientPosition(let symbol, let needed, _) = rejection, let previous, previous.side == .sell else { return rejection }
        return .shortSellingOff(symbol: symbol, opening: needed, closed: previous.filledQuantity)
    }

    /// Fills one buy or sell leg, moving cash and the position together; `slipped` as the execution model takes it.
    func fill(_ leg: Signal, on account: inout Account, slipped: Bool = true) throws(TradeRejection) -> Fill {
        let open = account.position(leg.symbol)
        let fill = try model.fill(for: leg, multiplier: open.quantity == 0 ? nil : open.multiplier, slipped: slipped)
        let cash = FastDecimal(account.cash) + FastDecimal(fill.cashChange)
        // Cash never goes below what working buys hold back: not by a buy, nor by a sell whose minimum fee exceeds
        // its value.
        guard cash >= FastDecimal(account.reserved) else {
            throw .insufficientFunds(needed: -fill.cashChange, available: account.buyingPower)
        }
        guard cash <= FastDecimal(Limits.maximumAmount) else { throw .amountTooLarge(value: cash.decimal) }
        if leg.side == .sell, !account.allowsShortSelling, FastDecimal(fill.filledQuantity) > FastDecimal(open.quantity) {
            throw .insufficientPosition(symbol: leg.symbol, needed: fill.filledQuantity, held: Swift.max(open.quantity, 0))
        }
        var position = open
        if FastDecimal(position.quantity) == 0 { position.multiplier = fill.multiplier }
        position.apply(fill, moneyTick: model.moneyTick)
        let quantity = FastDecimal(position.quantity)
        guard quantity.magnitude <= FastDecimal(Limits.maximumAmount) else { throw .amountTooLarge(value: position.quantity) }
        account.cash = cash.decimal
        account.positions[leg.symbol] = quantity == 0 && FastDecimal(position.realizedPnL) == 0 ? nil : position
        return fill
    }
}

extension LocalizedMessage {
    static func nothingToExit(_ symbol: String) -> LocalizedMessage {
        LocalizedMessage(english: "No position in \(symbol) to exit; nothing to do", chinese: "\(symbol) 无持仓可平; 无需操作")
    }

    static func otherSideHeld(_ symbol: String, only: PositionDirection, held: Decimal) -> LocalizedMessage {
        LocalizedMessage(
            english: "The position in \(symbol) is \(held) (\(held > 0 ? "long" : "short")); an exit of \(only.rawValue) positions leaves it",
            chinese: "\(symbol) 持仓为 \(held) (\(held > 0 ? "多头" : "空头")); 仅平\(only == .long ? "多" : "空")仓, 不做操作"
        )
    }

    static func nothingToReverse(_ symbol: String) -> LocalizedMessage {
        LocalizedMessage(english: "No position in \(symbol) to reverse; nothing to do", chinese: "\(symbol) 无持仓可反手; 无需操作")
    }

    static func alreadyAtTarget(_ symbol: String, target: Decimal) -> LocalizedMessage {
        LocalizedMessage(
            english: "The position in \(symbol) is already \(target); nothing to do",
            chinese: "\(symbol) 持仓已是 \(target); 无需操作"
        )
    }
}
