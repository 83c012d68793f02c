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
  # TradersPost's JSON, unchanged: exits, reverses, sentiment and quantity types.
  - name: traderspost
    description: "TradersPost JSON: ticker, action (buy, sell, exit, reverse), sentiment, quantity, quantityType, price"
    match:
      present: [ticker, action]
      any:
        - present: [sentiment]
        - present: [quantityType]
        - equals: {action: [exit, reverse, add, cancel, breakeven]}
    fields:
      symbol:
        from: ticker
        transforms: [trim, strip_exchange, upper]
      # The sentiment is the side the position should be on after the trade: flat, or a sell that stays long, exits.
      action:
        template: "{action} {sentiment}"
        from: action
        map:
          "buy long": buy
          "buy bullish": buy
          "sell short": sell
          "sell bearish": sell
          "buy flat": exit_short
          "buy short": exit_short
          "buy bearish": exit_short
          "sell flat": exit_long
          "sell long": exit_long
          "sell bullish": exit_long
          "exit flat": exit
          "exit long": exit
          "exit short": exit
          "exit bullish": exit
          "exit bearish": exit
          "reverse long": reverse
          "reverse short": reverse
          "reverse bullish": reverse
          "reverse bearish": reverse
      qty: quantity
      sizing:
        from: quantityType
        default: units
      price: [price, signalPrice, limitPrice]
      account: account
    examples:
      - name: a buy of 10 shares
        payload: {ticker: AAPL, action: buy, sentiment: long, quantity: 10, price: 185.50}
        expect: {symbol: AAPL, action: buy, qty: 10, price: 185.50}
      - name: an exit closes the whole position
        payload: {ticker: "NASDAQ:AAPL", action: exit, price: 190}
        expect: {symbol: AAPL, action: exit, sizing: percent_of_position, qty: 100}
      - name: a sell to flat exits the long side only
        payload: {ticker: TSLA, action: sell, sentiment: flat, price: 250}
        expect: {action: exit_long, qty: 100, sizing: percent_of_position}
      - name: a dollar amount
        payload: {ticker: MSFT, action: buy, quantity: 5000, quantityType: dollar_amount, price: 410}
        expect: {action: buy, qty: 5000, sizing: notional}
      - name: a reverse
        payload: {ticker: AAPL, action: reverse, price: 185}
        expect: {action: reverse}
      - name: cancel has no resting orders to cancel here, so it is refused
        payload: {ticker: AAPL, action: cancel, price: 185}
        error: unknown_action

  # A target position, as OpenAlgo's smart order and TradingView's {{strategy.position_size}} send it.
  - name: target-position
    description: "Target position: symbol or ticker, position_size (signed; 0 is flat), price"
    match:
      present: [position_size]
    fields:
      symbol:
        from: [symbol, ticker]
        transforms: [trim, strip_exchange, upper]
      action:
        const: target
      qty: position_size
      price: [price, close]
      account: account
    examples:
      - name: OpenAlgo's smart order
        payload: {apikey: k, strategy: s1, symbol: SBIN, action: BUY, exchange: NSE, quantity: 1, position_size: 5, price: 820}
        expect: {symbol: SBIN, action: target, qty: 5, price: 820}
      - name: a TradingView strategy going short
        payload: {ticker: "BINANCE:BTCUSDT", position_size: -0.5, price: 64000}
        expect: {symbol: BTCUSDT, action: target, qty: -0.5}
      - name: flat
        payload: {ticker: AAPL, position_size: 0, price: 185}
        expect: {qty: 0}

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
      # A JSON body is never a sentence: asking first skips the pattern for every JSON payload.
      body: text
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
      # A resting order: without its own limit_price or stop_price, price is the order's level.
      order_type: order_type
      limit_price: limit_price
      stop_price: stop_price
      trail_amount: trail_amount
      trail_percent: trail_percent
      time_in_force: time_in_force
      expire_at: expire_at
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
      - name: a limit order whose price is its limit
        payload: {symbol: AAPL, side: buy, qty: 10, price: 180, order_type: limit}
        expect: {order_type: limit, price: 180}
      - name: a trailing stop 2 % behind the best price, for the day
        payload: {symbol: AAPL, side: sell, qty: 10, price: 185.5, order_type: trailing_stop, trail_percent: 2, time_in_force: DAY}
        expect: {order_type: trailing_stop, trail_percent: 2, time_in_force: day}
      - name: an order type there is none of
        payload: {symbol: AAPL, side: buy, qty: 10, price: 180, order_type: iceberg}
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
