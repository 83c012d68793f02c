import Adapters
import Core
import Foundation
import Ledger
import Logging
import ServiceLifecycle
import UnixSignals

/// How to load the rules and the instruments again while the server runs, and which files to watch.
public struct ReloadSources: Sendable {
    public var rules: @Sendable () throws -> AdapterSet
    public var executionModel: @Sendable () throws -> ExecutionModel
    /// Files whose change triggers a reload; the rules and instruments files the server read.
    public var files: [String]
    /// How often the files are looked at; nil to reload only on SIGHUP.
    public var pollInterval: Duration?

    public init(
        rules: @escaping @Sendable () throws -> AdapterSet,
        executionModel: @escaping @Sendable () throws -> ExecutionModel,
        files: [String],
        pollInterval: Duration? = .seconds(2)
    ) {
        self.rules = rules
        self.executionModel = executionModel
        self.files = files
        self.pollInterval = pollInterval
    }
}

/// Reloads the rules and the instruments on SIGHUP and when their files change: both are loaded and checked first,
/// then swapped in; when either is invalid the old ones keep serving and the error is logged and kept for
/// `GET /api/adapters`.
struct RulesReloadService: Service {
    let sources: ReloadSources
    let rules: LiveRules
    let ledger: Ledger
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        // Both triggers feed one queue, and one loop reloads: two reloads never overlap or finish out of order.
        let (triggers, trigger) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() { trigger.yield("SIGHUP") }
            }
            if let interval = sources.pollInterval {
                group.addTask {
                    var seen = fingerprints()
                    while !Task.isCancelled, !Task.isShuttingDownGracefully {
                        try? await Task.sleep(for: interval)
                        let now = fingerprints()
                        if now != seen {
                            seen = now
                            trigger.yield("a file changed")
                        }
                    }
                }
            }
            group.addTask {
                for await reason in triggers.cancelOnGracefulShutdown() { await reload(because: reason) }
            }
            try? await gracefulShutdown()
            trigger.finish()
            group.cancelAll()
        }
    }

    /// Loads both, and swaps both in only when both are valid.
    func reload(because reason: String) async {
        let loaded = Result { () throws -> (AdapterSet, ExecutionModel) in (try sources.rules(), try sources.executionModel()) }
        let failure = rules.replace(with: loaded.map(\.0))
        metrics.reload(succeeded: failure == nil)
        if let failure {
            logger.error("reload (\(reason)) failed; the previous rules and instruments keep serving: \(failure.message)")
            return
        }
        if case .success(let (_, model)) = loaded { await ledger.setEngine(Engine(model: model)) }
        logger.info("reloaded the rules and instruments (\(reason))")
    }

    /// Each watched file's modification time and size; nil for one that cannot be read.
    private func fingerprints() -> [String: String] {
        var result: [String: String] = [:]
        for file in sources.files {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[file] = "\(modified)/\(attributes?[.size] as? Int ?? -1)"
        }
        return result
    }
}
