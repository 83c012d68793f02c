import Foundation

/// How far a trailing stop stays behind the best price since it was placed.
public enum Trail: Sendable, Equatable {
    case amount(Decimal)
    /// A percentage of the best price.
    case percent(Decimal)

    /// The stop `best` makes: below it for a sell, above it for a buy.
    func stop(from best: Decimal, side: Side) -> Decimal {
        let distance =
            switch self {
            case .amount(let amount): amount
            case .percent(let percent): best * percent / 100
            }
        return side == .sell ? best - distance : best + distance
    }
}

/// The price a resting order waits for, with what it has seen so far: a stop-limit whether its stop was reached, a
/// trailing stop the best price since it was placed.
public enum RestingPrice: Sendable, Equatable {
    /// Fills at the limit or better.
    case limit(Decimal)
    /// Becomes a market order once the price reaches the stop.
    case stop(Decimal)
    /// Becomes a limit once the price reaches the stop, and stays one.
    case stopLimit(stop: Decimal, limit: Decimal, triggered: Bool)
    /// A stop that follows the best price by its trail and never moves back.
    case trailingStop(Trail, best: Decimal)

    /// What a mark does to an order on `side` waiting for this price.
    public func step(side: Side, through mark: Mark) -> RestingStep {
        var state = self
        let path = mark.path
        // The open is reached by a gap from the last price: an order it passes fills there, not at its own level.
        if let fill = state.fill(side: side, at: path[0]) { return RestingStep(fill: fill, price: state) }
        var travelled: Decimal = 0
        for (from, to) in zip(path, path.dropFirst()) {
            if var fill = state.fill(side: side, from: from, to: to) {
                fill.along = travelled + abs(fill.price - from)
                return RestingStep(fill: fill, price: state)
            }
            travelled += abs(to - from)
        }
        return RestingStep(fill: nil, price: state)
    }

    /// The fill when the price stands at `price` with no path before it; else the state moved on by it.
    private mutating func fill(side: Side, at price: Decimal) -> RestingFill? {
        switch self {
        case .limit(let limit):
            return Self.reaches(price, limit, side: side, buyingBelow: true) ? RestingFill(price: price, isLimit: true) : nil
        case .stop(let stop):
            return Self.reaches(price, stop, side: side, buyingBelow: false) ? RestingFill(price: price, isLimit: false) : nil
        case .stopLimit(let stop, let limit, let triggered):
            if !triggered {
                guard Self.reaches(price, stop, side: side, buyingBelow: false) else { return nil }
                self = .stopLimit(stop: stop, limit: limit, triggered: true)
            }
            return Self.reaches(price, limit, side: side, buyingBelow: true) ? RestingFill(price: price, isLimit: true) : nil
        case .trailingStop(let trail, let best):
            let level = trail.stop(from: best, side: side)
            if Self.reaches(price, level, side: side, buyingBelow: false) { return RestingFill(price: price, isLimit: false) }
            self = .trailingStop(trail, best: side == .sell ? max(best, price) : min(best, price))
            return nil
        }
    }

    /// The fill somewhere on the way from `from` to `to`, every price between traded; else the state moved on by it.
    private mutating func fill(side: Side, from: Decimal, to: Decimal) -> RestingFill? {
        let (low, high) = (min(from, to), max(from, to))
        switch self {
        case .limit(let limit):
            return low <= limit && limit <= high ? RestingFill(price: limit, isLimit: true) : nil
        case .stop(let stop):
            return low <= stop && stop <= high ? RestingFill(price: stop, isLimit: false) : nil
        case .stopLimit(let stop, let limit, let triggered):
            if triggered {
                self = .limit(limit)
                defer { self = .stopLimit(stop: stop, limit: limit, triggered: true) }
                return fill(side: side, from: from, to: to)
            }
            guard low <= stop && stop <= high else { return nil }
            self = .stopLimit(stop: stop, limit: limit, triggered: true)
            // From the stop on, the rest of the way is the limit's.
            return fill(side: side, at: stop) ?? fill(side: side, from: stop, to: to)
        case .trailingStop(let trail, let best):
            // Toward the best price the stop follows and is never reached; away from it, the stop stays.
            let awayFromBest = side == .sell ? to < from : to > from
            guard awayFromBest else {
                self = .trailingStop(trail, best: side == .sell ? max(best, to) : min(best, to))
                return nil
            }
            let level = trail.stop(from: best, side: side)
            return low <= level && level <= high ? RestingFill(price: level, isLimit: false) : nil
        }
    }

    /// Whether `price` has reached `level`: for a limit (`buyingBelow`), a buy at or below it and a sell at or above
    /// it; for a stop, the other way.
    private static func reaches(_ price: Decimal, _ level: Decimal, side: Side, buyingBelow: Bool) -> Bool {
        (side == .buy) == buyingBelow ? price <= level : price >= level
    }
}

/// What one mark did to a resting order: the fill, if it filled, and what it waits for now.
public struct RestingStep: Sendable, Equatable {
    public var fill: RestingFill?
    public var price: RestingPrice
}

/// Where a resting order filled: at a limit or better (`isLimit`, no slippage added), or at a stop reached, which
/// fills as a market order does, slippage and all.
public struct RestingFill: Sendable, Equatable {
    public var price: Decimal
    public var isLimit: Bool
    /// How far along the mark's path the price had moved when it filled: 0 at the open. Of two orders on one mark,
    /// the one with less fills first (a bracket's stop-loss or take-profit).
    public var along: Decimal = 0

    public init(price: Decimal, isLimit: Bool, along: Decimal = 0) {
        self.price = price
        self.isLimit = isLimit
        self.along = along
    }
}
