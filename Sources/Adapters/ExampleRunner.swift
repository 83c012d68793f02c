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
            return "the payload was read by adapter '\(chosen)', not '\(adapter.name)' (add by_name: true to select it by name)"
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

    /// Numbers compare by value (`185.50` is `185.5`), everything else as text.
    private func matches(_ expected: String, _ parsed: ParsedValue?) -> Bool {
        switch parsed {
        case .number(let number)?: Decimal(exactly: expected) == number
        case let value?: value.text == expected
        case nil: false
        }
    }
}
