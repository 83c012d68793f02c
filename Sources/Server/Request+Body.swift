import Core
import HTTPTypes
import Hummingbird
import NIOCore

extension Request {
    /// The whole body: refused as `body_too_large` beyond `limit` bytes, `request_timeout` when its deadline passed
    /// first, and `incomplete_body` when the client went away before sending it all.
    mutating func body(upTo limit: Int) async throws(APIError) -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        } catch let timeout as ConnectionGuard.RequestTimeout {
            throw APIError.requestTimeout(seconds: timeout.seconds)
        } catch {
            throw APIError.incompleteBody(expected: headers[.contentLength])
        }
    }

    /// The `Idempotency-Key` header, checked: 1 to 256 characters.
    var idempotencyKey: String? {
        get throws(APIError) { try key(in: .idempotencyKey, named: "Idempotency-Key") }
    }

    /// The `webhook-id` header (Standard Webhooks' message id), checked like `Idempotency-Key`.
    var webhookID: String? {
        get throws(APIError) { try key(in: .webhookID, named: "webhook-id") }
    }

    /// A header that may serve as an idempotency key: 1 to 256 characters when present.
    private func key(in field: HTTPField.Name, named name: String) throws(APIError) -> String? {
        guard let key = headers[field] else { return nil }
        guard !key.isEmpty, key.count <= 256 else {
            throw APIError.invalidParameter(name, "must be 1 to 256 characters", "长度必须为 1 到 256 个字符")
        }
        return key
    }
}
