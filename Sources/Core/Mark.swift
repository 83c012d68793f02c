import Foundation

/// The market's price of a symbol at a time: one traded price, or a bar with its open, high, low and close.
public struct Mark: Sendable, Equatable {
    public var symbol: String
    public var time: Date
    public var open: Decimal
    public var high: Decimal
    public var low: Decimal
    public var close: Decimal
    public var volume: Decimal?

    /// One price: a bar whose four prices are the same.
    public init(symbol: String, time: Date, price: Decimal) {
        self.symbol = symbol
        self.time = time
        (open, high, low, close) = (price, price, price, price)
    }

    /// A bar. - throws: `MarkError` when a price is not above zero, the low is above the high, or the open or close
    /// lies outside them.
    public init(symbol: String, time: Date, open: Decimal, high: Decimal, low: Decimal, close: Decimal, volume: Decimal? = nil) throws(MarkError) {
        for (name, price) in [("open", open), ("high", high), ("low", low), ("close", close)] where price <= 0 {
            throw .notPositive(name, price)
        }
        guard low <= high else { throw .lowAboveHigh(low: low, high: high) }
        for (name, price) in [("open", open), ("close", close)] where price < low || price > high {
            throw .outsideBar(name, price, low: low, high: high)
        }
        if let volume, volume < 0 { throw .negativeVolume(volume) }
        self.symbol = symbol
        self.time = time
        (self.open, self.high, self.low, self.close, self.volume) = (open, high, low, close, volume)
    }

    /// Whether the mark is one price rather than a bar with a range.
    public var isPrice: Bool { open == high && high == low && low == close }

    /// The prices the market is taken to have passed through, in order: the open, then the nearer of the high and the
    /// low, then the other, then the close (TradingView's broker emulator; the high first when both are as near).
    /// Between two of them every price was traded.
    public var path: [Decimal] {
        if isPrice { return [close] }
        let highFirst = high - open <= open - low
        return highFirst ? [open, high, low, close] : [open, low, high, close]
    }
}

/// Why a bar cannot be a mark.
public enum MarkError: CodedError, Equatable {
    case notPositive(String, Decimal)
    case lowAboveHigh(low: Decimal, high: Decimal)
    case outsideBar(String, Decimal, low: Decimal, high: Decimal)
    case negativeVolume(Decimal)

    public var code: String { "invalid_mark" }
    public var kind: ErrorKind { .invalidRequest }

    public var message: LocalizedMessage {
        switch self {
        case .notPositive(let name, let price):
            LocalizedMessage(english: "The bar's \(name) must be greater than 0, got \(price)", chinese: "K 线的 \(name) 必须大于 0, 收到 \(price)")
        case .lowAboveHigh(let low, let high):
            LocalizedMessage(english: "The bar's low \(low) is above its high \(high)", chinese: "K 线的最低价 \(low) 高于最高价 \(high)")
        case .outsideBar(let name, let price, let low, let high):
            LocalizedMessage(
                english: "The bar's \(name) \(price) lies outside its low \(low) and high \(high)",
                chinese: "K 线的 \(name) \(price) 不在最低价 \(low) 与最高价 \(high) 之间"
            )
        case .negativeVolume(let volume):
            LocalizedMessage(english: "The bar's volume must not be negative, got \(volume)", chinese: "K 线的成交量不能为负, 收到 \(volume)")
        }
    }
}
