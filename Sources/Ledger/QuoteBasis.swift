import Core
import Foundation

/// What a quote is made against, read in one visit to the ledger's writer: the account as the writer sees it, the
/// engine that would fill the signal, and the last prices that value the account's other positions. Not a snapshot
/// when storage must be read: each piece is as committed when it was read.
public struct QuoteBasis: Sendable {
    /// The account's name: the one asked for, else the current account's; empty when that could not be read.
    public var accountName: String
    /// Nil when there is no such account, when it was not asked for, or when storage could not be read.
    public var account: Account?
    public var engine: Engine
    public var marks: [String: Decimal]
}

extension Ledger {
    /// The basis for quoting a signal on the account named `name` (nil: the current account), in one hop to the
    /// writer rather than one per piece; `loadingAccount` false skips loading the account.
    public func quoteBasis(account name: String?, loadingAccount: Bool = true) async -> QuoteBasis {
        var accountName = name
        if accountName == nil { accountName = try? await currentAccountName() }
        return QuoteBasis(
            accountName: accountName ?? "",
            account: loadingAccount ? try? await account(named: accountName ?? "") : nil,
            engine: engine,
            marks: (try? await marks()) ?? [:]
        )
    }
}
