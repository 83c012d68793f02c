/// Told what the ledger's group commit does, for metrics.
public protocol LedgerObserver: Sendable {
    /// A batch of `size` writes committed.
    func committed(batch size: Int)
    /// A batch of `size` writes failed, and with it every write queued behind it.
    func failed(batch size: Int)
}
