import Core
import Foundation
import JSON
import Server
import Testing

@Suite struct ReplyJSONTests {
    @Test func simulationMatchesTheSeedByteForByte() throws {
        let fill = try ExecutionModel().fill(for: Signal(symbol: "AAPL", side: .buy, quantity: 100, price: Decimal(exactly: "185.50")!))
        #expect(fill.simulationJSON.serialized == #"{"slippage":0.09,"commission":18.56,"fill_rate":1.0,"total_cost":18577.56}"#)
    }

    @Test func orderHasTheSeedFieldsInTheSeedOrder() throws {
        let signal = Signal(symbol: "AAPL", side: .buy, quantity: 100, price: Decimal(exactly: "185.50")!)
        let fill = try ExecutionModel().fill(for: signal)
        let order = Order(
            id: 1,
            account: "default",
            signal: signal,
            outcome: .success(fill),
            time: Date(timeIntervalSince1970: 1_769_095_800),
            source: "webhook",
            adapter: "standard"
        )
        #expect(
            order.json.serialized
                == #"{"id":1,"symbol":"AAPL","side":"buy","requested_qty":100,"filled_qty":100,"requested_price":185.5,"#
                + #""exec_price":185.59,"value":18559,"time":"2026-01-22T15:30:00","status":"filled","source":"webhook","account":"default","adapter":"standard"}"#
        )
    }
}
