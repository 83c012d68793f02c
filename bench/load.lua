-- wrk script for bench/run: one signal per request in the format asked for, symbols rotating and buys and sells
-- alternating, so a seeded account never runs dry. When wrk is done it prints one JSON line with what it measured.
--
--   wrk ... -s bench/load.lua URL -- FORMAT RUN [keyed] [ACCOUNT]
--
-- FORMAT: standard, tradingview, quant-model, text, or get (a plain GET of the URL). RUN: a name unique to this run,
-- so the ids and keys it sends are new (unique with one wrk thread, -t1, as bench/run runs it). keyed: every request
-- carries a new Idempotency-Key. ACCOUNT: the account standard signals name.
local format, run, keyed, account = "standard", "0", false, nil
local symbols = { "AAPL", "MSFT", "NVDA", "TSLA" }
local prices = { "185.50", "410.10", "120.25", "250.00" }

function init(args)
  format = args[1] or format
  run = args[2] or run
  keyed = args[3] == "keyed"
  account = args[4]
  if account == "" then account = nil end
end

local counter = 0

local function body(symbol, price, buy)
  if format == "tradingview" then
    return string.format('{"ticker":"NASDAQ:%s","action":"%s","contracts":1,"price":%s}', symbol, buy and "buy" or "sell", price)
  elseif format == "quant-model" then
    return string.format(
      '{"model":"momentum-v2","run_id":"%s","signal":{"id":"%s-%d","instrument":"%s","direction":%d,"size":1},"reference_price":%s}',
      run, run, counter, string.lower(symbol), buy and 1 or -1, price)
  elseif format == "text" then
    return string.format("%s 1 %s @ %s", buy and "buy" or "sell", symbol, price)
  end
  local named = account and string.format(',"account":"%s"', account) or ""
  return string.format('{"symbol":"%s","side":"%s","qty":1,"price":%s%s}', symbol, buy and "buy" or "sell", price, named)
end

function request()
  if format == "get" then return wrk.format("GET") end
  counter = counter + 1
  local pair = math.floor((counter - 1) / 2)
  local index = pair % #symbols + 1
  local headers = { ["Content-Type"] = format == "text" and "text/plain" or "application/json" }
  if keyed then headers["Idempotency-Key"] = run .. "-" .. counter end
  return wrk.format("POST", nil, headers, body(symbols[index], prices[index], counter % 2 == 1))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"non_2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
