import Adapters
import Core
import Foundation
import Testing

@Suite struct InstrumentsLoaderTests {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try InstrumentsLoader.load(yaml: yaml, file: "i.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func entriesInheritTheDefaultAndTheFirstMatchWins() throws {
        let table = try InstrumentsLoader.load(
            yaml: """
                default: {commission: 0.002, min_commission: 1}
                instruments:
                  - symbols: [EURUSD]
                    tick: 0.00001
                    slippage_ticks: 2
                  - symbols: ['*USD']
                    step: 1
                """,
            file: "i.yaml"
        )
        let eurusd = table.instrument(for: "EURUSD")
        #expect(eurusd.priceTick == Decimal(1, scale: 5))
        #expect(eurusd.slippage == .ticks(2))
        #expect(eurusd.fees.rate == Decimal(2, scale: 3) && eurusd.fees.minimum == 1)
        #expect(eurusd.quantityStep == Decimal(1, scale: 8))
        #expect(table.instrument(for: "GBPUSD").quantityStep == 1)
        #expect(table.instrument(for: "AAPL") == table.fallback)
    }

    @Test func everyMistakeIsReportedWithItsPlace() {
        let yaml = """
            default: {tick: 0, comission: 0.1}
            instruments:
              - symbols: [A]
                slippage_bps: 5
                slippage_ticks: 1
              - tick: 0.01
              - symbols: ['*']
                sell_tax: 1.5
              - symbols: [B C]
            """
        #expect(
            problems(yaml) == [
                "i.yaml:1:17: tick must be greater than 0",
                "i.yaml:1:20: unknown key 'comission' in an instrument; expected one of: tick, step, min_qty, multiplier, slippage_bps, slippage_ticks, "
                    + "commission, min_commission, per_unit_fee, sell_tax",
                "i.yaml:3:5: give slippage_bps or slippage_ticks, not both",
                "i.yaml:6:5: an instrument needs 'symbols': the symbol patterns it applies to, like [EURUSD, '*JPY']",
                "i.yaml:8:15: sell_tax must be less than 1",
                "i.yaml:9:5: this entry can never apply: the pattern '*' above it matches every symbol",
                "i.yaml:9:14: 'B C' is not a symbol pattern: write it without spaces; '*' matches any run of characters, '?' one",
            ]
        )
    }

    @Test func theShippedInstrumentsAreBuiltInAndDescribeTheirMarkets() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("instruments.yaml").path
        #expect(try String(contentsOfFile: file, encoding: .utf8) == DefaultInstruments.yaml + "\n", "run scripts/embed-rules")
        let table = try InstrumentsLoader.load(path: file)
        #expect(table == (try DefaultInstruments.load()))
        #expect(table.fallback == Instrument(), "unknown symbols keep the seed's defaults")
        #expect(table.instrument(for: "EURUSD").priceTick == Decimal(1, scale: 5))
        #expect(table.instrument(for: "USDJPY").priceTick == Decimal(1, scale: 3))
        #expect(table.instrument(for: "BTCUSDT").quantityStep == Decimal(1, scale: 8))
        let moutai = table.instrument(for: "600519.SH")
        #expect(moutai.quantityStep == 100 && moutai.minimumQuantity == 100 && moutai.fees.minimum == 5 && moutai.fees.sellTaxRate > 0)
        #expect(table.instrument(for: "ES1!").multiplier == 50)
    }
}
