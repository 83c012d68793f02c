import Decimals
import Foundation

/// What placing, stepping or ending a working order did: the order as it is now, and the fill it made, if any.
public struct RestingEvent: Sendable, Equatable {
    public var order: WorkingOrder
    public var fill: Fill?

    public init(order: WorkingOrder, fill: Fill? = nil) {
        self.order = order
        self.fill = fill
    }
}

extension Engine {
    /// What a limit, stop or trailing-stop `signal` does on `account` as order `id`: the one order of its `plan`,
    /// placed against the market (the signal's price when it is the market's, else the symbol's mark in `marks`).
    /// Nil for a market order, or a plan with nothing to do.
    /// - throws: `TradeRejection` when the order cannot be taken or placed; `invalidOrder` for a plan of two orders.
    public func placement(
        of signal: Signal,
        plan: Plan,
        id: Int64,
        on account: inout Account,
        marks: [String: Decimal],
        time: Date,
        source: String,
        adapter: String?
    ) throws(TradeRejection) -> RestingEvent? {
        guard signal.order.type != .market, !plan.legs.isEmpty else { return nil }
        guard plan.legs.count == 1 else { throw .invalidOrder(.severalLegs(signal.order.type)) }
        let market = signal.priceIsMarket ? signal.price : marks[signal.symbol]
        let order = try workingOrder(
            for: plan.legs[0],
            of: signal,
            id: id,
            account: account.name,
            market: market,
            time: time,
            source: source,
            adapter: adapter
        )
        return try place(order, on: &account, market: market, at: time)
    }

    /// The working order `leg` (the one order of `signal`'s plan) becomes as order `id`, its levels checked and put on
    /// the instrument's tick grid; `market` is the market price, when known.
    /// - throws: `TradeRejection.invalidOrder` naming the field that cannot be taken.
    public func workingOrder(
        for leg: Signal,
        of signal: Signal,
        id: Int64,
        account: String,
        market: Decimal?,
        time: Date,
        source: String,
        adapter: String?
    ) throws(TradeRejection) -> WorkingOrder {
        let spec: OrderSpec
        do {
            spec = try signal.order.checked(side: leg.side, tick: model.instruments.instrument(for: signal.symbol).priceTick, now: time)
        } catch {
            throw .invalidOrder(error)
        }
        guard let price = spec.restingPrice(placedAt: market ?? signal.price) else { throw .invalidOrder(.missing("order_type", spec.type)) }
        var order = WorkingOrder(
            id: id,
            account: account,
            symbol: signal.symbol,
            side: leg.side,
            quantity: leg.quantity,
            spec: spec,
            price: price,
            signalPrice: signal.price,
            placedAt: time,
            source: source,
            adapter: adapter
        )
        if spec.timeInForce == .day { order.expiresAt = min(spec.expireAt ?? .distantFuture, Self.endOfDay(after: time)) }
        return order
    }

    /// The end of the trading day `time` falls in: the next midnight, UTC.
    static func endOfDay(after time: Date) -> Date {
        let day: TimeInterval = 86_400
        return Date(timeIntervalSince1970: ((time.timeIntervalSince1970 / day).rounded(.down) + 1) * day)
    }

    /// Places `order` on `account` with the market at `market` (nil when no market price is known): it fills at once
    /// as far as the market reaches it, and what is left rests, holding back the cash a buy needs, unless its time in
    /// force is immediate (ioc cancels the rest, fok cancels the whole order unless all of it fills).
    /// - throws: `TradeRejection` when the fill is refused, a resting buy needs more than the buying power, or a
    ///   resting sell without short selling exceeds the position; the account is then untouched.
    public func place(_ order: WorkingOrder, on account: inout Account, market: Decimal?, at time: Date) throws(TradeRejection) -> RestingEvent {
        var (order, working) = (order, account)
        var fill: Fill?
        if let market {
            let step = order.price.step(side: order.side, through: Mark(symbol: order.symbol, time: time, price: market))
            order.price = step.price
            if let reached = step.fill {
                var filled = working
                let made = try self.fill(order.leg(at: reached.price), on: &filled, slipped: !reached.isLimit)
                if order.spec.timeInForce != .fok || made.filledQuantity == order.remaining {
                    (working, fill) = (filled, made)
                    order.filledQuantity += made.filledQuantity
                }
            }
        }
        if order.remaining == 0 {
            order.end(.filled, at: time)
        } else if order.spec.timeInForce == .ioc || order.spec.timeInForce == .fok {
            order.end(.canceled, at: time)
        } else {
            let held = working.position(order.symbol).quantity
            if order.side == .sell, !working.allowsShortSelling, order.remaining > held {
                throw .insufficientPosition(symbol: order.symbol, needed: order.remaining, held: max(held, 0))
            }
            let reservation = try self.reservation(for: order, on: working)
            guard reservation <= working.buyingPower else { throw .insufficientFunds(needed: reservation, available: working.buyingPower) }
            order.reserved = reservation
            working.reserved += reservation
        }
        account = working
        (order.placedStatus, order.placedFilledQuantity) = (order.status, order.filledQuantity)
        return RestingEvent(order: order, fill: fill)
    }

    /// Steps one symbol's working orders, of any accounts, through `mark`: an event for each order the mark changed
    /// (a trailing stop's best price, a stop-limit triggered, a fill, an end), in the order its path reached them,
    /// by id when together.
    ///
    /// An order filled cancels the one it `cancelsOnFill`. A fill its account can no longer pay for, or a sell past
    /// a position it no longer holds, rejects the order with the reason.
    public func step(_ orders: [WorkingOrder], through mark: Mark, accounts: inout [String: Account]) -> [RestingEvent] {
        var orders = orders.filter { $0.status.isWorking && $0.symbol == mark.symbol }
        var changed = Set<Int>()
        var reached: [(index: Int, fill: RestingFill)] = []
        for index in orders.indices {
            let step = orders[index].price.step(side: orders[index].side, through: mark)
            if step.price != orders[index].price {
                orders[index].price = step.price
                changed.insert(index)
            }
            if let fill = step.fill { reached.append((index, fill)) }
        }
        reached.sort { ($0.fill.along, orders[$0.index].id) < ($1.fill.along, orders[$1.index].id) }
        var fills: [Int: Fill] = [:]
        for (index, reachedFill) in reached where orders[index].status.isWorking {
            guard var account = accounts[orders[index].account] else { continue }
            changed.insert(index)
            fills[index] = fill(&orders[index], at: reachedFill, on: &account, time: mark.time)
            if orders[index].status == .filled, let other = orders[index].cancelsOnFill,
                let sibling = orders.firstIndex(where: { $0.id == other && $0.status.isWorking })
            {
                end(&orders[sibling], as: .canceled, on: &account, at: mark.time)
                changed.insert(sibling)
            }
            accounts[orders[index].account] = account
        }
        let rank = Dictionary(uniqueKeysWithValues: reached.enumerated().map { ($1.index, $0) })
        return changed.sorted { ((rank[$0] ?? .max), orders[$0].id) < ((rank[$1] ?? .max), orders[$1].id) }
            .map { RestingEvent(order: orders[$0], fill: fills[$0]) }
    }

    /// Ends a working order unfilled (cancelled or expired), giving back the cash it held.
    public func end(_ order: inout WorkingOrder, as status: OrderStatus, on account: inout Account, at time: Date) {
        guard order.status.isWorking else { return }
        account.reserved -= order.reserved
        order.end(status, at: time)
    }

    /// The cash a buy of the order's remaining quantity holds back: its cost at its level, fees included, slipped
    /// for a stop, at a fill rate of 1; zero for a sell.
    /// - throws: `TradeRejection` when the order could not fill at its level: below one tick, too small to fill.
    public func reservation(for order: WorkingOrder, on account: Account) throws(TradeRejection) -> Decimal {
        var model = self.model
        model.fillRate = 1
        let open = account.position(order.symbol)
        let fill = try model.fill(
            for: order.leg(at: order.level),
            multiplier: open.quantity == 0 ? nil : open.multiplier,
            slipped: !order.price.fillsAtLimit
        )
        return order.side == .buy ? fill.totalCost : 0
    }

    /// Fills what the market reached of a working order on its account: its own cash is given back first, and what a
    /// fill rate leaves keeps working, holding back the cash it needs.
    private func fill(_ order: inout WorkingOrder, at reached: RestingFill, on account: inout Account, time: Date) -> Fill? {
        account.reserved -= order.reserved
        order.reserved = 0
        do {
            let fill = try self.fill(order.leg(at: reached.price), on: &account, slipped: !reached.isLimit)
            order.filledQuantity += fill.filledQuantity
            if order.remaining == 0 {
                order.end(.filled, at: time)
            } else {
                // Never more than the cash left: working orders together never hold back more than there is.
                order.reserved = min((try? reservation(for: order, on: account)) ?? 0, max(account.buyingPower, 0))
                account.reserved += order.reserved
            }
            return fill
        } catch {
            order.rejection = .refused(error)
            order.end(.rejected, at: time)
            return nil
        }
    }
}

extension WorkingOrder {
    /// Marks the order ended; the cash it held is the caller's to give back.
    mutating func end(_ status: OrderStatus, at time: Date) {
        self.status = status
        endedAt = time
        reserved = 0
    }
}

extension RestingPrice {
    /// Whether a fill of this price is at a limit, with no slippage added: a limit's or a triggered stop-limit's.
    var fillsAtLimit: Bool {
        switch self {
        case .limit, .stopLimit: true
        case .stop, .trailingStop: false
        }
    }
}
