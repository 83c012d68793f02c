import Logging

/// The server's log handler: `StreamLogHandler`'s lines, with its metadata formatted only when a line is written.
///
/// `StreamLogHandler` formats all of its metadata whenever one key is set, and Hummingbird sets the request id on
/// every request's logger, although most requests log nothing: about 3 µs a request. Here setting a key only stores
/// it; a line written gets the same text: the metadata sorted by key, the logger's own overridden by its metadata
/// provider's, then by the line's own, then by the error's.
struct DeferredMetadataLogHandler: LogHandler {
    /// Writes the lines: it holds no metadata and no provider of its own, and is handed a line's merged metadata.
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// Writes to standard error, as swift-log's default handler does.
    init(label: String) {
        self.init(StreamLogHandler.standardError(label: label, metadataProvider: nil), metadataProvider: LoggingSystem.metadataProvider)
    }

    /// Writes through `stream`, which must hold no metadata and no metadata provider of its own.
    init(_ stream: StreamLogHandler, metadataProvider: Logger.MetadataProvider? = nil) {
        self.stream = stream
        self.metadataProvider = metadataProvider
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, explicit in explicit }
        }
        var event = event
        event.metadata = merged.isEmpty ? nil : merged
        stream.log(event: event)
    }
}
