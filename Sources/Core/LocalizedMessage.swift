import Foundation

/// A user-facing message in every language the product speaks.
public struct LocalizedMessage: Sendable, Equatable, CustomStringConvertible {
    public var english: String
    public var chinese: String

    public init(english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    /// The message for a language: Chinese for `zh`, English otherwise.
    public func text(for language: Language) -> String {
        language == .chinese ? chinese : english
    }

    public var description: String { english }
}

/// A language a reply can be written in.
public enum Language: Sendable, Equatable {
    case english
    case chinese

    /// The language an `Accept-Language` header asks for; English unless Chinese comes first.
    public init(acceptLanguage header: String?) {
        let first = header?.split(separator: ",").first?.split(separator: ";").first
        let tag = first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        self = tag == "zh" || tag.hasPrefix("zh-") ? .chinese : .english
    }
}

/// An error a user can act on: a stable machine-readable code and a message naming what is wrong.
public protocol CodedError: Error, Sendable {
    /// A stable code such as `insufficient_funds`.
    var code: String { get }
    var message: LocalizedMessage { get }
    /// What sort of refusal this is; the server answers each kind with its own status.
    var kind: ErrorKind { get }
}

/// The sorts of refusal, each answered with one HTTP status by the server. The raw values are stored: never change them.
public enum ErrorKind: String, Sendable, Equatable {
    /// The request itself is wrong: a missing or invalid field, an unreadable body (400).
    case invalidRequest = "invalid_request"
    /// A token or login is missing or wrong (401).
    case unauthorized = "unauthorized"
    /// What the request names does not exist (404).
    case notFound = "not_found"
    /// The request clashes with what exists: a reused key, a taken name (409).
    case conflict = "conflict"
    /// The request is larger than allowed (413).
    case tooLarge = "too_large"
    /// A valid order the rules of trading refuse; it is still recorded (422).
    case tradeRefused = "trade_refused"
    /// Storage could not keep the request; nothing was done (503).
    case unavailable = "unavailable"
}
