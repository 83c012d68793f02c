// swift-format-ignore-file
import Core

/// The shipped instruments.yaml, built in so `papertrade serve` works from any directory.
///
/// A test keeps it identical to the instruments.yaml at the package root.
public enum DefaultInstruments {
    public static let yaml = #"""
# papertrade instruments: how each market trades. The format is described in docs/trading.md.
# Check this file with `papertrade check`. The first entry whose symbols match wins; keys an entry
# leaves out come from `default`, which is also what any other symbol trades as.
version: 1
default:
  tick: 0.01              # execution prices are multiples of this; a price below one tick is refused
  step: 0.00000001        # quantities round toward zero to a multiple of this (fractional allowed)
  min_qty: 0              # the smallest quantity an order may fill (0: one step)
  multiplier: 1           # value = quantity × price × multiplier
  slippage_bps: 5         # against the trader; or slippage_ticks
  commission: 0.001       # a fraction of value
  min_commission: 0       # per order
  per_unit_fee: 0         # per unit traded, on top of the rate
  sell_tax: 0             # a fraction of the value of sells only
instruments:
  - symbols: ['*JPY']
    description: Yen forex pairs, quoted to 3 decimals, traded in units
    tick: 0.001
    step: 1
    slippage_ticks: 2
    commission: 0.00003
  - symbols: [EURUSD, GBPUSD, AUDUSD, NZDUSD, USDCHF, USDCAD, EURGBP, EURCHF, EURAUD, GBPCHF, AUDCAD, AUDNZD]
    description: Forex pairs, quoted to 5 decimals (pipettes), traded in units
    tick: 0.00001
    step: 1
    slippage_ticks: 2
    commission: 0.00003
  - symbols: ['*USDT', '*USDC', '*USDT.P', BTCUSD, ETHUSD, SOLUSD, XRPUSD, DOGEUSD]
    description: Crypto pairs, quoted and traded to 8 decimals
    tick: 0.00000001
    step: 0.00000001
    commission: 0.001
  # Also the bare six-digit codes TradingView sends once the exchange prefix is stripped (SSE:600519 → 600519).
  - symbols: ['*.SH', '*.SS', '*.SZ', '6?????', '0?????', '3?????']
    description: Shanghai and Shenzhen A-shares, in lots of 100, minimum commission 5, stamp duty 0.05 % on sells
    tick: 0.01
    step: 100
    min_qty: 100
    slippage_ticks: 1
    commission: 0.00025
    min_commission: 5
    sell_tax: 0.0005
  - symbols: [ES, 'ES1!', 'ES?20??']
    description: CME E-mini S&P 500 futures, 50 per point
    tick: 0.25
    step: 1
    multiplier: 50
    slippage_ticks: 1
    commission: 0
    per_unit_fee: 2.25
  - symbols: [NQ, 'NQ1!', 'NQ?20??']
    description: CME E-mini Nasdaq-100 futures, 20 per point
    tick: 0.25
    step: 1
    multiplier: 20
    slippage_ticks: 1
    commission: 0
    per_unit_fee: 2.25
"""#

    /// The built-in instruments, parsed.
    public static func load() throws(InvalidRules) -> InstrumentTable {
        try InstrumentsLoader.load(yaml: yaml, file: "(embedded instruments.yaml)")
    }
}
