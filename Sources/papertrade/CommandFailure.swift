import ArgumentParser
import Foundation

/// Ends a command with a one-line message on standard error and an exit code.
struct CommandFailure: Error {
    static let badInput: Int32 = 2

    let message: String
    let code: Int32

    init(_ message: String, code: Int32 = CommandFailure.badInput) {
        self.message = message
        self.code = code
    }

    /// Prints the message and returns the exit code to throw.
    func exit() -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(code)
    }
}

/// Reads a whole file, or standard input for `-`.
func readInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("\(path): no such file or not readable")
    }
    return data
}
