import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to a loopback server that sends exactly the bytes a test gives it, as a slow or broken client
/// would, and tells when the server has closed it. Its waits block a thread of their own, never one of the
/// concurrency pool's (two on this machine), where the server under test runs.
///
/// `@unchecked Sendable`: one test uses it at a time, and a wait runs alone on its thread until it returns.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32

    /// Connects to `127.0.0.1:port`, from `source` when given (any address of 127.0.0.0/8 is this machine).
    init(port: Int, source: String? = nil) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure("socket: \(errno)") }
        if let source {
            var local = Self.address(source, port: 0)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw Failure("bind \(source): \(errno)") }
        }
        var remote = Self.address("127.0.0.1", port: port)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connect: \(errno)") }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let sent = text.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        guard sent >= 0 else { throw Failure("send: \(errno)") }
    }

    /// What the server sends within `seconds`, until it has sent `until` (or closed the connection).
    func receive(until marker: String, within seconds: Double) async -> String {
        await Self.onAThreadOfItsOwn { self.blockingReceive(until: marker, within: seconds) }
    }

    /// Whether the server closes the connection (or resets it) within `seconds`, reading and dropping what it sends.
    func isClosed(within seconds: Double) async -> Bool {
        await Self.onAThreadOfItsOwn { self.blockingIsClosed(within: seconds) }
    }

    private static func onAThreadOfItsOwn<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in Thread { continuation.resume(returning: work()) }.start() }
    }

    private func blockingReceive(until marker: String, within seconds: Double) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !String(decoding: received, as: UTF8.self).contains(marker) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { continue }
            let read = recv(descriptor, &buffer, buffer.count, 0)
            if read <= 0 { break }
            received += buffer[0..<read]
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func blockingIsClosed(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            guard ready > 0 else { continue }
            let read = recv(descriptor, &buffer, buffer.count, 0)
            if read <= 0 { return true }
        }
        return false
    }

    private static func address(_ text: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, text, &address.sin_addr)
        return address
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
