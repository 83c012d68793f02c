import Decimals
import Foundation

extension TradeRejection {
    /// The rejection as named text: `reason`, which rejection it is, and its figures; `init(parameters:)` makes it
    /// again, so that a stored rejection reads in any language.
    public var parameters: [String: String] {
        switch self {
        case .insufficientFunds(let needed, let available):
            ["reason": "insufficient_funds", "needed": needed.plainText, "available": available.plainText]
        case .insufficientPosition(let symbol, let needed, let held):
            ["reason": "insufficient_position", "symbol": symbol, "needed": needed.plainText, "held": held.plainText]
        case .shortSellingOff(let symbol, let opening, let closed):
            ["reason": "short_selling_off", "symbol": symbol, "opening": opening.plainText, "closed": closed.plainText]
        case .nothingFilled(let requested, let step, let minimum):
            ["reason": "nothing_filled", "requested": requested.plainText, "step": step.plainText, "minimum": minimum.plainText]
        case .priceBelowTick(let price, let tick):
            ["reason": "price_below_tick", "price": price.plainText, "tick": tick.plainText]
        case .valueRoundsToZero(let quantity, let price):
            ["reason": "value_rounds_to_zero", "quantity": quantity.plainText, "price": price.plainText]
        case .amountTooLarge(let value):
            ["reason": "amount_too_large", "value": value.plainText]
        case .invalidSizing(let sizing, let intent):
            ["reason": "invalid_sizing", "sizing": sizing.rawValue, "intent": intent]
        case .invalidOrder(let error):
            error.parameters.merging(["reason": "invalid_order"]) { _, reason in reason }
        }
    }

    /// The rejection that `parameters` names; nil when they name none this version knows, or a figure is missing.
    public init?(parameters: [String: String]) {
        func number(_ name: String) -> Decimal? { parameters[name].flatMap { Decimal(exactly: $0) } }
        func text(_ name: String) -> String? { parameters[name] }
        let rejection: TradeRejection? =
            switch parameters["reason"] {
            case "insufficient_funds":
                number("needed").flatMap { needed in number("available").map { .insufficientFunds(needed: needed, available: $0) } }
            case "insufficient_position":
                Self.make(text("symbol"), number("needed"), number("held")) { .insufficientPosition(symbol: $0, needed: $1, held: $2) }
            case "short_selling_off":
                Self.make(text("symbol"), number("opening"), number("closed")) { .shortSellingOff(symbol: $0, opening: $1, closed: $2) }
            case "nothing_filled":
                Self.make(number("requested"), number("step"), number("minimum")) { .nothingFilled(requested: $0, step: $1, minimum: $2) }
            case "price_below_tick":
                number("price").flatMap { price in number("tick").map { .priceBelowTick(price: price, tick: $0) } }
            case "value_rounds_to_zero":
                number("quantity").flatMap { quantity in number("price").map { .valueRoundsToZero(quantity: quantity, price: $0) } }
            case "amount_too_large":
                number("value").map { .amountTooLarge(value: $0) }
            case "invalid_sizing":
                text("sizing").flatMap(Sizing.init(rawValue:)).flatMap { sizing in text("intent").map { .invalidSizing(sizing, intent: $0) } }
            case "invalid_order":
                OrderSpecError(parameters: parameters).map { .invalidOrder($0) }
            default: nil
            }
        guard let rejection else { return nil }
        self = rejection
    }

    private static func make<A, B, C>(_ a: A?, _ b: B?, _ c: C?, _ build: (A, B, C) -> TradeRejection) -> TradeRejection? {
        guard let a, let b, let c else { return nil }
        return build(a, b, c)
    }
}
