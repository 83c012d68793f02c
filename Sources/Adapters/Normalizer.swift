import Core
import Foundation
import JSON

/// Turns any payload into a `Signal` by the rules of one adapter: the one named, or the first whose match rule holds.
public struct Normalizer: Sendable {
    public let rules: AdapterSet

    /// The largest quantity or price accepted.
    public static let maximumNumber = Decimal(sign: .plus, exponent: 15, significand: 1)
    /// The longest symbol, account or id text accepted.
    public static let maximumTextLength = 128

    public init(rules: AdapterSet) {
        self.rules = rules
    }

    /// Normalizes a raw body: parses it as JSON (whatever its content type) and reads it with an adapter.
    public func normalize(body: some Collection<UInt8>, adapter name: String? = nil) -> Normalization {
        do {
            return normalize(payload: try JSONParser.parse(body), adapter: name)
        } catch {
            return Normalization(error: .invalidJSON(reason: error.description))
        }
    }

    /// Normalizes a parsed payload with the named adapter, or the first adapter whose match rule holds.
    public func normalize(payload: JSON, adapter name: String? = nil) -> Normalization {
        guard case .object = payload else { return Normalization(error: .notAnObject(type: payload.typeName)) }
        var normalization = Normalization(outcome: .failure(.noMatchingAdapter))
        guard let adapter = select(for: payload, named: name, decisions: &normalization.decisions) else {
            if let name { normalization.outcome = .failure(.unknownAdapter(name: name)) }
            return normalization
        }
        normalization.adapter = adapter.name
        normalization.outcome = read(payload, with: adapter, traces: &normalization.fields)
        return normalization
    }

    // MARK: - Adapter selection

    private func select(for payload: JSON, named name: String?, decisions: inout [AdapterDecision]) -> Adapter? {
        if let name {
            guard let adapter = rules.adapter(named: name) else { return nil }
            decisions.append(AdapterDecision(adapter: name, matched: true, reason: "selected by name"))
            return adapter
        }
        var chosen: Adapter?
        for adapter in rules.adapters {
            if let chosen {
                decisions.append(AdapterDecision(adapter: adapter.name, matched: false, reason: "not tried: '\(chosen.name)' matched first"))
            } else if let match = adapter.match {
                if let mismatch = match.mismatch(in: payload) {
                    decisions.append(AdapterDecision(adapter: adapter.name, matched: false, reason: mismatch))
                } else {
                    decisions.append(AdapterDecision(adapter: adapter.name, matched: true, reason: "match rule holds"))
                    chosen = adapter
                }
            } else {
                decisions.append(AdapterDecision(adapter: adapter.name, matched: true, reason: "catch-all"))
                chosen = adapter
            }
        }
        return chosen
    }

    // MARK: - Fields

    private func read(_ payload: JSON, with adapter: Adapter, traces: inout [FieldTrace]) -> Result<Signal, PayloadError> {
        var values: [TargetField: ParsedValue] = [:]
        for field in TargetField.allCases {
            let rule = adapter.fields[field] ?? FieldRule(isRequired: field.isNeededByEngine)
            var trace = FieldTrace(field: field, source: .missing)
            defer { traces.append(trace) }
            do {
                values[field] = try value(of: field, rule: rule, in: payload, trace: &trace)
            } catch {
                return .failure(error)
            }
        }
        // Every engine field has a value of its kind here: a missing or invalid one threw above.
        guard case .text(let symbol)? = values[.symbol], case .side(let side)? = values[.side], case .number(let quantity)? = values[.qty],
            case .number(let price)? = values[.price]
        else { preconditionFailure("the engine fields were parsed") }
        return .success(
            Signal(symbol: symbol, side: side, quantity: quantity, price: price, account: values[.account]?.text, clientID: values[.id]?.text)
        )
    }

    /// The field's parsed value, nil when an optional field is absent.
    private func value(of field: TargetField, rule: FieldRule, in payload: JSON, trace: inout FieldTrace) throws(PayloadError) -> ParsedValue? {
        guard let raw = locate(rule, in: payload, trace: &trace) else {
            if rule.isRequired || field.isNeededByEngine { throw .missingField(field, aliases: rule.aliases) }
            return nil
        }
        trace.raw = raw
        guard var text = raw.scalarText, raw != .bool(true), raw != .bool(false) else {
            throw .invalidField(
                field,
                reason: LocalizedMessage(english: "expected text or a number, got \(raw.typeName)", chinese: "应为文本或数字, 收到 \(raw.typeName)")
            )
        }
        for transform in rule.transforms {
            guard let next = transform.apply(to: text) else {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(
                        english: "\(raw.serialized) does not match \(transform.name)",
                        chinese: "\(raw.serialized) 不匹配 \(transform.name)"
                    )
                )
            }
            trace.steps.append(FieldTrace.Step(name: transform.name, before: text, after: next))
            text = next
        }
        if !rule.map.isEmpty, let replacement = rule.map.replacement(for: text), let mapped = replacement.scalarText {
            trace.steps.append(FieldTrace.Step(name: "map", before: text, after: mapped))
            text = mapped
        }
        let parsed = try parse(text, as: field, raw: raw)
        trace.parsed = parsed
        return parsed
    }

    private func locate(_ rule: FieldRule, in payload: JSON, trace: inout FieldTrace) -> JSON? {
        if let constant = rule.constant {
            trace.source = .constant
            return constant
        }
        for alias in rule.aliases {
            let value = payload.value(atPath: alias)
            if value.isPresent {
                trace.source = .alias(alias)
                return value
            }
        }
        if let defaultValue = rule.defaultValue {
            trace.source = .defaultValue
            return defaultValue
        }
        return nil
    }

    private func parse(_ text: String, as field: TargetField, raw: JSON) throws(PayloadError) -> ParsedValue {
        switch field {
        case .side:
            guard let side = Side(synonym: text) else { throw .unknownSide(text: JSON.string(text).serialized) }
            return .side(side)
        case .qty, .price:
            guard let number = Decimal(exactly: text) else { throw .invalidNumber(field, text: raw.serialized) }
            guard number > 0 else {
                throw .invalidField(field, reason: LocalizedMessage(english: "must be greater than 0, got \(text)", chinese: "必须大于 0, 收到 \(text)"))
            }
            guard number <= Self.maximumNumber else {
                throw .invalidField(field, reason: LocalizedMessage(english: "must be at most 1e15, got \(text)", chinese: "不能超过 1e15, 收到 \(text)"))
            }
            return .number(number)
        case .symbol, .account, .id:
            if text.isEmpty {
                throw .invalidField(field, reason: LocalizedMessage(english: "must not be empty", chinese: "不能为空"))
            }
            if text.count > Self.maximumTextLength {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(english: "longer than \(Self.maximumTextLength) characters", chinese: "超过 \(Self.maximumTextLength) 个字符")
                )
            }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw .invalidField(field, reason: LocalizedMessage(english: "contains control characters", chinese: "包含控制字符"))
            }
            if field == .symbol, text.contains(where: \.isWhitespace) {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(english: "must not contain spaces, got \(raw.serialized)", chinese: "不能包含空格, 收到 \(raw.serialized)")
                )
            }
            return .text(text)
        }
    }
}
