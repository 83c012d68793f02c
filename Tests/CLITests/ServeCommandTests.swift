import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite(.serialized) struct ServeCommandTests {
    @Test func refusesAPublicAddressWithoutAToken() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let output = try CommandRunner.run(["serve", "--host", "0.0.0.0", "--port", "0"], in: directory, environment: ["WEBHOOK_TOKEN": ""])
        #expect(output.status == 2)
        #expect(output.stderr.contains("refusing to listen on 0.0.0.0 without WEBHOOK_TOKEN"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("data").path))
    }

    @Test(arguments: [
        (["--fill-rate", "1.5"], "--fill-rate must be greater than 0 and at most 1"),
        (["--default-cash=-1"], "--default-cash must be from 0 to 1e15"),
        (["--default-cash", "1e38"], "--default-cash must be from 0 to 1e15"),
        (["--max-body-size", "0"], "--max-body-size must be from 1 to 16777216 bytes"),
        (["--price-tick", "0"], "--price-tick must be greater than 0"),
        (["--slippage-bps", "abc"], "--slippage-bps"),
    ])
    func badOptionsAreRefusedBeforeAnythingStarts(_ arguments: [String], _ message: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        let output = try CommandRunner.run(["serve", "--port", "0"] + arguments, in: directory)
        #expect(output.status != 0)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("data").path))
    }

    @Test func invalidRulesStopTheStartWithTheirLocation() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try "adapters:\n  - name: x\n    fields: {symbol: s, side: d, qty: q, price: p, colour: c}\n".write(
            to: directory.appendingPathComponent("adapters.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let output = try CommandRunner.run(["serve", "--port", "0"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("adapters.yaml:3:52: unknown key 'colour' in fields"))
    }

    @Test func servesWithTheDotEnvTokenAndShutsDownGracefullyKeepingEveryOrder() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        try "# local secrets\nexport WEBHOOK_TOKEN=\"dotenv-secret\"\n".write(
            to: directory.appendingPathComponent(".env"),
            atomically: true,
            encoding: .utf8
        )
        let server = try ServerProcess(directory: directory, arguments: ["--data", "ledger"], environment: ["WEBHOOK_TOKEN": nil])
        defer { server.stop() }
        try await server.waitUntilHealthy()
        #expect(server.banner.contains("rules: built-in rules"))
        #expect(server.banner.contains("token: on"))

        let unauthorized = try await server.post(#"{"symbol":"AAPL","side":"buy","qty":1,"price":185}"#)
        #expect(unauthorized.status == 401)
        #expect(try await server.post(#"{"symbol":"AAPL","side":"buy","qty":1,"price":185,"token":"dotenv-secret"}"#).status == 200)
        // SIGTERM arrives while orders are in flight: those acknowledged must all be in the ledger afterwards.
        let acknowledged = await withTaskGroup(of: Int?.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let reply = try? await server.post(
                        #"{"symbol":"AAPL","side":"buy","qty":1,"price":185,"token":"dotenv-secret","id":"n\#(index)"}"#
                    )
                    return reply?.status == 200 ? index : nil
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(20))
                kill(server.process.pid, SIGTERM)
                return nil
            }
            return await group.reduce(into: 0) { $0 += $1 == nil ? 0 : 1 }
        }
        #expect(server.process.wait() == 0)

        let list = try CommandRunner.run(["account", "list", "--data", "ledger"], in: directory)
        #expect(list.status == 0)
        let cashText = try #require(list.stdout.firstMatch(of: /default\tcash ([0-9.]+)\t/)?.1)
        let filledInLedger = (Decimal(100_000) - Decimal(string: String(cashText))!) / Decimal(string: "185.28")!
        #expect(filledInLedger >= Decimal(acknowledged + 1), "\(acknowledged) acknowledged, \(filledInLedger) in the ledger")
        #expect(list.stdout.contains("positions 1"))
    }

    @Test func aSecondServerOnTheSameDataDirectoryIsRefused() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        let environment: [String: String?] = ["WEBHOOK_TOKEN": "", "PAPERTRADE_DATA": "d"]
        let first = try ServerProcess(directory: directory, arguments: [], environment: environment)
        defer { first.stop() }
        try await first.waitUntilHealthy()
        let second = try CommandRunner.run(["serve", "--port", "0"], in: directory, environment: ["WEBHOOK_TOKEN": "", "PAPERTRADE_DATA": "d"])
        #expect(second.status == 2)
        #expect(
            second.stderr.contains("Another papertrade server (process \(first.process.pid)) is using the data directory 'd'"),
            "\(second.stderr)"
        )
        #expect(try await first.post(seedBody).status == 200)
        #expect(first.terminate() == 0)
        // Once the first has stopped, the directory is free again.
        let third = try ServerProcess(directory: directory, arguments: [], environment: environment)
        defer { third.stop() }
        try await third.waitUntilHealthy()
        #expect(third.terminate() == 0)
    }

    @Test func accountsAddedFromTheCommandLineAreUsableByARunningServer() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        let server = try ServerProcess(directory: directory, arguments: [], environment: ["WEBHOOK_TOKEN": "", "PAPERTRADE_DATA": "d"])
        defer { server.stop() }
        try await server.waitUntilHealthy()
        let body = #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50,"account":"策略A"}"#
        #expect(try await server.post(body).status == 404)
        let add = try CommandRunner.run(["account", "add", "策略A", "--cash", "50000"], in: directory, environment: ["PAPERTRADE_DATA": "d"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "added account '策略A' with cash 50000\n")
        let again = try CommandRunner.run(["account", "add", "策略A", "--cash", "1"], in: directory, environment: ["PAPERTRADE_DATA": "d"])
        #expect(again.status == 1)
        #expect(again.stderr == "Account '策略A' already exists\n")
        let badCash = try CommandRunner.run(["account", "add", "x", "--cash", "lots"], in: directory, environment: ["PAPERTRADE_DATA": "d"])
        #expect(badCash.status != 0)
        // An amount storage could not read back is refused before anything is written.
        let hugeCash = try CommandRunner.run(["account", "add", "huge", "--cash", "1e38"], in: directory, environment: ["PAPERTRADE_DATA": "d"])
        #expect(hugeCash.status != 0)
        #expect(hugeCash.stderr.contains("--cash must be from 0 to 1e15, got 100000000000000000000000000000000000000"), "\(hugeCash.stderr)")
        let filled = try await server.post(body)
        #expect(filled.status == 200)
        #expect(filled.body.contains(#""account":"策略A""#))
        #expect(server.terminate() == 0)
    }
}

extension ServeCommandTests {
    @Test func sighupReloadsTheRulesAndAnInvalidFileKeepsTheOldOnes() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        let rules = directory.appendingPathComponent("rules.yaml")
        func write(_ name: String) throws {
            try "version: 1\nadapters:\n  - name: \(name)\n    fields: {symbol: symbol, side: side, qty: qty, price: price}\n"
                .write(to: rules, atomically: true, encoding: .utf8)
        }
        try write("before")
        // No watching: only the signal reloads.
        let server = try ServerProcess(
            directory: directory,
            arguments: ["--adapters", rules.path, "--watch-interval", "0"],
            environment: ["WEBHOOK_TOKEN": "", "PAPERTRADE_DATA": "d"]
        )
        defer { server.stop() }
        try await server.waitUntilHealthy()
        func adapter() async throws -> String? {
            let reply = try await server.post(seedBody)
            return (try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])?["adapter"] as? String
        }
        #expect(try await adapter() == "before")
        try write("after")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await adapter() == "before", "nothing reloads without the signal")
        kill(server.process.pid, SIGHUP)
        let deadline = ContinuousClock.now + .seconds(10)
        while try await adapter() != "after" {
            try #require(ContinuousClock.now < deadline, "SIGHUP did not reload the rules")
            try await Task.sleep(for: .milliseconds(100))
        }
        try "adapters: [".write(to: rules, atomically: true, encoding: .utf8)
        kill(server.process.pid, SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await adapter() == "after", "an invalid file changes nothing")
        #expect(server.terminate() == 0)
    }
}

private let seedBody = #"{"symbol":"AAPL","side":"buy","qty":100,"price":185.50}"#

/// A `papertrade serve` process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    // `process` is set once in init and only read afterwards.
    let process: ChildProcess
    let port: Int

    init(directory: URL, arguments: [String], environment: [String: String?]) throws {
        port = try ServerProcess.freePort()
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process = try ChildProcess(
            CommandRunner.executable,
            arguments: ["serve", "--port", String(port)] + arguments,
            in: directory,
            environment: variables,
            mergingOutput: true
        )
        process.finishInput(nil)
    }

    /// The first line the server printed.
    private(set) var banner = ""

    func waitUntilHealthy() async throws {
        for _ in 0..<200 {
            if let (status, _) = try? await request("GET", "/healthz", body: nil), status == 200 {
                banner = process.availableOutput()
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CommandFailureForTest("server did not become healthy on port \(port)")
    }

    func post(_ body: String, path: String = "/api/webhook") async throws -> (status: Int, body: String) {
        try await request("POST", path, body: body)
    }

    private func request(_ method: String, _ path: String, body: String?) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? -1, String(decoding: data, as: UTF8.self))
    }

    /// Sends SIGTERM and returns the exit status.
    func terminate() -> Int32 {
        process.signal(SIGTERM)
        return process.wait()
    }

    func stop() {
        if process.isRunning { _ = terminate() }
    }

    /// A port the kernel just handed out on 127.0.0.1, released for the server to take.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailureForTest("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw CommandFailureForTest("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct CommandFailureForTest: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
