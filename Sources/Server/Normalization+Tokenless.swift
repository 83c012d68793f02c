import Adapters
import JSON

extension Normalization {
    /// The body without the token it carries: a JSON object without its `token` and the adapter's token path (so that
    /// escapes cannot hide one), other text with its `token=...`, `"token": "..."` or `'token': '...'` values masked.
    var tokenlessBody: TokenlessBody {
        if case .success(let json) = body.json, case .object = json {
            var kept = json.removing(path: "token")
            if case .alias(let path) = tokenSource { kept = kept.removing(path: path) }
            return .json(kept)
        }
        return .text(Self.maskingTokenAssignments(in: String(decoding: body.bytes, as: UTF8.self)))
    }

    /// The body as the delivery log keeps it: without its token, and without what `scrub` finds in it. A JSON body's
    /// strings are scrubbed as decoded text, so that an escape before a credential (`\n`) cannot hide it; a text
    /// body is scrubbed before its token pieces are masked, so that a secret is found whole.
    func loggedBody(scrub: (String) -> String) -> String {
        switch tokenlessBody {
        case .json(let json): json.mappingStrings(scrub).serialized
        case .text: Self.maskingTokenAssignments(in: scrub(String(decoding: body.bytes, as: UTF8.self)))
        }
    }

    /// `text` with the values of its `token=...` pieces masked.
    private static func maskingTokenAssignments(in text: String) -> String {
        tokenAssignment.replacingMatches(in: text, with: "$1[redacted]")
    }

    /// What an idempotency key compares: the body without its token, a JSON document whatever order its keys came in.
    /// A resend that differs only in its token, or in the order of its keys, is the same request.
    var fingerprint: String {
        switch tokenlessBody {
        case .json(let json): Secret.digest(json.canonical.serialized)
        case .text(let text): Secret.digest(text)
        }
    }

    /// `token=VALUE`, `token: VALUE`, `"token": "VALUE"` or `'token': 'VALUE'` (any key ending in `token`) in a body
    /// that is not a JSON object.
    private static let tokenAssignment = try! Pattern(#"(?i)(["']?\b\w*token["']?\s*[=:]\s*["']?)[^"'\s,;|&}]+"#)
}

/// A body without its token, as the delivery log keeps it and an idempotency key compares it.
enum TokenlessBody {
    case json(JSON)
    case text(String)
}
