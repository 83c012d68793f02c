import Core
import Foundation

/// Runs the examples embedded in adapter rules and reports each one that does not hold.
public struct ExampleRunner: Sendable {
    /// One example whose outcome differs from what it expects.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public var adapter: String
        public var example: String
        public var location: String
        public var problem: String
        public var description: String { "\(location): adapter '\(adapter)', example '\(example)': \(problem)" }
    }

    public let normalizer: Normalizer

    public init(rules: AdapterSet) {
        self.normalizer = Normalizer(rules: rules)
    }

    /// The number of examples run, and the failures among them.
    public func run() -> (count: Int, failures: [Failure]) {
        var count = 0
        var failures: [Failure] = []
        for adapter in normalizer.rules.adapters {
            for example in adapter.examples {
                count += 1
                if let problem = problem(with: example, of: adapter) {
                    failures.append(Failure(adapter: adapter.name, example: example.name, location: example.location, problem: problem))
                }
            }
        }
        return (count, failures)
    }

    private func problem(with example: Example, of adapter: Adapter) -> String? {
        let result = normalizer.normalize(body: Array(example.body.utf8), adapter: example.selectsByName ? adapter.name : nil)
        if let chosen = result.adapter, chosen != adapter.name {
            let readBy = "the payload was read by adapter '\(chosen)', not '\(adapter.name)'"
            if let why = Self.whyNotMatched(example, by: adapter) { return "\(readBy): \(why)" }
            return "\(readBy), which comes first and matches it too (add by_name: true to select it by name)"
        }
        switch (example.expectation, result.outcome) {
        case (.error(let code), .failure(let error)):
            return error.code == code ? nil : "expected error \(code), got \(error.code): \(error.message.english)"
        case (.error(let code), .success(let signal)):
            return "expected error \(code), got a signal: \(signal.summary)"
        case (.signal, .failure(let error)):
            return "expected a signal, got error \(error.code): \(error.message.english)"
        case (.signal(let expected), .success(let signal)):
            let mismatches = expected.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { field -> String? in
                // The quantity and sizing are the signal's: an exit without a quantity takes the whole position.
                let parsed: ParsedValue? =
                    switch field {
                    case .qty: .number(signal.quantity)
                    case .sizing: .sizing(signal.sizing)
                    case .side: signal.intent == .trade ? .side(signal.side) : nil
                    default: result.fields.first { $0.field == field }?.parsed
                    }
                return matches(expected[field]!, parsed) ? nil : "\(field.rawValue) is \(parsed?.text ?? "absent"), expected \(expected[field]!)"
            }
            return mismatches.isEmpty ? nil : mismatches.joined(separator: "; ")
        }
    }

    /// Why the adapter's own match rule does not hold for its example, at the condition's line, and when the
    /// condition can never hold on the adapter's bodies, that too; nil when it holds.
    private static func whyNotMatched(_ example: Example, by adapter: Adapter) -> String? {
        guard let match = adapter.match else { return nil }
        let body = Body(Array(example.body.utf8))
        let document = match.readsPaths ? adapter.format.read(body) : nil
        if case .failure(let error)? = document { return "its body format cannot read it: \(error.shortReason)" }
        guard let mismatch = match.mismatch(body: body, document: try? document?.get()) else { return nil }
        let location = mismatch.conditionKey.flatMap { adapter.matchLocations[$0] }.map { " (the condition at \($0))" } ?? ""
        var why = "its match rule does not hold for it\(location): \(mismatch)"
        if let never = neverHolds(mismatch, format: adapter.format) { why += "; \(never)" }
        return why
    }

    /// Why a condition that failed can never hold on what the adapter reads, when that is so.
    private static func neverHolds(_ mismatch: MatchCondition.Mismatch, format: BodyFormat) -> String? {
        switch (mismatch, format) {
        case (.bodyIsJSON(false), .delimited), (.bodyIsJSON(false), .lines), (.bodyIsJSON(false), .regex):
            return "'body: json' can never hold for this adapter's text bodies: leave it out, or match the text with body_regex"
        case (.bodyIsJSON(true), .json):
            return "'body: text' can never hold for a JSON adapter, which reads only JSON bodies"
        case (.missing(let path), .delimited), (.missing(let path), .lines):
            guard path.contains(".") else { return nil }
            return "a text body is never nested: '\(path)' is found only as a key written '\(path)=…'; name a position, a column or a key"
        default: return nil
        }
    }

    /// Numbers compare by value (`185.50` is `185.5`), everything else as text.
    private func matches(_ expected: String, _ parsed: ParsedValue?) -> Bool {
        switch parsed {
        case .number(let number)?: Decimal(exactly: expected) == number
        case let value?: value.text == expected
        case nil: false
        }
    }
}
