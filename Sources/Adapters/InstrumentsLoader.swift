import Core
import Foundation
import Yams

/// Reads instruments.yaml into an `InstrumentTable`, reporting every problem as `FILE:LINE:COLUMN`.
///
/// Each entry names symbol patterns and overrides what it needs; the rest comes from `default`.
public enum InstrumentsLoader {
    /// The keys that describe how an instrument trades, with what each must be.
    private static let valueKeys = [
        "tick", "step", "min_qty", "multiplier", "slippage_bps", "slippage_ticks", "commission", "min_commission", "per_unit_fee", "sell_tax",
    ]

    /// Loads and validates the instruments in the file at `path`.
    /// - throws: `InvalidRules` with every problem found.
    public static func load(path: String) throws(InvalidRules) -> InstrumentTable {
        try load(yaml: YAMLNode.text(ofFile: path), file: path)
    }

    /// Loads and validates instruments from YAML text; `file` names it in errors.
    /// - throws: `InvalidRules` with every problem found.
    public static func load(yaml: String, file: String) throws(InvalidRules) -> InstrumentTable {
        let root = try YAMLNode.root(of: yaml, file: file, whenEmpty: "the file is empty; it needs 'default' or 'instruments'")
        let problems = ProblemList()
        let table = readRoot(root, problems: problems)
        guard problems.errors.isEmpty else { throw InvalidRules(problems.errors) }
        return table
    }

    private static func readRoot(_ root: YAMLNode, problems: ProblemList) -> InstrumentTable {
        var table = InstrumentTable()
        let members =
            problems.collect { () throws(RulesError) in
                try root.mapping("the file", allowedKeys: ["version", "default", "instruments"], problems: problems)
            } ?? []
        if let defaultNode = members.first(where: { $0.key == "default" })?.value {
            table.fallback = readInstrument(defaultNode, base: Instrument(), allowedKeys: valueKeys, problems: problems).instrument
        }
        for (key, _, value) in members {
            switch key {
            case "version":
                problems.collect { () throws(RulesError) in
                    guard try value.text("version") == "1" else { throw value.error("unsupported version; this papertrade reads version 1") }
                }
            case "instruments":
                var catchAll: String?
                for element in problems.collect({ () throws(RulesError) in try value.sequence("instruments") }) ?? [] {
                    let (instrument, patterns) = readInstrument(
                        element,
                        base: table.fallback,
                        allowedKeys: ["symbols", "description"] + valueKeys,
                        problems: problems
                    )
                    if let catchAll {
                        problems.add(element.error("this entry can never apply: the pattern '\(catchAll)' above it matches every symbol"))
                    }
                    for pattern in patterns {
                        table.entries.append(InstrumentTable.Entry(pattern: pattern, instrument: instrument))
                        if pattern.source.allSatisfy({ $0 == "*" }) { catchAll = catchAll ?? pattern.source }
                    }
                }
            default: break
            }
        }
        return table
    }

    /// An instrument: `base` with the values the node gives, and the symbol patterns it names.
    private static func readInstrument(
        _ node: YAMLNode,
        base: Instrument,
        allowedKeys: [String],
        problems: ProblemList
    ) -> (instrument: Instrument, patterns: [SymbolPattern]) {
        var instrument = base
        var patterns: [SymbolPattern] = []
        let members =
            problems.collect { () throws(RulesError) in try node.mapping("an instrument", allowedKeys: allowedKeys, problems: problems) } ?? []
        if allowedKeys.contains("symbols"), !members.contains(where: { $0.key == "symbols" }) {
            problems.add(node.error("an instrument needs 'symbols': the symbol patterns it applies to, like [EURUSD, '*JPY']"))
        }
        if members.contains(where: { $0.key == "slippage_bps" }), members.contains(where: { $0.key == "slippage_ticks" }) {
            problems.add(node.error("give slippage_bps or slippage_ticks, not both"))
        }
        for (key, _, value) in members {
            problems.collect { () throws(RulesError) in
                switch key {
                case "description": _ = try value.text("description")
                case "symbols":
                    let sources = try value.texts("symbols")
                    guard !sources.isEmpty else { throw value.error("symbols lists no pattern") }
                    for source in sources {
                        guard !source.isEmpty, !source.contains(where: \.isWhitespace) else {
                            throw value.error(
                                "'\(source)' is not a symbol pattern: write it without spaces; '*' matches any run of characters, '?' one"
                            )
                        }
                        patterns.append(SymbolPattern(source))
                    }
                case "tick": instrument.priceTick = try number(value, key, positive: true)
                case "step": instrument.quantityStep = try number(value, key, positive: true)
                case "min_qty": instrument.minimumQuantity = try number(value, key)
                case "multiplier": instrument.multiplier = try number(value, key, positive: true)
                case "slippage_bps": instrument.slippage = .basisPoints(try number(value, key, below: 10_000))
                case "slippage_ticks": instrument.slippage = .ticks(try number(value, key))
                case "commission": instrument.fees.rate = try number(value, key, below: 1)
                case "min_commission": instrument.fees.minimum = try number(value, key)
                case "per_unit_fee": instrument.fees.perUnit = try number(value, key)
                case "sell_tax": instrument.fees.sellTaxRate = try number(value, key, below: 1)
                default: break
                }
            }
        }
        return (instrument, patterns)
    }

    /// A decimal that is not negative (greater than zero when `positive`, less than `below` when given).
    private static func number(_ node: YAMLNode, _ key: String, positive: Bool = false, below limit: Decimal? = nil) throws(RulesError) -> Decimal {
        guard let value = Decimal(exactly: try node.text(key)), value >= 0, value <= Limits.maximumAmount else {
            throw node.error("\(key) must be a decimal number from 0 to 1e15")
        }
        if positive, value == 0 { throw node.error("\(key) must be greater than 0") }
        if let limit, value >= limit { throw node.error("\(key) must be less than \(limit)") }
        return value
    }
}
