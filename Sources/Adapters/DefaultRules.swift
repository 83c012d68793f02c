// swift-format-ignore-file
/// The shipped adapters.yaml, built in so `papertrade serve` works from any directory.
///
/// A test keeps it identical to the adapters.yaml at the package root.
public enum DefaultRules {
    public static let yaml = #"""
# papertrade adapter rules: how each webhook payload format becomes a signal.
# The format is described in docs/adapters.md. Check this file with `papertrade check`.
version: 1
adapters:
  # TradingView strategy alerts: {"ticker": "{{ticker}}", "action": "{{strategy.order.action}}", ...}
  - name: tradingview
    description: TradingView strategy alert message (ticker, action, contracts, price)
    match:
      present: [ticker, action]
    fields:
      symbol:
        from: ticker
        transforms: [trim, strip_exchange, upper]
      side: action
      qty:
        from: [contracts, qty, quantity]
        default: 100
      price: [price, limit_price]
      account: account
      id: [id, alert_id]
    examples:
      - name: the seed's TradingView payload
        payload: {ticker: AAPL, action: buy, contracts: 100, price: 185.50}
        expect: {symbol: AAPL, side: buy, qty: 100, price: 185.50}
      - name: exchange prefix and numbers as strings
        payload: {ticker: "NASDAQ:aapl", action: sell, contracts: "5", price: "190.25"}
        expect: {symbol: AAPL, side: sell, qty: 5, price: 190.25}
      - name: an unknown action is refused, never guessed
        payload: {ticker: AAPL, action: hold, price: 185}
        error: unknown_side

  # A custom Python quant model: nested fields and a numeric direction.
  - name: quant-model
    description: "Quant model output: {model, signal: {instrument, direction: 1|-1, size}, reference_price}"
    match:
      present: [signal.instrument, signal.direction]
    fields:
      symbol:
        from: signal.instrument
        transforms: [trim, upper]
      side:
        from: signal.direction
        map: {"1": buy, "-1": sell}
      qty:
        from: signal.size
        default: 100
      price: [signal.limit, reference_price]
      account: [signal.book, account]
      # One id per signal, never the run's: a run sends many signals, and a repeated id is a replay.
      id: [signal.id, signal_id]
    examples:
      - name: long signal
        payload: {model: momentum-v2, run_id: "r-42", signal: {id: "r-42-1", instrument: msft, direction: 1, size: 0.5}, reference_price: 410.10}
        expect: {symbol: MSFT, side: buy, qty: 0.5, price: 410.10, id: r-42-1}
      - name: a second signal of the same run is another order
        payload: {model: momentum-v2, run_id: "r-42", signal: {id: "r-42-2", instrument: aapl, direction: -1, size: 2}, reference_price: 185.5}
        expect: {symbol: AAPL, side: sell, qty: 2, price: 185.5, id: r-42-2}
      - name: short signal into a named book
        payload: {signal: {instrument: BTCUSD, direction: "-1", size: "0.015", limit: 64000, book: "策略A"}}
        expect: {symbol: BTCUSD, side: sell, qty: 0.015, price: 64000, account: "策略A"}
      - name: direction 0 has no side
        payload: {signal: {instrument: MSFT, direction: 0}, reference_price: 410}
        error: unknown_side

  # A person's one-line order as plain text: "buy 100 AAPL @ 185.50", "SELL 0.5 BTCUSD @ 64000 account=策略A".
  - name: text
    description: "Plain text: SIDE QTY SYMBOL @ PRICE [account=NAME] [id=ID] [token=TOKEN]"
    body:
      format: regex
      # Options may come in any order, each at most once; a sentence without a price is a missing field.
      pattern: '(?i)^\s*(?<side>buy|sell|long|short|close|buy_to_open|sell_to_close)\s+(?<qty>[^\s@]+)\s+(?<symbol>[^\s@=]+)(?:(?:\s*@\s*|\s+)(?<price>[^\s@=]+))?(?:\s+(?:account=(?<account>\S+)(?!.*\saccount=)|id=(?<id>\S+)(?!.*\sid=)|token=(?<token>\S+)(?!.*\stoken=)))*\s*$'
    match:
      body_regex: '(?i)^\s*(buy|sell|long|short|close|buy_to_open|sell_to_close)\s'
    fields:
      symbol: {from: symbol, transforms: [strip_exchange, upper]}
      side: side
      qty: qty
      price: price
      account: account
      id: id
    examples:
      - name: the seed's order as a sentence
        body: "buy 100 AAPL @ 185.50"
        expect: {symbol: AAPL, side: buy, qty: 100, price: 185.50}
      - name: any case, a fraction, a named account
        body: "SELL 0.5 BTCUSD @ 64000 account=策略A"
        expect: {symbol: BTCUSD, side: sell, qty: 0.5, price: 64000, account: "策略A"}
      - name: options in any order, no spaces around @
        body: "long 10 nasdaq:msft@410.1 id=note-7 account=swing\n"
        expect: {symbol: MSFT, side: buy, qty: 10, price: 410.1, id: note-7, account: swing}
      - name: a sentence without a price names what is missing
        body: "buy 100 AAPL"
        error: missing_field
      - name: an option given twice is refused, never guessed
        body: "buy 1 AAPL @ 185 account=a account=b"
        error: invalid_body
      - name: a word where the quantity goes
        body: "buy me lunch"
        error: invalid_number
      - name: a quantity that is not a number
        body: "buy ten AAPL @ 185"
        error: invalid_number

  # The seed's standard format, with every alias it lists. Catch-all: it reads whatever matched nothing else.
  - name: standard
    description: The seed's standard payload (symbol|ticker, side|action, qty|contracts|quantity, price|limit_price, account)
    fields:
      symbol:
        from: [symbol, ticker]
        transforms: [trim, upper]
      side: [side, action]
      qty:
        from: [qty, contracts, quantity]
        default: 100
      price: [price, limit_price]
      account: account
      id: [id, client_order_id]
    examples:
      - name: the seed's standard payload
        payload: {symbol: AAPL, side: buy, qty: 100, price: 185.50}
        expect: {symbol: AAPL, side: buy, qty: 100, price: 185.50}
      - name: the seed's named account
        payload: {symbol: AAPL, side: buy, qty: 100, price: 185.50, account: "策略A"}
        expect: {account: "策略A"}
      - name: qty defaults to 100
        payload: {symbol: TSLA, side: close, limit_price: 250}
        expect: {side: sell, qty: 100, price: 250}
      - name: price is required
        payload: {symbol: AAPL, side: buy, qty: 100}
        error: missing_field
      - name: NaN is not a number
        payload: {symbol: AAPL, side: buy, qty: 100, price: "NaN"}
        error: invalid_number
      - name: zero quantity
        payload: {symbol: AAPL, side: buy, qty: 0, price: 185}
        error: invalid_field
      - name: not a JSON object
        body: "[1, 2]"
        error: invalid_payload
"""#

    /// The built-in rules, parsed.
    public static func load() throws(InvalidRules) -> AdapterSet {
        try RulesLoader.load(yaml: yaml, file: "(embedded adapters.yaml)")
    }
}
