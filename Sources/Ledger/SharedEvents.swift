/// A channel that every server on a shared storage hears: what one server tells its open pages, the others tell
/// theirs. Delivery is best effort; a page that misses one refreshes at the next.
public protocol SharedEvents: Sendable {
    /// Sends `messages`, in order, to every server listening, this one included.
    func broadcast(_ messages: [String]) async

    /// The messages any server broadcasts from now on, for as long as the stream is read; reconnects by itself.
    func messages() -> AsyncStream<String>
}
