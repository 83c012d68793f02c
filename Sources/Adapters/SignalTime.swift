import Foundation

/// Reads the time a sender stamped on a signal: ISO 8601 with a zone (`2026-01-22T15:30:00Z`,
/// `2026-01-22T23:30:00.250+08:00`), or a number of seconds or, when it is that large, milliseconds since 1970.
enum SignalTime {
    static func parse(_ text: String) -> Date? {
        if let number = Decimal(exactly: text), number > 0 {
            // 10^11 seconds is the year 5138: anything larger is milliseconds, as TradingView's {{time}} can be.
            let seconds = number > 100_000_000_000 ? number / 1000 : number
            return Date(timeIntervalSince1970: NSDecimalNumber(decimal: seconds).doubleValue)
        }
        for style in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? style.parse(text) { return date }
        }
        return nil
    }

    /// The time as ISO 8601 in UTC: `2026-01-22T15:30:00Z`.
    static func text(_ time: Date) -> String {
        Date.ISO8601FormatStyle().format(time)
    }
}
