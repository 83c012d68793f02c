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
            return "expected error \(code), got a signal: \(describe(signal))"
        case (.signal, .failure(let error)):
            return "expected a signal, got error \(error.code): \(error.message.english)"
        case (.signal(let expected), .success(let signal)):
            let mismatches = expected.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { field -> String? in
                let actual = value(of: field, in: signal)
                return matches(expected[field]!, actual, numeric: field == .qty || field == .price)
                    ? nil : "\(field.rawValue) is \(actual ?? "absent"), expected \(expected[field]!)"
            }
            return mismatches.isEmpty ? nil : mismatches.joined(separator: "; ")
        }
    }

    private func matches(_ expected: String, _ actual: String?, numeric: Bool) -> Bool {
        guard let actual else { return false }
        if numeric, let lhs = Decimal(exactly: expected), let rhs = Decimal(exactly: actual) { return lhs == rhs }
        return expected == actual
    }

    private func value(of field: TargetField, in signal: Signal) -> String? {
        switch field {
        case .symbol: signal.symbol
        case .side: signal.side.rawValue
        case .qty: signal.quantity.description
        case .price: signal.price.description
        case .account: signal.account
        case .id: signal.clientID
        }
    }

    private func describe(_ signal: Signal) -> String {
        "\(signal.side.rawValue) \(signal.quantity.description) \(signal.symbol) @ \(signal.price.description)"
    }
}
