import Adapters
import Foundation
import Ledger
import Synchronization

/// The adapter rules in force and what is built from them, swapped whole when they are reloaded: a request takes
/// `current` once and uses that one set to the end, so it never sees half of a rule set.
public final class LiveRules: Sendable {
    /// One loaded rule set, ready to serve.
    public struct Current: Sendable {
        public let rules: AdapterSet
        let normalizer: Normalizer
        let webhookGuard: WebhookGuard
        public let loadedAt: Date
    }

    /// The last reload's failure, kept until one succeeds.
    public struct Failure: Sendable, Equatable {
        public let message: String
        public let at: Date
    }

    private let state: Mutex<(current: Current, failure: Failure?)>
    /// Where the rules came from, for `GET /api/adapters`.
    public let source: String
    let configuration: ServerConfiguration
    let accountTokens: any AccountTokenStore
    /// Shared by every rules generation, so a reload does not forget what it read.
    let tokenPresence: AccountTokenPresence

    /// - throws: `ConfigurationProblem` when an adapter's signing secret is missing or unusable.
    init(configuration: ServerConfiguration, accountTokens: any AccountTokenStore) throws {
        self.configuration = configuration
        self.accountTokens = accountTokens
        self.tokenPresence = AccountTokenPresence(accountTokens)
        self.source = configuration.rulesSource
        state = Mutex(
            (try Self.build(configuration.rules, configuration: configuration, accountTokens: accountTokens, tokenPresence: tokenPresence), nil)
        )
    }

    public var current: Current { state.withLock { $0.current } }
    public var failure: Failure? { state.withLock { $0.failure } }

    /// Serves `rules` from now on, or keeps the old ones and records why not.
    @discardableResult
    public func replace(with rules: Result<AdapterSet, any Error>, at time: Date = Date()) -> Failure? {
        do {
            let built = try Self.build(try rules.get(), configuration: configuration, accountTokens: accountTokens, tokenPresence: tokenPresence)
            state.withLock { $0 = (built, nil) }
            return nil
        } catch {
            let failure = Failure(message: "\(error)", at: time)
            state.withLock { $0.failure = failure }
            return failure
        }
    }

    private static func build(
        _ rules: AdapterSet,
        configuration: ServerConfiguration,
        accountTokens: any AccountTokenStore,
        tokenPresence: AccountTokenPresence
    ) throws -> Current {
        var configuration = configuration
        configuration.rules = rules
        return Current(
            rules: rules,
            normalizer: Normalizer(rules: rules),
            webhookGuard: try WebhookGuard(configuration: configuration, accountTokens: accountTokens, tokenPresence: tokenPresence),
            loadedAt: Date()
        )
    }
}
