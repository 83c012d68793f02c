import Core
import Decimals
import Foundation
import JSON

/// Turns any payload into a `Signal` by the rules of one adapter: the one named, or the first whose match rule holds.
public struct Normalizer: Sendable {
    public let rules: AdapterSet
    /// `rules`' adapters made ready, in file order.
    private let plans: [AdapterPlan]

    /// The longest symbol, account or id text accepted.
    public static let maximumTextLength = 128

    /// `Limits.maximumAmount`, the largest quantity or price, ready to compare.
    private static let maximumAmount = FastDecimal(Limits.maximumAmount)

    public init(rules: AdapterSet) {
        self.rules = rules
        self.plans = rules.adapters.map(AdapterPlan.init)
    }

    /// Normalizes a raw body, whatever its content type: JSON, or text for adapters that read text.
    public func normalize(body bytes: some Collection<UInt8>, adapter name: String? = nil, traced: Bool = true) -> Normalization {
        normalize(Body(bytes), adapter: name, traced: traced)
    }

    /// Normalizes a body with the named adapter, or the first adapter whose match rule holds.
    ///
    /// Untraced (`traced: false`), the normalization keeps no adapter decisions and no field traces: the same
    /// outcome, token and token source, for a caller that neither shows nor reads a trace.
    public func normalize(_ body: Body, adapter name: String? = nil, traced: Bool = true) -> Normalization {
        var normalization = Normalization(body: body, outcome: .failure(.noMatchingAdapter))
        if traced {
            normalization.decisions.reserveCapacity(rules.adapters.count)
            normalization.fields.reserveCapacity(TargetField.allCases.count)
        }
        let chosen: (plan: AdapterPlan, document: Result<Document, PayloadError>)?
        if let name {
            guard let plan = plans.first(where: { $0.name == name }) else {
                normalization.outcome = .failure(.unknownAdapter(name: name))
                normalization.token = Self.topLevelToken(in: body)
                return normalization
            }
            if traced { normalization.decisions.append(AdapterDecision(adapter: name, matched: true, why: .stated("selected by name"))) }
            chosen = (plan, plan.format.read(body))
        } else {
            chosen = select(for: body, decisions: &normalization.decisions, traced: traced)
        }
        guard let (plan, document) = chosen else {
            normalization.token = Self.topLevelToken(in: body)
            // With JSON adapters only, a body that is not a JSON object is the clearer complaint.
            if rules.adapters.allSatisfy({ $0.format == .json }), case .failure(let error) = BodyFormat.json.read(body) {
                normalization.outcome = .failure(error)
            }
            return normalization
        }
        normalization.adapter = plan.name
        switch document {
        case .success(let document):
            normalization.document = document
            let (token, tokenTrace) = self.token(in: document, with: plan)
            normalization.token = token
            normalization.tokenSource = tokenTrace.source
            normalization.outcome = read(document, with: plan, traces: &normalization.fields, traced: traced)
            if traced { normalization.fields.append(tokenTrace) }
        case .failure(let error):
            normalization.outcome = .failure(Self.explained(error, by: plan))
        }
        return normalization
    }

    /// The `token` of a JSON object body, for requests no adapter read.
    private static func topLevelToken(in body: Body) -> String? {
        (try? BodyFormat.json.read(body).get())?.value(at: "token")?.scalarText
    }

    /// An unreadable text body's error followed by the adapter's description, so the sender sees the expected form.
    private static func explained(_ error: PayloadError, by adapter: AdapterPlan) -> PayloadError {
        guard case .invalidBody(let reason) = error, let expected = adapter.description else { return error }
        return .invalidBody(
            reason: LocalizedMessage(
                english: "\(reason.english); adapter '\(adapter.name)' reads: \(expected)",
                chinese: "\(reason.chinese); 适配器 '\(adapter.name)' 的格式: \(expected)"
            )
        )
    }

    // MARK: - Adapter selection

    /// The first adapter whose match rule holds and the body as it reads it; traced, every adapter's decision.
    private func select(
        for body: Body,
        decisions: inout [AdapterDecision],
        traced: Bool
    ) -> (AdapterPlan, Result<Document, PayloadError>)? {
        var chosen: (plan: AdapterPlan, document: Result<Document, PayloadError>)?
        for plan in plans {
            if let chosen {
                guard traced else { break }
                decisions.append(AdapterDecision(adapter: plan.name, matched: false, why: .notTried(chosen.plan.name)))
                continue
            }
            guard let match = plan.match else {
                if traced { decisions.append(AdapterDecision(adapter: plan.name, matched: true, why: .stated("catch-all"))) }
                chosen = (plan, plan.format.read(body))
                continue
            }
            // The body is read only when the match rule looks at a path, or once the adapter is chosen.
            let document = plan.matchReadsPaths ? plan.format.read(body) : nil
            let unreadable: PayloadError? = if case .failure(let error)? = document { error } else { nil }
            let readable = try? document?.get()
            if traced {
                let why =
                    unreadable.map(AdapterDecision.Why.unreadable) ?? match.mismatch(body: body, document: readable).map(AdapterDecision.Why.mismatch)
                decisions.append(AdapterDecision(adapter: plan.name, matched: why == nil, why: why ?? .stated("match rule holds")))
                if why != nil { continue }
            } else if unreadable != nil || !match.holds(body: body, document: readable) {
                continue
            }
            chosen = (plan, document ?? plan.format.read(body))
        }
        return chosen
    }

    // MARK: - Fields

    /// The token the body carries: the adapter's `token` rule, else a `token` path. Its trace never shows the value.
    private func token(in document: Document, with plan: AdapterPlan) -> (String?, FieldTrace) {
        var trace: FieldTrace? = FieldTrace(field: .token, source: .missing)
        let token = (try? value(of: .token, plan[.token], in: document, format: plan.format, trace: &trace))??.text
        let source = token == nil ? .missing : trace?.source ?? .missing
        return (token, FieldTrace(field: .token, source: source, raw: token == nil ? nil : "[redacted]"))
    }

    /// The signal the document's fields make; traced, each field's trace up to the first that fails.
    private func read(_ document: Document, with plan: AdapterPlan, traces: inout [FieldTrace], traced: Bool) -> Result<Signal, PayloadError> {
        var values = FieldValues()
        var action: SignalAction?
        // Nil when untraced; else each field's in turn. A field that fails keeps in its trace what was found before.
        var trace: FieldTrace?
        // The action comes first in field order: it decides which other fields are needed and how `qty` reads.
        for field in TargetField.allCases where field != .token {
            // An action decides the side itself: a `side` in the payload is then not read, let alone refused.
            if field == .side, action != nil { continue }
            if traced { trace = FieldTrace(field: field, source: .missing) }
            defer { if let trace { traces.append(trace) } }
            do {
                values[field] = try value(
                    of: field,
                    plan[field],
                    in: document,
                    format: plan.format,
                    action: action,
                    trace: &trace
                )
            } catch {
                return .failure(error)
            }
            if case .action(let found)? = values[field] { action = found }
        }
        // Every field the action needs has a value of its kind here: a missing or invalid one threw above.
        guard case .text(let symbol)? = values[.symbol], case .number(let price)? = values[.price] else {
            preconditionFailure("the engine fields were parsed")
        }
        var side = action?.side ?? .buy
        if case .side(let given)? = values[.side], action?.side == nil { side = given }
        var sizing = Sizing.units
        if case .sizing(let given)? = values[.sizing] { sizing = given }
        if action?.intent == .target, sizing == .percentOfPosition {
            return .failure(
                .invalidField(
                    .sizing,
                    reason: LocalizedMessage(
                        english: "percent_of_position does not apply to a target position",
                        chinese: "percent_of_position 不适用于目标持仓"
                    )
                )
            )
        }
        var quantity: Decimal
        if case .number(let given)? = values[.qty] {
            quantity = given
        } else {
            // An exit or a reverse without a quantity takes the whole position.
            (quantity, sizing) = (100, .percentOfPosition)
        }
        let order: (spec: OrderSpec, priceIsMarket: Bool)
        do {
            order = try Self.orderSpec(values, price: price)
        } catch {
            return .failure(error)
        }
        return .success(
            Signal(
                symbol: symbol,
                side: side,
                quantity: quantity,
                price: price,
                account: values[.account]?.text,
                clientID: values[.id]?.text,
                intent: action?.intent ?? .trade,
                sizing: sizing,
                time: { if case .time(let time)? = values[.time] { time } else { nil } }(),
                order: order.spec,
                priceIsMarket: order.priceIsMarket
            )
        )
    }

    /// The order's type, levels and time in force, and whether `price` is the market's. A limit or stop order
    /// without its level takes `price` as that level (the standard format's limit order); a price equal to the
    /// order's own limit or stop is the order's, never taken for the market's. A market order ignores levels.
    private static func orderSpec(_ values: FieldValues, price: Decimal) throws(PayloadError) -> (spec: OrderSpec, priceIsMarket: Bool) {
        func number(_ field: TargetField) -> Decimal? { if case .number(let number)? = values[field] { number } else { nil } }
        var spec = OrderSpec()
        if case .orderType(let type)? = values[.orderType] { spec.type = type }
        if case .timeInForce(let timeInForce)? = values[.timeInForce] { spec.timeInForce = timeInForce }
        if case .time(let time)? = values[.expireAt] { spec.expireAt = time }
        switch spec.type {
        case .market: return (spec, true)
        case .limit: spec.limitPrice = number(.limitPrice) ?? price
        case .stop: spec.stopPrice = number(.stopPrice) ?? price
        case .stopLimit:
            (spec.limitPrice, spec.stopPrice) = (number(.limitPrice) ?? price, number(.stopPrice))
            guard spec.stopPrice != nil else { throw .invalidField(.stopPrice, reason: .neededBy(spec.type)) }
        case .trailingStop:
            switch (number(.trailAmount), number(.trailPercent)) {
            case (let amount?, nil): spec.trail = .amount(amount)
            case (nil, let percent?):
                guard percent < 100 else {
                    throw .invalidField(
                        .trailPercent,
                        reason: LocalizedMessage(english: "must be less than 100, got \(percent)", chinese: "必须小于 100, 收到 \(percent)")
                    )
                }
                spec.trail = .percent(percent)
            case (nil, nil): throw .invalidField(.trailAmount, reason: .neededBy(spec.type))
            case (_?, _?):
                throw .invalidField(
                    .trailPercent,
                    reason: LocalizedMessage(english: "give trail_amount or trail_percent, not both", chinese: "trail_amount 与 trail_percent 只能给一个")
                )
            }
            return (spec, true)
        }
        return (spec, spec.limitPrice != price && spec.stopPrice != price)
    }

    /// The field's parsed value, nil when an optional field is absent.
    private func value(
        of field: TargetField,
        _ plan: FieldPlan,
        in document: Document,
        format: BodyFormat,
        action: SignalAction? = nil,
        trace: inout FieldTrace?
    ) throws(PayloadError) -> ParsedValue? {
        let needed = plan.isRequired || field.isNeeded(for: action)
        // A default quantity is for buys and sells: an exit or a reverse without one takes the whole position.
        let usesDefault = field != .qty || needed
        guard let raw = try locate(field, plan, in: document, format: format, usesDefault: usesDefault, needed: needed, trace: &trace) else {
            return nil
        }
        trace?.raw = raw
        guard var text = raw.scalarText, raw != .bool(true), raw != .bool(false) else {
            throw .invalidField(
                field,
                reason: LocalizedMessage(english: "expected text or a number, got \(raw.typeName)", chinese: "应为文本或数字, 收到 \(raw.typeName)")
            )
        }
        for transform in plan.transforms {
            let next: String
            do {
                next = try transform.apply(to: text)
            } catch {
                throw Self.error(error, field: field, transform: transform, text: text)
            }
            trace?.steps.append(FieldTrace.Step(name: transform.name, before: text, after: next))
            text = next
        }
        if let map = plan.map, let replacement = map.replacement(for: text), let mapped = replacement.scalarText {
            trace?.steps.append(FieldTrace.Step(name: "map", before: text, after: mapped))
            text = mapped
        }
        let parsed = try parse(text, as: field, raw: raw, mapped: plan.map?.words ?? [], signed: field == .qty && action?.intent == .target)
        trace?.parsed = parsed
        return parsed
    }

    private func locate(
        _ field: TargetField,
        _ plan: FieldPlan,
        in document: Document,
        format: BodyFormat,
        usesDefault: Bool,
        needed: Bool,
        trace: inout FieldTrace?
    ) throws(PayloadError)
        -> JSON?
    {
        if let constant = plan.constant {
            trace?.source = .constant
            return constant
        }
        // A template with a missing reference gives way to the paths in `from`, then to the default.
        var missingReference: String?
        if let template = plan.template {
            do throws(Template.MissingReference) {
                let text = try template.render { document.value(at: $0)?.scalarText }
                trace?.source = .template(template.source)
                return .string(text)
            } catch {
                missingReference = error.path
            }
        }
        // By index, so that no path is copied.
        for index in plan.paths.indices {
            let value = document.value(at: plan.paths[index])
            if value.isPresent {
                trace?.source = .alias(plan.paths[index].text)
                return value
            }
        }
        if let defaultValue = plan.defaultValue, usesDefault {
            trace?.source = .defaultValue
            return defaultValue
        }
        guard needed else { return nil }
        throw .missingField(field, lookedFor: ([missingReference].compactMap { $0 } + plan.aliases).map(format.describe))
    }

    private static func error(_ failure: Transform.Failure, field: TargetField, transform: Transform, text: String) -> PayloadError {
        let shown = JSON.string(text).serialized
        switch failure {
        case .noMatch:
            return .invalidField(
                field,
                reason: LocalizedMessage(english: "\(shown) does not match \(transform.name)", chinese: "\(shown) 不匹配 \(transform.name)")
            )
        case .notANumber:
            return .invalidNumber(field, text: shown)
        case .zeroHasNoSide:
            return .invalidField(
                field,
                reason: LocalizedMessage(
                    english: "\(shown) has no side: positive is buy, negative is sell",
                    chinese: "\(shown) 没有方向: 正数为买入, 负数为卖出"
                )
            )
        }
    }

    /// Why `text`, read for a quantity or a price, is no decimal: a number beyond the bounds is told as such.
    private static func notADecimal(_ text: String, as field: TargetField, raw: JSON) -> PayloadError {
        switch Decimal.outOfRange(text) {
        case .tooLarge: beyondMaximum(text, as: field)
        case .tooSmall:
            .invalidField(
                field,
                reason: LocalizedMessage(
                    english: "\(text) is nearer to 0 than any amount (at most 64 decimal places)",
                    chinese: "\(text) 比任何金额都更接近 0 (最多 64 位小数)"
                )
            )
        case .tooPrecise:
            .invalidField(
                field,
                reason: LocalizedMessage(english: "\(text) has more than 38 significant digits", chinese: "\(text) 的有效数字超过 38 位")
            )
        case nil: .invalidNumber(field, text: raw.serialized)
        }
    }

    private static func beyondMaximum(_ text: String, as field: TargetField) -> PayloadError {
        .invalidField(field, reason: LocalizedMessage(english: "must be at most 1e15, got \(text)", chinese: "不能超过 1e15, 收到 \(text)"))
    }

    /// The field's value from its text; `mapped` are the words the field's map replaces, which an unknown side or
    /// action names; `signed` lets a quantity be zero or negative (a target position).
    private func parse(
        _ text: String,
        as field: TargetField,
        raw: JSON,
        mapped: [String] = [],
        signed: Bool = false
    ) throws(PayloadError)
        -> ParsedValue
    {
        switch field {
        case .side:
            guard let side = Side(synonym: text) else { throw .unknownSide(text: JSON.string(text).serialized, mapped: mapped) }
            return .side(side)
        case .action:
            guard let action = SignalAction(word: text) else { throw .unknownAction(text: JSON.string(text).serialized, mapped: mapped) }
            return .action(action)
        case .sizing:
            guard let sizing = Sizing(word: text) else {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(
                        english: "\(JSON.string(text).serialized) is not a sizing; use units, notional, percent_of_equity or percent_of_position",
                        chinese: "\(JSON.string(text).serialized) 不是有效的数量类型; 请使用 units, notional, percent_of_equity 或 percent_of_position"
                    )
                )
            }
            return .sizing(sizing)
        case .orderType:
            guard let type = OrderType(word: text) else {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(
                        english: "\(JSON.string(text).serialized) is not an order type; use \(OrderType.words.listed(or: "or"))",
                        chinese: "\(JSON.string(text).serialized) 不是有效的订单类型; 请使用 \(OrderType.words.joined(separator: ", "))"
                    )
                )
            }
            return .orderType(type)
        case .timeInForce:
            guard let timeInForce = TimeInForce(word: text) else {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(
                        english: "\(JSON.string(text).serialized) is not a time in force; use \(TimeInForce.words.listed(or: "or"))",
                        chinese: "\(JSON.string(text).serialized) 不是有效的有效期; 请使用 \(TimeInForce.words.joined(separator: ", "))"
                    )
                )
            }
            return .timeInForce(timeInForce)
        case .qty, .price, .limitPrice, .stopPrice, .trailAmount, .trailPercent:
            guard let number = Decimal(exactly: text) else { throw Self.notADecimal(text, as: field, raw: raw) }
            let fast = FastDecimal(number)
            guard fast > 0 || signed else {
                throw .invalidField(field, reason: LocalizedMessage(english: "must be greater than 0, got \(text)", chinese: "必须大于 0, 收到 \(text)"))
            }
            guard fast.magnitude <= Self.maximumAmount else {
                throw Self.beyondMaximum(text, as: field)
            }
            return .number(number)
        case .token:
            // Only the constant-time comparison judges a token.
            return .text(text)
        case .time, .expireAt:
            guard let time = SignalTime.parse(text) else {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(
                        english: "\(raw.serialized) is not a time: use ISO 8601 (2026-01-22T15:30:00Z) or seconds or milliseconds since 1970",
                        chinese: "\(raw.serialized) 不是时间: 请使用 ISO 8601 (2026-01-22T15:30:00Z) 或自 1970 年起的秒数或毫秒数"
                    )
                )
            }
            return .time(time)
        case .symbol, .account, .id:
            if text.isEmpty {
                throw .invalidField(field, reason: LocalizedMessage(english: "must not be empty", chinese: "不能为空"))
            }
            // ASCII text, the usual kind, is checked byte by byte: its categories are known, and without a CR (whose CR LF
            // is one character) each byte is a character.
            let ascii = text.isASCII
            let length = ascii && !text.utf8.contains(UInt8(ascii: "\r")) ? text.utf8.count : text.count
            if length > Self.maximumTextLength {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(english: "longer than \(Self.maximumTextLength) characters", chinese: "超过 \(Self.maximumTextLength) 个字符")
                )
            }
            if let problem = NameText.problem(in: text) { throw .invalidField(field, reason: problem) }
            // After the control characters, the only ASCII whitespace left is the space.
            if field == .symbol, ascii ? text.utf8.contains(UInt8(ascii: " ")) : text.contains(where: \.isWhitespace) {
                throw .invalidField(
                    field,
                    reason: LocalizedMessage(english: "must not contain spaces, got \(raw.serialized)", chinese: "不能包含空格, 收到 \(raw.serialized)")
                )
            }
            return .text(text)
        }
    }
}

/// The parsed value of each field, in a slot of its own: a payload reads them a few dozen times.
private struct FieldValues {
    /// One slot per field at its `TargetField.place`, kept inline: a payload allocates nothing for them. 17, as
    /// many as `TargetField` has cases; a field added there traps here on its first payload, in every test.
    private var slots = InlineArray<17, ParsedValue?>(repeating: nil)

    subscript(field: TargetField) -> ParsedValue? {
        get { slots[field.place] }
        set { slots[field.place] = newValue }
    }
}

extension LocalizedMessage {
    /// A level an order of `type` cannot do without.
    static func neededBy(_ type: OrderType) -> LocalizedMessage {
        LocalizedMessage(english: "a \(type.rawValue) order needs one", chinese: "\(type.rawValue) 订单必须提供")
    }
}
