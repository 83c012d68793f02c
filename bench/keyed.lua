-- wrk script: a buy or a sell with a new Idempotency-Key on every request, distinct across wrk threads and runs
-- (the run's name is the script's argument: wrk ... -s bench/keyed.lua URL -- RUN).
local run = "0"
function init(args)
  run = args[1] or run
end

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

local counter = 0
function request()
  counter = counter + 1
  local side = (counter % 2 == 0) and "sell" or "buy"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run .. "-" .. thread_id .. "-" .. counter,
  }, '{"symbol":"AAPL","side":"' .. side .. '","qty":1,"price":185.50}')
end
