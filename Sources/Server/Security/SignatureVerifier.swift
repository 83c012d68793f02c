import Adapters
import Crypto
import Foundation
import HTTPTypes

/// Checks a request's HMAC-SHA256 signature over its raw bytes, in constant time, by an adapter's scheme.
struct SignatureVerifier: Sendable {
    /// Why a signature was refused.
    enum Failure: Error, Equatable {
        case missing(String)
        case malformed(String)
        case stale(seconds: Int, tolerance: Int)
        case mismatch
    }

    let rule: SignatureRule
    private let key: SymmetricKey

    /// A verifier with `secret`: for Standard Webhooks `whsec_` and base64, for GitHub the text itself.
    /// - throws: a reason when the secret cannot be used.
    init(rule: SignatureRule, secret: String) throws(ConfigurationProblem) {
        self.rule = rule
        switch rule.scheme {
        case .standardWebhooks:
            guard secret.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(secret.dropFirst(6))), bytes.count >= 16 else {
                throw ConfigurationProblem("\(rule.secretVariable) must be a Standard Webhooks secret: whsec_ and at least 16 bytes in base64")
            }
            key = SymmetricKey(data: bytes)
        case .github:
            guard secret.utf8.count >= 16 else { throw ConfigurationProblem("\(rule.secretVariable) must be at least 16 characters") }
            key = SymmetricKey(data: Array(secret.utf8))
        }
    }

    /// Nil when the request is signed as the scheme requires; otherwise why not.
    func failure(headers: HTTPFields, body: some Collection<UInt8>, now: Date = Date()) -> Failure? {
        switch rule.scheme {
        case .standardWebhooks: standardWebhooksFailure(headers: headers, body: body, now: now)
        case .github: githubFailure(headers: headers, body: body)
        }
    }

    private func standardWebhooksFailure(headers: HTTPFields, body: some Collection<UInt8>, now: Date) -> Failure? {
        guard let id = headers[.webhookID] else { return .missing("webhook-id") }
        guard let timestamp = headers[.webhookTimestamp] else { return .missing("webhook-timestamp") }
        guard let signatures = headers[.webhookSignature] else { return .missing("webhook-signature") }
        // At most 11 digits: any time until the year 5138, and no arithmetic that can overflow.
        guard timestamp.count <= 11, let seconds = Int(timestamp), seconds >= 0 else {
            return .malformed("webhook-timestamp must be whole seconds since 1970")
        }
        let age = Int(now.timeIntervalSince1970) - seconds
        guard abs(age) <= rule.tolerance else { return .stale(seconds: age, tolerance: rule.tolerance) }
        let signed = Array("\(id).\(timestamp).".utf8) + Array(body)
        // Several signatures (key rotation): any one valid is enough. A few at most, and the MAC computed once.
        let candidates = signatures.split(separator: " ").prefix(Self.maximumSignatures).compactMap { entry -> Data? in
            let parts = entry.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1" else { return nil }
            return Data(base64Encoded: String(parts[1]))
        }
        guard !candidates.isEmpty else { return .malformed("webhook-signature must hold 'v1,<base64>' signatures") }
        let expected = Data(HMAC<SHA256>.authenticationCode(for: signed, using: key))
        return candidates.contains { Self.constantTimeEqual($0, expected) } ? nil : .mismatch
    }

    private func githubFailure(headers: HTTPFields, body: some Collection<UInt8>) -> Failure? {
        guard let header = headers[.hubSignature256] else { return .missing("X-Hub-Signature-256") }
        guard header.hasPrefix("sha256="), let signature = Self.bytes(hex: header.dropFirst(7)) else {
            return .malformed("X-Hub-Signature-256 must be sha256=<64 hex digits>")
        }
        return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Array(body), using: key) ? nil : .mismatch
    }

    /// Signatures looked at per request: enough for key rotation, too few to make checking expensive.
    static let maximumSignatures = 5

    /// Whether two byte strings are equal, in time that depends only on their lengths.
    private static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }

    private static func bytes(hex: Substring) -> Data? {
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return Data(bytes)
    }
}

/// A setting the server cannot start with, said in a sentence.
public struct ConfigurationProblem: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension HTTPField.Name {
    static let webhookTimestamp = HTTPField.Name("webhook-timestamp")!
    static let webhookSignature = HTTPField.Name("webhook-signature")!
    static let hubSignature256 = HTTPField.Name("X-Hub-Signature-256")!
}
