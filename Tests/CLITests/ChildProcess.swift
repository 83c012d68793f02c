import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its standard streams on pipes of its own.
///
/// Not Foundation's `Process`: on Linux its `run()` reads `/proc/self/fd` with a 256-byte copy of each directory entry
/// and crashes now and then when an entry ends near an unmapped page (swift-corelibs-foundation #5472, fixed after
/// Swift 6.3), which a test process holding many sockets meets.
///
/// `@unchecked Sendable`: its descriptors are set in init; `wait()` and `signal(_:)` are safe from any thread.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// The write end of the child's standard input, nil once closed.
    private(set) var input: Int32?
    /// The read ends of its standard output and error; one pipe for both when the output is merged.
    let output: Int32
    let error: Int32?
    private let exit = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments` in `directory` and `environment`; with `mergingOutput`, its standard error
    /// goes where its output goes.
    init(_ executable: URL, arguments: [String], in directory: URL, environment: [String: String], mergingOutput: Bool = false) throws {
        let stdin = try Self.pipe()
        let stdout = try Self.pipe()
        let stderr = mergingOutput ? nil : try Self.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The pipes are close-on-exec: only their copies on 0, 1 and 2 reach the child.
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr?.write ?? stdout.write, 2)
        guard Self.addChangeDirectory(&actions, directory.path) == 0 else {
            throw CommandFailureForTest("posix_spawn_file_actions_addchdir_np failed")
        }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable.path, &actions, nil, argv, envp)
        for descriptor in [stdin.read, stdout.write, stderr?.write].compactMap({ $0 }) { close(descriptor) }
        guard spawned == 0 else {
            for descriptor in [stdin.write, stdout.read, stderr?.read].compactMap({ $0 }) { close(descriptor) }
            throw CommandFailureForTest("posix_spawn \(executable.path): \(String(cString: strerror(spawned)))")
        }
        pid = child
        input = stdin.write
        output = stdout.read
        error = stderr?.read
    }

    deinit {
        for descriptor in [input, output, error].compactMap({ $0 }) { close(descriptor) }
    }

    /// Writes `text` to the child's standard input and closes it.
    func finishInput(_ text: String?) {
        guard let input else { return }
        if let text {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                bytes = bytes.dropFirst(written)
            }
        }
        close(input)
        self.input = nil
    }

    /// Everything the child writes to its output and error until it closes them, read together so that neither pipe
    /// fills while the other is read.
    func readToEnd() -> (output: String, error: String) {
        var open = [output, error].compactMap { $0 }
        var read: [Int32: [UInt8]] = [:]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var pollers = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&pollers, nfds_t(pollers.count), -1) > 0 else { continue }
            for poller in pollers where poller.revents != 0 {
                let count = Glibc.read(poller.fd, &buffer, buffer.count)
                if count > 0 { read[poller.fd, default: []] += buffer[0..<count] } else { open.removeAll { $0 == poller.fd } }
            }
        }
        return (String(decoding: read[output] ?? [], as: UTF8.self), String(decoding: error.flatMap { read[$0] } ?? [], as: UTF8.self))
    }

    /// What the child has written to its output so far, without waiting for more.
    func availableOutput() -> String {
        var read: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 0) > 0 else { break }
            let count = Glibc.read(output, &buffer, buffer.count)
            if count <= 0 { break }
            read += buffer[0..<count]
        }
        return String(decoding: read, as: UTF8.self)
    }

    func signal(_ signal: Int32) {
        if exit.withLock({ $0 == nil }) { kill(pid, signal) }
    }

    /// Waits for the child to exit: its exit status, or 128 plus the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        if let status = exit.withLock({ $0 }) { return status }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let code = Self.code(of: status)
        exit.withLock { $0 = code }
        return code
    }

    /// Whether the child is still running.
    var isRunning: Bool {
        if exit.withLock({ $0 != nil }) { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        exit.withLock { $0 = Self.code(of: status) }
        return false
    }

    /// The exit status in a `waitpid` status, or 128 plus the signal that ended the child (WIFEXITED, WEXITSTATUS and
    /// WTERMSIG, which Swift does not import).
    private static func code(of status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
    }

    /// A pipe whose ends are close-on-exec from the start, so that no child spawned meanwhile by another test inherits
    /// them.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipeWithFlags(&ends, O_CLOEXEC) == 0 else { throw CommandFailureForTest("pipe2: \(errno)") }
        return (ends[0], ends[1])
    }

    // glibc's GNU functions, which the Glibc module leaves out, found by name (glibc 2.29 and later have both).
    private static let pipeWithFlags = function("pipe2", as: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    private static let addChangeDirectory = function(
        "posix_spawn_file_actions_addchdir_np",
        as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self
    )

    private static func function<F>(_ name: String, as type: F.Type) -> F {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("the C library has no \(name): the CLI tests need glibc 2.29 or later")
        }
        return unsafeBitCast(symbol, to: type)
    }
}
