import HTTPTypes
import Hummingbird
import JSON

extension Response {
    /// A JSON response with the given status.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serializedBytes)))
    }
}

extension HTTPField.Name {
    static let webhookToken = HTTPField.Name("X-Webhook-Token")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let webhookID = HTTPField.Name("webhook-id")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
