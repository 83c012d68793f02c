// Micro-benchmarks of the hot path's parts alone, run by bench/run: the normalizer (once parsed, and with JSON
// parsing) as a webhook runs it, untraced, and once parsed as a dry run runs it, traced; the engine filling a buy
// and a sell, a dry-run reply serialized, and decimal text both ways.
// Run alone: swift run -c release papertrade-micro [--filter REGEX] [--format json]
import Adapters
import Benchmark
import Core
import Decimals
import Foundation
import JSON

/// Keeps a result alive, so the optimizer cannot drop the work that made it.
@inline(never) @_optimize(none) func blackHole<T>(_ value: T) {}

let normalizer = Normalizer(rules: try DefaultRules.load())
let engine = Engine(
    model: { () -> ExecutionModel in
        var model = ExecutionModel()
        model.instruments = (try? DefaultInstruments.load()) ?? InstrumentTable()
        return model
    }()
)

/// Each payload format the benchmark's HTTP rows send, as bytes, and the adapter a webhook path names (nil: chosen by
/// the match rules, as `POST /api/webhook` does).
let payloads: [(name: String, adapter: String?, body: [UInt8])] = [
    ("standard", nil, Array(#"{"symbol":"AAPL","side":"buy","qty":1,"price":185.50}"#.utf8)),
    ("tradingview", "tradingview", Array(#"{"ticker":"NASDAQ:AAPL","action":"buy","contracts":1,"price":185.50}"#.utf8)),
    (
        "quant-model", "quant-model",
        Array(
            #"{"model":"momentum-v2","run_id":"r-42","signal":{"id":"r-42-1","instrument":"aapl","direction":1,"size":1},"reference_price":185.50}"#
                .utf8
        )
    ),
    ("text", "text", Array("buy 1 AAPL @ 185.50".utf8)),
]

for payload in payloads {
    let parsed = Body(payload.body)
    precondition(normalizer.normalize(parsed, adapter: payload.adapter).signal != nil, "\(payload.name) does not normalize")
    benchmark("normalize parsed \(payload.name)") {
        blackHole(normalizer.normalize(parsed, adapter: payload.adapter, traced: false).signal)
    }
    benchmark("parse and normalize \(payload.name)") {
        blackHole(normalizer.normalize(body: payload.body, adapter: payload.adapter, traced: false).signal)
    }
    benchmark("normalize parsed \(payload.name), traced") {
        blackHole(normalizer.normalize(parsed, adapter: payload.adapter).signal)
    }
}

benchmark("engine: fill a buy and a sell") {
    var account = Account(name: "bench", cash: 1_000_000)
    let buy = Signal(symbol: "AAPL", side: .buy, quantity: 1, price: Decimal(exactly: "185.50")!)
    var sell = buy
    sell.side = .sell
    blackHole(try? engine.execute(buy, on: &account))
    blackHole(try? engine.execute(sell, on: &account))
}

/// A dry run's reply as the server sends it (1.3 KB): adapter decisions, field traces, the signal and the fill.
let dryRunReply = try JSONParser.parse(
    #"{"status":"ok","dry_run":true,"adapter":"standard","adapters":[{"name":"traderspost","matched":false,"reason":"ticker is missing"},{"name":"target-position","matched":false,"reason":"position_size is missing"},{"name":"tradingview","matched":false,"reason":"ticker is missing"},{"name":"quant-model","matched":false,"reason":"signal.instrument is missing"},{"name":"text","matched":false,"reason":"the body is JSON"},{"name":"standard","matched":true,"reason":"catch-all"}],"fields":{"symbol":{"source":"alias","alias":"symbol","raw":"AAPL","steps":[{"step":"trim","before":"AAPL","after":"AAPL"},{"step":"upper","before":"AAPL","after":"AAPL"}],"parsed":"AAPL"},"action":{"source":"missing"},"side":{"source":"alias","alias":"side","raw":"buy","parsed":"buy"},"qty":{"source":"alias","alias":"qty","raw":1,"parsed":"1"},"sizing":{"source":"missing"},"price":{"source":"alias","alias":"price","raw":185.50,"parsed":"185.5"},"account":{"source":"missing"},"id":{"source":"missing"},"time":{"source":"missing"},"token":{"source":"missing"}},"signal":{"symbol":"AAPL","side":"buy","qty":1,"price":185.5},"account":{"name":"default","cash":100000},"fill":{"side":"buy","exec_price":185.59,"filled_qty":1,"value":185.59,"status":"filled","slippage":0.09,"commission":0.19,"fill_rate":1.0,"total_cost":185.78}}"#
)
benchmark("json: serialize a dry-run reply") {
    blackHole(dryRunReply.serializedBytes)
}

let prices = ["185.50", "410.10", "0.00000001", "999999999999999.99", "64000"]
benchmark("decimal: parse 5 texts") {
    for price in prices { blackHole(Decimal(exactly: price)) }
}
let decimals = prices.map { Decimal(exactly: $0)! }
benchmark("decimal: format 5 values, Foundation's description") {
    for decimal in decimals { blackHole(decimal.description) }
}
benchmark("decimal: format 5 values, plainText") {
    for decimal in decimals { blackHole(decimal.plainText) }
}

Benchmark.main()
