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

    struct Refused: Error, CustomStringConvertible {
        var description: String { "refused" }
    }

    /// The same metadata and events give the same lines as swift-log's `StreamLogHandler`: keys sorted, the logger's
    /// own values overridden by its provider's, then by a line's own, then by an error's; none at all when there is
    /// no metadata.
    @Test func writesTheLinesStreamLogHandlerWrites() {
        let deferredLines = Lines()
        let streamLines = Lines()
        let provider = Logger.MetadataProvider { ["zone": "provided", "trace": "t-1"] }
        var deferred = Logger(label: "papertrade") {
            DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: deferredLines, metadataProvider: nil))
        }
        var stream = Logger(label: "papertrade") { StreamLogHandler(label: $0, stream: streamLines, metadataProvider: nil) }
        for logger in [deferred, stream] { logger.info("no metadata") }
        for key in ["hb.request.id", "adapter", "zone"] {
            deferred[metadataKey: key] = .string("\(key)-value")
            stream[metadataKey: key] = .string("\(key)-value")
        }
        for logger in [deferred, stream] {
            logger.notice("webhook 400 refused", metadata: ["adapter": "text", "client": "127.0.0.1"])
            logger.error("failed", metadata: ["list": ["a", "b"], "map": ["k": "v"]])
            logger.warning("with an error", error: Refused(), metadata: ["error.message": "mine", "adapter": "text"])
            logger.debug("below the level")
        }
        deferred.handler.metadataProvider = provider
        stream.handler.metadataProvider = provider
        for logger in [deferred, stream] {
            logger.info("provided")
            logger.info("provided, and a line's own", metadata: ["trace": "t-2"])
        }
        let expected = streamLines.all.map(untimed)
        #expect(expected.count == 6)
        #expect(
            expected[1]
                == " notice papertrade: adapter=text client=127.0.0.1 hb.request.id=hb.request.id-value zone=zone-value [ServerTests] webhook 400 refused"
        )
        #expect(
            expected[4] == " info papertrade: adapter=adapter-value hb.request.id=hb.request.id-value trace=t-1 zone=provided [ServerTests] provided"
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
