import Core
import Foundation
import Hummingbird
import JSON
import Ledger

/// Account changes from the web page, by an admin: `POST /api/accounts` creates one (`name`, `cash`,
/// `allow_short`), `PUT /api/current-account` (`account`) chooses the one webhooks without `account` trade.
struct AccountAdminController: Sendable {
    let gatekeeper: Gatekeeper
    let ledger: Ledger
    let events: EventHub

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/accounts") { request, context -> Response in
            _ = try await gatekeeper.admin(request, context)
            let body = try await JSONRequestBody(request, limit: 4096)
            let name = try body.requiredName("name")
            guard let cash = try body.decimal("cash") else { throw APIError.invalidField("cash", "is required", "必填") }
            let account = Account(name: name, cash: cash, allowsShortSelling: try body.bool("allow_short") ?? false)
            try await ledger.addAccount(account)
            await events.publish(["type": "accounts", "account": .string(name)])
            guard let statement = try await ledger.statement(account: name) else { throw APIError.storageUnavailable }
            return .json(statement.json, status: .created)
        }
        router.put("/api/current-account") { request, context -> Response in
            _ = try await gatekeeper.admin(request, context)
            let name = try await JSONRequestBody(request, limit: 4096).requiredName("account")
            try await ledger.setCurrentAccount(name)
            await events.publish(["type": "current_account", "account": .string(name)])
            return .json(["current_account": .string(name)])
        }
    }

}
