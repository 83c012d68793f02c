import JSON

/// A payload embedded in adapters.yaml with the outcome it must have; `papertrade check` runs it.
public struct Example: Sendable, Equatable {
    public enum Expectation: Sendable, Equatable {
        /// Expected signal fields as texts, compared by value (`185.50` equals `185.5`).
        case signal([TargetField: String])
        /// The expected error code.
        case error(String)
    }

    public var name: String
    /// The raw body to send: JSON text.
    public var body: String
    /// Select the adapter by name instead of by its match rule.
    public var selectsByName: Bool
    public var expectation: Expectation
    /// Where the example starts in its file, `FILE:LINE:COLUMN`.
    public var location: String

    public init(name: String, body: String, selectsByName: Bool, expectation: Expectation, location: String) {
        self.name = name
        self.body = body
        self.selectsByName = selectsByName
        self.expectation = expectation
        self.location = location
    }
}
