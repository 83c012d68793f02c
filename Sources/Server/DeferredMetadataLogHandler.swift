import Logging

/// The server's log handler: `StreamLogHandler`'s lines, with its metadata formatted only when a line is written.
///
/// `StreamLogHandler` formats all of its metadata whenever one key is set, and Hummingbird sets the request id on
/// every request's logger, although most requests log nothing: about 2 % of a webhook's CPU. Here setting a key only
/// stores it; a line written gets the same text, the metadata sorted by key, a line's own values winning.
struct DeferredMetadataLogHandler: LogHandler {
    /// Writes the lines, with no metadata of its own.
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    /// Writes to standard error, as swift-log's default handler does.
    init(label: String) {
        self.init(StreamLogHandler.standardError(label: label))
    }

    /// Writes through `stream`, which should hold no metadata of its own.
    init(_ stream: StreamLogHandler) {
        self.stream = stream
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        stream.log(event: event)
    }
}
