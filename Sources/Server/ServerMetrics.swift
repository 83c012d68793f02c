import Core
import Ledger
import Prometheus

/// What the server counts and times, served at `GET /metrics` in Prometheus' text format.
public final class ServerMetrics: LedgerObserver {
    private let registry = PrometheusCollectorRegistry()
    private let batchSizes: ValueHistogram
    private let failedBatches: Counter
    /// Each label set's metrics, made once: a request neither looks them up by name nor validates the name again.
    /// The registry gives back the same metric for the same name and labels, so a memo that starts over loses nothing.
    private let requestMetrics = BoundedMemo<RequestLabels, RequestMetrics>()
    private let orderCounters = BoundedMemo<String, Counter>()

    public init() {
        batchSizes = registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "papertrade_commit_batch",
                unitName: "writes",
                helpText: "Writes per committed transaction of the ledger's group commit"
            ),
            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256]
        )
        failedBatches = registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "papertrade_commit_failures", unitName: "total", helpText: "Ledger transactions that failed")
        )
    }

    /// One webhook request: its adapter (or `none`), outcome code, status and time taken.
    func request(adapter: String?, outcome: String, status: Int, seconds: Double) {
        let labels = RequestLabels(adapter: adapter ?? "none", outcome: outcome, status: status)
        let metrics = requestMetrics.value(for: labels) {
            RequestMetrics(
                count: registry.makeCounter(
                    descriptor: MetricNameDescriptor(
                        metricName: "papertrade_webhook_requests",
                        unitName: "total",
                        helpText: "Webhook requests by adapter, outcome and status"
                    ),
                    labels: [("adapter", labels.adapter), ("outcome", labels.outcome), ("status", String(labels.status))]
                ),
                latency: registry.makeValueHistogram(
                    descriptor: MetricNameDescriptor(
                        metricName: "papertrade_webhook",
                        unitName: "seconds",
                        helpText: "Webhook request latency, from arrival to reply"
                    ),
                    labels: [("adapter", labels.adapter)],
                    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
                )
            )
        }
        metrics.count.increment()
        metrics.latency.record(seconds)
    }

    /// Orders recorded, webhook or manual, by status.
    func orders(status: String, count: Int = 1) {
        orderCounters.value(for: status) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(metricName: "papertrade_orders", unitName: "total", helpText: "Orders recorded by status"),
                labels: [("status", status)]
            )
        }
        .increment(by: Int64(count))
    }

    /// The labels of one webhook request's metrics.
    private struct RequestLabels: Hashable {
        var adapter: String
        var outcome: String
        var status: Int
    }

    /// One label set's request count and latency.
    private struct RequestMetrics {
        let count: Counter
        let latency: ValueHistogram
    }

    /// Marks taken, and marks older than their symbol's latest (or repeated), which changed nothing.
    func marks(applied: Int, stale: Int) {
        for (outcome, count) in [("applied", applied), ("stale", stale)] where count > 0 {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(metricName: "papertrade_marks", unitName: "total", helpText: "Price marks received, by outcome"),
                labels: [("outcome", outcome)]
            )
            .increment(by: Int64(count))
        }
    }

    /// A request refused before it was read, or a refusal the log had no room for.
    func dropped(_ reason: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "papertrade_requests_not_logged",
                unitName: "total",
                helpText: "Webhook requests written neither to standard error nor to the delivery log, by reason"
            ),
            labels: [("reason", reason)]
        )
        .increment()
    }

    /// A connection the server closed: past its address's limit, silent too long, or its request past its deadline.
    func connectionClosed(_ reason: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "papertrade_connections_closed",
                unitName: "total",
                helpText: "Connections the server closed to keep them from holding it, by reason"
            ),
            labels: [("reason", reason)]
        )
        .increment()
    }

    /// A reload of the rules and instruments.
    func reload(succeeded: Bool) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "papertrade_reloads", unitName: "total", helpText: "Reloads of the rules and instruments"),
            labels: [("result", succeeded ? "ok" : "failed")]
        ).increment()
    }

    public func committed(batch size: Int) {
        batchSizes.record(Double(size))
    }

    public func failed(batch size: Int) {
        failedBatches.increment()
    }

    /// Everything, in Prometheus' text exposition format.
    var text: String { registry.emitToString() }
}
