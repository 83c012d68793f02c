import Foundation

/// Runs the built `papertrade` executable and captures what it prints.
struct CommandRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, where the shipped adapters.yaml is.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle in the build folder.
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("papertrade").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("papertrade")
    }

    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        in directory: URL = packageRoot,
        environment: [String: String] = [:]
    ) throws -> Output {
        let child = try ChildProcess(
            executable,
            arguments: arguments,
            in: directory,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }
        )
        child.finishInput(stdin)
        let (stdout, stderr) = child.readToEnd()
        return Output(status: child.wait(), stdout: stdout, stderr: stderr)
    }

    /// A new empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("papertrade-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
