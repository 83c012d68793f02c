import Foundation
import Testing

@testable import Core

func decimal(_ text: String) -> Decimal { Decimal(exactly: text)! }

/// An instrument with the given changes from the defaults.
func instrument(_ change: (inout Instrument) -> Void) -> Instrument {
    var instrument = Instrument()
    change(&instrument)
    return instrument
}

/// A model where `symbols` trade as `instrument`.
func model(_ instrument: Instrument, for symbols: String...) -> ExecutionModel {
    var model = ExecutionModel()
    model.instruments.entries = symbols.map { InstrumentTable.Entry(pattern: SymbolPattern($0), instrument: instrument) }
    return model
}

@Suite struct ExecutionModelTests {
    @Test func defaultsReproduceTheSeedExample() throws {
        let fill = try ExecutionModel().fill(for: Signal(symbol: "AAPL", side: .buy, quantity: 100, price: decimal("185.50")))
        #expect(fill.executionPrice == decimal("185.59"))
        #expect(fill.filledQuantity == 100)
        #expect(fill.value == 18559)
        #expect(fill.slippage == decimal("0.09"))
        #expect(fill.commission == decimal("18.56"))
        #expect(fill.fillRate == 1)
        #expect(fill.totalCost == decimal("18577.56"))
        #expect(fill.status == .filled)
    }

    @Test func sellSlipsDownAndNetsCommission() throws {
        let fill = try ExecutionModel().fill(for: Signal(symbol: "AAPL", side: .sell, quantity: 100, price: 190))
        #expect(fill.executionPrice == decimal("189.91"))
        #expect(fill.value == 18991)
        // 18.991 rounds up: costs round against the trader.
        #expect(fill.commission == 19)
        #expect(fill.totalCost == 18972)
        #expect(fill.cashChange == 18972)
    }

    @Test func partialFillRateFillsThatShare() throws {
        var model = ExecutionModel()
        model.fillRate = decimal("0.5")
        let fill = try model.fill(for: Signal(symbol: "BTC", side: .buy, quantity: decimal("0.015"), price: 64000))
        #expect(fill.filledQuantity == decimal("0.0075"))
        #expect(fill.status == .partiallyFilled)
        // 64032 × 0.0075 = 480.24 exactly.
        #expect(fill.value == decimal("480.24"))
    }

    @Test func forexQuotesToFiveDecimals() throws {
        let eurusd = instrument {
            $0.priceTick = decimal("0.00001")
            $0.quantityStep = 1
            $0.slippage = .ticks(2)
            $0.fees.rate = decimal("0.00003")
        }
        let fill = try model(eurusd, for: "EURUSD").fill(
            for: Signal(symbol: "EURUSD", side: .buy, quantity: decimal("10000.7"), price: decimal("1.0845"))
        )
        #expect(fill.executionPrice == decimal("1.08452"))
        #expect(fill.filledQuantity == 10000)
        // 10845.2 exactly; commission 0.325356 → 0.33.
        #expect(fill.value == decimal("10845.2"))
        #expect(fill.commission == decimal("0.33"))
        #expect(fill.slippage == decimal("0.00002"))
    }

    @Test func aSharesTradeInLotsWithAMinimumCommissionAndStampDutyOnSells() throws {
        let ashare = instrument {
            $0.quantityStep = 100
            $0.minimumQuantity = 100
            $0.slippage = .ticks(1)
            $0.fees.rate = decimal("0.00025")
            $0.fees.minimum = 5
            $0.fees.sellTaxRate = decimal("0.0005")
        }
        let model = model(ashare, for: "*.SH")
        let buy = try model.fill(for: Signal(symbol: "600519.SH", side: .buy, quantity: 250, price: decimal("1500.00")))
        // 200 shares at 1500.01: value 300002, commission 75.0005 → 75.01, no tax on buys.
        #expect(buy.filledQuantity == 200)
        #expect(buy.value == 300_002)
        #expect(buy.commission == decimal("75.01"))
        #expect(buy.tax == 0)
        #expect(buy.totalCost == decimal("300077.01"))
        let sell = try model.fill(for: Signal(symbol: "600000.SH", side: .sell, quantity: 100, price: decimal("7.50")))
        // 100 at 7.49: value 749, commission min 5, stamp duty 0.3745 → 0.38.
        #expect(sell.value == 749)
        #expect(sell.commission == 5)
        #expect(sell.tax == decimal("0.38"))
        #expect(sell.totalCost == decimal("743.62"))
        #expect(throws: TradeRejection.nothingFilled(requested: 99, step: 100, minimum: 100)) {
            try model.fill(for: Signal(symbol: "600519.SH", side: .buy, quantity: 99, price: 1500))
        }
    }

    @Test func futuresValueCarriesTheMultiplier() throws {
        let es = instrument {
            $0.priceTick = decimal("0.25")
            $0.quantityStep = 1
            $0.multiplier = 50
            $0.slippage = .ticks(1)
            $0.fees.rate = 0
            $0.fees.perUnit = decimal("2.25")
        }
        let fill = try model(es, for: "ES1!").fill(for: Signal(symbol: "ES1!", side: .buy, quantity: 2, price: decimal("5000.10")))
        // 5000.10 + 0.25 = 5000.35 → 5000.25 at the 0.25 tick; 2 × 5000.25 × 50 = 500025; 2 × 2.25 = 4.50.
        #expect(fill.executionPrice == decimal("5000.25"))
        #expect(fill.value == 500_025)
        #expect(fill.commission == decimal("4.5"))
    }

    @Test func aPriceBelowOneTickIsRefusedAndNoPriceFallsToZero() throws {
        #expect(throws: TradeRejection.priceBelowTick(price: decimal("0.004"), tick: decimal("0.01"))) {
            try ExecutionModel().fill(for: Signal(symbol: "PENNY", side: .buy, quantity: 1_000_000_000, price: decimal("0.004")))
        }
        let wide = model(instrument { $0.slippage = .ticks(5) }, for: "X")
        let fill = try wide.fill(for: Signal(symbol: "X", side: .sell, quantity: 1, price: decimal("0.02")))
        #expect(fill.executionPrice == decimal("0.01"))
    }

    @Test func valuesRoundAgainstTheTrader() throws {
        let fx = model(
            instrument {
                $0.priceTick = decimal("0.00001")
                $0.quantityStep = 1
                $0.slippage = .basisPoints(0)
                $0.fees.rate = 0
            },
            for: "FX"
        )
        let buy = try fx.fill(for: Signal(symbol: "FX", side: .buy, quantity: 1, price: decimal("1.08455")))
        let sell = try fx.fill(for: Signal(symbol: "FX", side: .sell, quantity: 1, price: decimal("1.08455")))
        #expect(buy.value == decimal("1.09"))
        #expect(sell.value == decimal("1.08"))
    }

    @Test func anOrderBeyondTheLimitsIsRefused() {
        #expect(throws: TradeRejection.amountTooLarge(value: decimal("1000000000000001"))) {
            try ExecutionModel().fill(for: Signal(symbol: "X", side: .sell, quantity: decimal("1000000000000001"), price: 1))
        }
    }

    @Test func symbolPatternsMatchWholeSymbolsWithWildcards() {
        #expect(SymbolPattern("*.SH").matches("600519.sh"))
        #expect(!SymbolPattern("*.SH").matches("600519.SZ"))
        #expect(SymbolPattern("ES?20??").matches("ESZ2026"))
        #expect(!SymbolPattern("ES?20??").matches("ESZ20261"))
        #expect(SymbolPattern("*USDT*").matches("BTCUSDT.P"))
        #expect(SymbolPattern("*").matches(""))
        #expect(!SymbolPattern("EURUSD").matches("EURUSDT"))
        #expect(SymbolPattern("*.sh").matches("600519.SH"), "a pattern's letters match in any case")
    }

    /// Symbols and patterns beyond ASCII match character by character, case folded the same way.
    @Test func symbolPatternsMatchUnicodeCharacters() {
        #expect(SymbolPattern("沪*").matches("沪A股"))
        #expect(SymbolPattern("?").matches("é") && SymbolPattern("?").matches("e\u{301}"), "one character, composed or not")
        #expect(SymbolPattern("é*").matches("ÉTF"))
        #expect(!SymbolPattern("É*").matches("ETF"))
        #expect(SymbolPattern("*ſ").matches("BUS"), "a long s upper-cases to S")
        var lots = Instrument()
        lots.quantityStep = 100
        let table = InstrumentTable(entries: [
            .init(pattern: SymbolPattern("*.SH"), instrument: Instrument()), .init(pattern: SymbolPattern("沪*"), instrument: lots),
        ])
        #expect(table.instrument(for: "沪a").quantityStep == 100 && table.instrument(for: "600519.sh").quantityStep != 100)
    }
}

/// A limit filled at its level or better fills there: the market gave that price, so no slippage is added; a stop
/// reached fills as a market order does, slipped.
@Suite struct RestingFillPriceTests {
    @Test func aLimitFillIsNeverWorseThanItsLevelAndAStopSlips() throws {
        let model = ExecutionModel()
        let buy = Signal(symbol: "AAPL", side: .buy, quantity: 100, price: 180)
        let limit = try model.fill(for: buy, slipped: false)
        #expect(limit.executionPrice == 180 && limit.slippage == 0 && limit.value == 18_000)
        #expect(limit.commission == 18, "fees as for any fill")
        let stop = try model.fill(for: buy)
        #expect(stop.executionPrice == decimal("180.09") && stop.slippage == decimal("0.09"))
        // A gap-open price off the grid is put on it, and a buy limit's level is a grid point it never passes.
        #expect(try model.fill(for: Signal(symbol: "AAPL", side: .buy, quantity: 1, price: decimal("179.996")), slipped: false).executionPrice == 180)
        let sell = try model.fill(for: Signal(symbol: "AAPL", side: .sell, quantity: 100, price: 200), slipped: false)
        #expect(sell.executionPrice == 200 && sell.value == 20_000)
    }
}
