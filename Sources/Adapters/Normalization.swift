import Core
import Decimals
import Foundation
import JSON

/// Everything the normalizer did with one payload: the adapter decisions, each field's trace and the outcome.
public struct Normalization: Sendable {
    /// The body as it arrived.
    public var body: Body
    /// Why each adapter was or was not chosen, in file order; empty when normalized untraced.
    public var decisions: [AdapterDecision] = []
    /// The adapter that read the payload.
    public var adapter: String?
    /// How each field got its value, the token's last; empty when normalized untraced.
    public var fields: [FieldTrace] = []
    /// The body as the chosen adapter read it; nil when no adapter could read it.
    public var document: Document?
    /// The webhook token the body carries, found even when another field fails.
    public var token: String?
    /// Where the token was found (an alias is its path), traced or not: a log removes it from there.
    public var tokenSource: FieldTrace.Source = .missing
    public var outcome: Result<Signal, PayloadError>

    public var signal: Signal? { try? outcome.get() }

    public init(body: Body, outcome: Result<Signal, PayloadError>) {
        self.body = body
        self.outcome = outcome
    }
}

/// Whether one adapter was chosen for a payload, and why.
public struct AdapterDecision: Sendable, Equatable {
    public var adapter: String
    public var matched: Bool
    /// Why, kept as found: worded only when a trace shows it.
    var why: Why

    /// Why, in words: `match rule holds`, `ticker is missing`.
    public var reason: String {
        switch why {
        case .stated(let text): text
        case .notTried(let chosen): "not tried: '\(chosen)' matched first"
        case .mismatch(let mismatch): mismatch.description
        case .unreadable(let error): error.shortReason
        }
    }

    /// Decisions are equal when they read the same: the same adapter, outcome and words.
    public static func == (lhs: AdapterDecision, rhs: AdapterDecision) -> Bool {
        lhs.adapter == rhs.adapter && lhs.matched == rhs.matched && lhs.reason == rhs.reason
    }

    enum Why: Sendable {
        case stated(String)
        /// Another adapter, named, matched before this one.
        case notTried(String)
        case mismatch(MatchCondition.Mismatch)
        /// The body could not be read the adapter's way.
        case unreadable(PayloadError)
    }
}

/// How one signal field got its value.
public struct FieldTrace: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case alias(String)
        case template(String)
        case constant
        case defaultValue
        case missing
    }

    /// One transform or map step: its name and the text before and after.
    public struct Step: Sendable, Equatable {
        public var name: String
        public var before: String
        public var after: String
    }

    public var field: TargetField
    public var source: Source
    /// The value as found in the payload, or the constant or default.
    public var raw: JSON?
    public var steps: [Step] = []
    /// The parsed value, once parsing succeeded.
    public var parsed: ParsedValue?
}

/// A field's value after parsing: text, a side or a decimal number.
public enum ParsedValue: Sendable, Equatable {
    case text(String)
    case side(Side)
    case number(Decimal)
    case action(SignalAction)
    case sizing(Sizing)
    case time(Date)
    case orderType(OrderType)
    case timeInForce(TimeInForce)

    /// The value as canonical text: `buy`, `185.5`, `AAPL`, `2026-11-29T11:55:40Z`.
    public var text: String {
        switch self {
        case .text(let text): text
        case .side(let side): side.rawValue
        case .number(let number): number.plainText
        case .action(let action): action.word
        case .sizing(let sizing): sizing.rawValue
        case .time(let time): SignalTime.text(time)
        case .orderType(let type): type.rawValue
        case .timeInForce(let timeInForce): timeInForce.rawValue
        }
    }
}
