import HTTPTypes
import Hummingbird
import JSON
import Ledger

extension Response {
    /// A JSON response with the given status.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        json(text: value.serialized, status: status, headers: headers)
    }

    static func json(text: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A reply kept for idempotent replays.
    static func stored(_ reply: StoredReply, replayed: Bool) -> Response {
        var headers = HTTPFields()
        if replayed { headers[.idempotentReplayed] = "true" }
        return json(text: reply.body, status: HTTPResponse.Status(code: reply.status), headers: headers)
    }
}

extension HTTPField.Name {
    static let webhookToken = HTTPField.Name("X-Webhook-Token")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let webhookID = HTTPField.Name("webhook-id")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
