/// A problem in an adapters file, located as `FILE:LINE:COLUMN`.
public struct RulesError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A rules file that cannot be loaded: every problem found in it, in file order.
public struct InvalidRules: Error, Equatable, CustomStringConvertible {
    public var errors: [RulesError]

    public init(_ errors: [RulesError]) {
        self.errors = errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// One `FILE:LINE:COLUMN: message` per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
