import Core
import Synchronization

/// How many connections each client address has open, shared by every connection of the server: an address at its
/// limit gets no more until one closes. Like the rate limit, it leaves this machine's clients alone unless told
/// otherwise: a local script may keep as many connections as it likes.
final class ConnectionLimiter: Sendable {
    /// Connections one address may hold open at once; nil for no limit.
    let limit: Int?
    /// Addresses without a limit: the trusted proxies, whose connections carry many clients, and unless
    /// `limitsLoopback`, this machine.
    let unlimited: [AddressRange]
    private let open = Mutex<[String: Int]>([:])

    init(limit: Int?, trustedProxies: [AddressRange], limitsLoopback: Bool) {
        self.limit = limit
        self.unlimited = trustedProxies + (limitsLoopback ? [] : ClientAddress.loopback)
    }

    /// Counts one more connection from `address`; false, counting nothing, when it already has `limit`.
    func open(_ address: String) -> Bool {
        guard let limit, !unlimited.contain(address) else { return true }
        return open.withLock { counts in
            let count = counts[address, default: 0]
            guard count < limit else { return false }
            counts[address] = count + 1
            return true
        }
    }

    /// Counts a connection from `address` closed.
    func close(_ address: String) {
        guard limit != nil, !unlimited.contain(address) else { return }
        open.withLock { counts in
            let count = counts[address, default: 0] - 1
            counts[address] = count > 0 ? count : nil
        }
    }

    /// Open connections from `address`, as counted.
    func count(_ address: String) -> Int {
        open.withLock { $0[address, default: 0] }
    }
}
