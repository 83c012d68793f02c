import Foundation

/// A recorded order: a filled, partially filled or rejected signal.
public struct Order: ExecutionCosts, Sendable, Equatable {
    public var id: Int64
    public var account: String
    public var symbol: String
    public var side: Side
    public var requestedQuantity: Decimal
    public var filledQuantity: Decimal
    public var requestedPrice: Decimal
    /// Nil for a rejected order.
    public var executionPrice: Decimal?
    public var value: Decimal
    public var slippage: Decimal
    public var commission: Decimal
    /// A sell-only tax such as stamp duty.
    public var tax: Decimal
    /// The share of the requested quantity the execution model filled (1 for a rejection).
    public var fillRate: Decimal
    public var time: Date
    public var status: OrderStatus
    /// Why the order was rejected, nil unless it was.
    public var rejection: OrderRejection?
    /// Where the order came from: `webhook` or `manual`.
    public var source: String
    /// The adapter that normalized the payload, for webhook orders.
    public var adapter: String?
    /// The working order this order is a fill of; nil for a market order.
    public var workingOrder: Int64?

    public init(
        id: Int64,
        account: String,
        symbol: String,
        side: Side,
        requestedQuantity: Decimal,
        filledQuantity: Decimal,
        requestedPrice: Decimal,
        executionPrice: Decimal?,
        value: Decimal,
        slippage: Decimal,
        commission: Decimal,
        tax: Decimal = 0,
        fillRate: Decimal = 1,
        time: Date,
        status: OrderStatus,
        rejection: OrderRejection?,
        source: String,
        adapter: String?,
        workingOrder: Int64? = nil
    ) {
        self.id = id
        self.account = account
        self.workingOrder = workingOrder
        self.symbol = symbol
        self.side = side
        self.requestedQuantity = requestedQuantity
        self.filledQuantity = filledQuantity
        self.requestedPrice = requestedPrice
        self.executionPrice = executionPrice
        self.value = value
        self.slippage = slippage
        self.commission = commission
        self.tax = tax
        self.fillRate = fillRate
        self.time = time
        self.status = status
        self.rejection = rejection
        self.source = source
        self.adapter = adapter
    }

    /// The order a signal becomes on `account`, filled or rejected by the engine.
    public init(
        id: Int64,
        account: String,
        signal: Signal,
        outcome: Result<Fill, OrderRejection>,
        time: Date,
        source: String,
        adapter: String?,
        workingOrder: Int64? = nil
    ) {
        self.id = id
        self.account = account
        self.workingOrder = workingOrder
        self.symbol = signal.symbol
        self.side = signal.side
        self.requestedQuantity = signal.quantity
        self.requestedPrice = signal.price
        self.time = time
        self.source = source
        self.adapter = adapter
        switch outcome {
        case .success(let fill):
            filledQuantity = fill.filledQuantity
            executionPrice = fill.executionPrice
            value = fill.value
            slippage = fill.slippage
            commission = fill.commission
            tax = fill.tax
            fillRate = fill.fillRate
            status = fill.status
        case .failure(let rejection):
            filledQuantity = 0
            executionPrice = nil
            value = 0
            slippage = 0
            commission = 0
            tax = 0
            fillRate = 1
            status = .rejected
            self.rejection = rejection
        }
    }
}

extension Order {
    /// The fill this order recorded, nil for a rejected one; its multiplier is the one the position keeps.
    public func fill(multiplier: Decimal = 1) -> Fill? {
        guard status != .rejected, let executionPrice else { return nil }
        return Fill(
            side: side,
            requestedQuantity: requestedQuantity,
            filledQuantity: filledQuantity,
            requestedPrice: requestedPrice,
            executionPrice: executionPrice,
            value: value,
            slippage: slippage,
            commission: commission,
            tax: tax,
            fillRate: fillRate,
            multiplier: multiplier
        )
    }
}
