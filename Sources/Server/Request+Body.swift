import Hummingbird

extension Request {
    /// The whole body, refused as `body_too_large` beyond `limit` bytes.
    mutating func body(upTo limit: Int) async throws(APIError) -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }

    /// The `Idempotency-Key` header, checked: 1 to 256 characters.
    var idempotencyKey: String? {
        get throws(APIError) {
            guard let key = headers[.idempotencyKey] else { return nil }
            guard !key.isEmpty, key.count <= 256 else {
                throw APIError.invalidParameter("Idempotency-Key", "must be 1 to 256 characters", "长度必须为 1 到 256 个字符")
            }
            return key
        }
    }
}
