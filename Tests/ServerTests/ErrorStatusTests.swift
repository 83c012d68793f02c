import Adapters
import Core
import HTTPTypes
import Ledger
import SQLiteLedger
import Testing

@testable import Server

/// Every refusal's status comes from its kind, so a new error cannot silently become a 400.
@Suite struct ErrorStatusTests {
    @Test(arguments: [
        (PayloadError.invalidBody(reason: LocalizedMessage(english: "x", chinese: "x")) as any CodedError, HTTPResponse.Status.badRequest),
        (PayloadError.unknownAdapter(name: "x"), .notFound),
        (PayloadError.missingField(.price, lookedFor: ["price"]), .badRequest),
        (TradeRejection.priceBelowTick(price: 0, tick: 1), .badRequest),
        (TradeRejection.insufficientFunds(needed: 2, available: 1), .unprocessableContent),
        (TradeRejection.nothingFilled(requested: 1, step: 100, minimum: 100), .unprocessableContent),
        (TradeRejection.amountTooLarge(value: 1), .unprocessableContent),
        (LedgerError.unknownAccount(name: "x"), .notFound),
        (LedgerError.idempotencyConflict(key: "k"), .conflict),
        (LedgerError.accountExists(name: "x"), .conflict),
        (LedgerError.storageUnavailable, .serviceUnavailable),
    ])
    func eachKindHasItsStatus(_ error: any CodedError, _ status: HTTPResponse.Status) {
        #expect(APIError(error).status == status, "\(error.code)")
        #expect(APIError(error).code == error.code)
    }
}
