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

    /// Order times are UTC to the second, rounded down (before 1970 too), zero-padded, and a year past 9999 keeps its
    /// fifth digit.
    @Test func orderTimesAreUTCSecondsZeroPadded() {
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01T00:00:00"),
            (1_769_095_800, "2026-01-22T15:30:00"),
            (1_769_095_859.999, "2026-01-22T15:30:59"),
            (-0.5, "1969-12-31T23:59:59"),
            (951_782_400, "2000-02-29T00:00:00"),
            (Date.distantPast.timeIntervalSince1970, "0000-12-30T00:00:00"),
            (253_402_300_799, "9999-12-31T23:59:59"),
            (253_402_300_800, "10000-01-01T00:00:00"),
        ]
        for (seconds, text) in cases {
            #expect(Order.timeText(Date(timeIntervalSince1970: seconds)) == text)
        }
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
            order.json(language: .english).serialized
                == #"{"id":1,"symbol":"AAPL","side":"buy","requested_qty":100,"filled_qty":100,"requested_price":185.5,"#
                + #""exec_price":185.59,"value":18559,"time":"2026-01-22T15:30:00","status":"filled","source":"webhook","account":"default","adapter":"standard"}"#
        )
    }
}
