import Core
import Foundation
import JSON

// MARK: - Fields: sources, templates, defaults, constants, maps and transforms

extension RulesLoader {
    /// The rules of the fields that loaded, and every field that was written (loaded or not).
    static func readFields(_ node: YAMLNode, format: BodyFormat, problems: ProblemList) -> ([TargetField: FieldRule], tried: Set<TargetField>) {
        var fields: [TargetField: FieldRule] = [:]
        var tried: Set<TargetField> = []
        let names = TargetField.allCases.map(\.rawValue)
        let members = problems.collect { () throws(RulesError) in try node.mapping("fields", allowedKeys: names, problems: problems) } ?? []
        for (key, _, value) in members {
            let field = TargetField(rawValue: key)!
            tried.insert(field)
            fields[field] = readField(field, value, format: format, problems: problems)
        }
        return (fields, tried)
    }

    private static func readField(_ field: TargetField, _ node: YAMLNode, format: BodyFormat, problems: ProblemList) -> FieldRule? {
        let what = "field '\(field.rawValue)'"
        var rule = FieldRule(isRequired: false)
        guard case .mapping = node.node else {
            return problems.collect { () throws(RulesError) in
                rule.aliases = try node.texts("\(what)'s paths")
                for alias in rule.aliases { try checkPath(alias, at: node, format: format) }
                return rule
            }
        }
        // A token must come from the request: a default, constant, map or template could stand in for it.
        let keys = field == .token ? ["from", "transforms"] : ["from", "template", "required", "default", "const", "map", "transforms"]
        let errorsBefore = problems.errors.count
        let members = problems.collect { () throws(RulesError) in try node.mapping(what, allowedKeys: keys, problems: problems) } ?? []
        for (key, _, value) in members {
            problems.collect { () throws(RulesError) in
                switch key {
                case "from":
                    rule.aliases = try value.texts("\(what).from")
                    for alias in rule.aliases { try checkPath(alias, at: value, format: format) }
                case "template": rule.template = try readTemplate(value, what: "\(what).template", format: format)
                case "required":
                    rule.isRequired = try value.bool("\(what).required")
                    if !rule.isRequired && field.isNeededByEngine {
                        throw value.error("'\(field.rawValue)' is needed to execute an order; give it a 'default' instead of required: false")
                    }
                case "default": rule.defaultValue = try checkedValue(value, for: field, what: "\(what).default")
                case "const": rule.constant = try checkedValue(value, for: field, what: "\(what).const")
                case "map":
                    for (mapKey, keyNode, mapped) in try value.mapping("\(what).map", problems: problems) {
                        problems.collect { () throws(RulesError) in
                            let target = try checkedValue(mapped, for: field, what: "\(what).map.\(mapKey)")
                            guard rule.map.add(key: mapKey, value: target) else {
                                throw keyNode.error("'\(mapKey)' is mapped twice in \(what).map (keys ignore case and spaces)")
                            }
                        }
                    }
                default:
                    for element in try value.sequence("\(what).transforms") {
                        if let transform = problems.collect({ () throws(RulesError) in try readTransform(element, problems: problems) }) {
                            rule.transforms.append(transform)
                        }
                    }
                }
            }
        }
        if rule.constant != nil, !rule.aliases.isEmpty || rule.defaultValue != nil || rule.template != nil {
            problems.add(node.error("\(what) has 'const', which cannot be combined with 'from', 'template' or 'default'"))
        }
        return problems.errors.count == errorsBefore ? rule : nil
    }

    private static func readTemplate(_ node: YAMLNode, what: String, format: BodyFormat) throws(RulesError) -> Template {
        let source = try node.text(what)
        let template: Template
        do {
            template = try Template(source)
        } catch {
            throw node.error("\(what) '\(source)' is not a valid template: \(error.message)")
        }
        for path in template.paths { try checkPath(path, at: node, format: format) }
        return template
    }

    /// A default, constant or map target, checked against what the field accepts.
    private static func checkedValue(_ node: YAMLNode, for field: TargetField, what: String) throws(RulesError) -> JSON {
        let value = try node.scalar(what)
        guard let text = value.scalarText, value != .bool(true), value != .bool(false) else {
            throw node.error("\(what) must be text or a number")
        }
        switch field {
        case .side:
            guard Side(synonym: text) != nil else {
                throw node.error("\(what) is '\(text)', which is not a side; use one of: \(Side.synonyms.keys.sorted().joined(separator: ", "))")
            }
        case .qty, .price, .limitPrice, .stopPrice, .trailAmount, .trailPercent:
            guard let number = Decimal(exactly: text), number > 0 else { throw node.error("\(what) must be a number greater than 0") }
        case .orderType:
            guard OrderType(word: text) != nil else {
                throw node.error("\(what) is '\(text)', which is not an order type; use one of: \(OrderType.words.joined(separator: ", "))")
            }
        case .timeInForce:
            guard TimeInForce(word: text) != nil else {
                throw node.error("\(what) is '\(text)', which is not a time in force; use one of: \(TimeInForce.words.joined(separator: ", "))")
            }
        case .action:
            guard SignalAction(word: text) != nil else {
                throw node.error(
                    "\(what) is '\(text)', which is not an action; use one of: \(SignalAction.synonyms.keys.sorted().joined(separator: ", "))"
                )
            }
        case .sizing:
            guard Sizing(word: text) != nil else {
                throw node.error("\(what) is '\(text)', which is not a sizing; use one of: \(Sizing.synonyms.keys.sorted().joined(separator: ", "))")
            }
        case .time, .expireAt:
            guard SignalTime.parse(text) != nil else {
                throw node.error("\(what) is '\(text)', which is not a time; use ISO 8601 or seconds since 1970")
            }
        case .symbol, .account, .id, .token:
            guard !text.isEmpty else { throw node.error("\(what) must not be empty") }
        }
        return value
    }

    private static func readTransform(_ node: YAMLNode, problems: ProblemList) throws(RulesError) -> Transform {
        let simple = Transform.simpleNames.keys.sorted().joined(separator: ", ")
        let parameterized = Transform.parameterizedNames.map { "{\($0): ...}" }.joined(separator: ", ")
        if case .scalar = node.node {
            let name = try node.text("a transform")
            guard let transform = Transform.simpleNames[name] else {
                throw node.error("unknown transform '\(name)'; expected one of: \(simple), or one of: \(parameterized)")
            }
            return transform
        }
        let members = try node.mapping("a transform", allowedKeys: Transform.parameterizedNames, problems: problems)
        guard members.count == 1, let (name, _, value) = members.first else {
            throw node.error("a transform is one word (\(simple)) or a mapping with one key: \(parameterized)")
        }
        switch name {
        case "regex": return .regex(try readPattern(value, what: "regex"))
        case "replace":
            var pattern: Pattern?
            var replacement: String?
            for (key, _, part) in try value.mapping("replace", allowedKeys: ["pattern", "with"], problems: problems) {
                if key == "pattern" { pattern = try readPattern(part, what: "replace.pattern") } else { replacement = try part.text("replace.with") }
            }
            guard let pattern, let replacement else { throw value.error("replace needs 'pattern' and 'with' (use '' to delete the match)") }
            return .replace(pattern, with: replacement)
        case "strip_prefix", "strip_suffix":
            let texts = try value.texts(name)
            guard !texts.contains(where: \.isEmpty) else { throw value.error("\(name) must not be empty") }
            return name == "strip_prefix" ? .stripPrefix(texts) : .stripSuffix(texts)
        default:
            guard let number = Decimal(exactly: try value.text(name)) else { throw value.error("\(name) must be a decimal number") }
            switch name {
            case "multiply": return .multiply(number)
            case "divide":
                guard !number.isZero else { throw value.error("divide by 0 is not a number") }
                return .divide(number)
            default:
                guard number > 0 else { throw value.error("\(name) must be a step greater than 0, like 0.01 or 100") }
                return .round(step: number, towardZero: name == "round_down")
            }
        }
    }

    static func readPattern(_ node: YAMLNode, what: String) throws(RulesError) -> Pattern {
        let source = try node.text(what)
        do {
            return try Pattern(source)
        } catch {
            if let name = Pattern.groupNameWithUnderscore(in: source) {
                throw node.error("'\(source)' is not a valid regular expression: group names are letters and digits only, so '\(name)' is refused")
            }
            throw node.error("'\(source)' is not a valid regular expression")
        }
    }
}
