import Adapters
import Hummingbird
import Ledger

/// `POST /api/dry-run[?adapter=NAME]`: what a pasted payload would do, for the web page's dry-run box. The same
/// answer as `/api/webhook?dry_run=true`, for a signed-in user instead of the webhook token; nothing is recorded.
struct DryRunController: Sendable {
    let configuration: ServerConfiguration
    let gatekeeper: Gatekeeper
    let ledger: Ledger
    let rules: LiveRules

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/dry-run") { request, context -> Response in
            _ = try await gatekeeper.reader(request, context)
            var request = request
            let body = try await request.body(upTo: configuration.maxBodySize)
            let adapter = try request.uri.queryParameters.get("adapter")?.isEmpty == false ? request.name(query: "adapter") : nil
            let dryRun = await DryRun(rules.current.normalizer.normalize(body: body.readableBytesView, adapter: adapter), in: ledger)
            return .json(dryRun.json(language: request.language), status: dryRun.status)
        }
    }
}
