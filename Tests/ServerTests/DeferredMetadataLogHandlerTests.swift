import Logging
import Synchronization
import Testing

@testable import Server

@Suite struct DeferredMetadataLogHandlerTests {
    /// Collects what a handler writes.
    final class Lines: TextOutputStream, Sendable {
        private let text = Mutex("")
        var all: [String] { text.withLock { $0.split(separator: "\n").map(String.init) } }
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    /// A metadata value that counts how often it is turned into text.
    final class Counted: CustomStringConvertible, Sendable {
        private let count = Mutex(0)
        var formatted: Int { count.withLock { $0 } }
        var description: String {
            count.withLock { $0 += 1 }
            return "r-7"
        }
    }

    /// A line without its timestamp, which may differ by a second between two handlers.
    private func untimed(_ line: String) -> String {
        String(line.drop { $0 != " " })
    }

    /// The same metadata and events give the same lines as swift-log's `StreamLogHandler`: keys sorted, a line's own
    /// values winning over the logger's, none at all when there is no metadata.
    @Test func writesTheLinesStreamLogHandlerWrites() {
        let deferredLines = Lines()
        let streamLines = Lines()
        var deferred = Logger(label: "papertrade") { DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: deferredLines)) }
        var stream = Logger(label: "papertrade") { StreamLogHandler(label: $0, stream: streamLines) }
        for logger in [deferred, stream] { logger.info("no metadata") }
        for key in ["hb.request.id", "adapter", "zone"] {
            deferred[metadataKey: key] = .string("\(key)-value")
            stream[metadataKey: key] = .string("\(key)-value")
        }
        for logger in [deferred, stream] {
            logger.notice("webhook 400 refused", metadata: ["adapter": "text", "client": "127.0.0.1"])
            logger.error("failed", metadata: ["list": ["a", "b"], "map": ["k": "v"]])
            logger.debug("below the level")
        }
        let expected = streamLines.all.map(untimed)
        #expect(expected.count == 3)
        #expect(
            expected[1]
                == " notice papertrade: adapter=text client=127.0.0.1 hb.request.id=hb.request.id-value zone=zone-value [ServerTests] webhook 400 refused"
        )
        #expect(deferredLines.all.map(untimed) == expected)
    }

    /// Setting a key formats nothing; the value is formatted when a line is written.
    @Test func formatsMetadataOnlyWhenALineIsWritten() {
        let lines = Lines()
        let id = Counted()
        var logger = Logger(label: "papertrade") { DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: lines)) }
        logger[metadataKey: "hb.request.id"] = .stringConvertible(id)
        logger[metadataKey: "adapter"] = "standard"
        #expect(id.formatted == 0)
        #expect(logger[metadataKey: "hb.request.id"]?.description == "r-7")
        logger.info("written")
        #expect(id.formatted == 2)
        #expect(lines.all.map(untimed) == [" info papertrade: adapter=standard hb.request.id=r-7 [ServerTests] written"])
    }

    /// The level lives in the stream beneath: what the logger sets is what filters.
    @Test func theLoggersLevelFilters() {
        let lines = Lines()
        var logger = Logger(label: "papertrade") { DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: lines)) }
        logger.logLevel = .warning
        logger.info("hidden")
        logger.warning("shown")
        #expect(logger.logLevel == .warning)
        #expect(lines.all.map(untimed) == [" warning papertrade: [ServerTests] shown"])
    }
}
