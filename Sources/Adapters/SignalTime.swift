import Foundation

/// Reads the time a sender stamped on a signal: ISO 8601 with a zone (`2026-01-22T15:30:00Z`,
/// `2026-01-22T23:30:00.250+08:00`), or a number of seconds or, when it is that large, milliseconds since 1970.
public enum SignalTime {
    public static func parse(_ text: String) -> Date? {
        var date: Date?
        if let number = Decimal(exactly: text), number > 0 {
            // 10^11 seconds is the year 5138: anything larger is milliseconds, as TradingView's {{time}} can be.
            let seconds = number > 100_000_000_000 ? number / 1000 : number
            date = Date(timeIntervalSince1970: NSDecimalNumber(decimal: seconds).doubleValue)
        } else {
            for style in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] where date == nil {
                date = try? style.parse(text)
            }
        }
        // A time from 1970 to 9999, so that every age computed from it is an ordinary number.
        guard let date, date.timeIntervalSince1970 > 0, date.timeIntervalSince1970 < latest else { return nil }
        return date
    }

    /// The start of the year 10000.
    private static let latest: TimeInterval = 253_402_300_800

    /// The time as ISO 8601 in UTC: `2026-01-22T15:30:00Z`.
    static func text(_ time: Date) -> String {
        Date.ISO8601FormatStyle().format(time)
    }
}
