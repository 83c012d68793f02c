import Core
import Foundation
import JSON

// MARK: - Fields: sources, defaults, constants, maps and transforms

extension RulesLoader {
    static func readFields(_ node: YAMLNode, adapter: String) throws(RulesError) -> [TargetField: FieldRule] {
        var fields: [TargetField: FieldRule] = [:]
        let names = TargetField.allCases.map(\.rawValue)
        for (key, _, value) in try node.mapping("fields", allowedKeys: names) {
            let field = TargetField(rawValue: key)!
            fields[field] = try readField(field, value)
        }
        return fields
    }

    private static func readField(_ field: TargetField, _ node: YAMLNode) throws(RulesError) -> FieldRule {
        let what = "field '\(field.rawValue)'"
        var rule = FieldRule(isRequired: field.isNeededByEngine)
        guard case .mapping = node.node else {
            rule.aliases = try node.texts("\(what)'s aliases")
            for alias in rule.aliases { try checkPath(alias, at: node) }
            return rule
        }
        let keys = ["from", "required", "default", "const", "map", "transforms"]
        for (key, _, value) in try node.mapping(what, allowedKeys: keys) {
            switch key {
            case "from":
                rule.aliases = try value.texts("\(what).from")
                for alias in rule.aliases { try checkPath(alias, at: value) }
            case "required":
                rule.isRequired = try value.bool("\(what).required")
                if !rule.isRequired && field.isNeededByEngine {
                    throw value.error("'\(field.rawValue)' is needed to execute an order; give it a 'default' instead of required: false")
                }
            case "default": rule.defaultValue = try checkedValue(value, for: field, what: "\(what).default")
            case "const": rule.constant = try checkedValue(value, for: field, what: "\(what).const")
            case "map":
                for (mapKey, keyNode, mapped) in try value.mapping("\(what).map") {
                    let target = try checkedValue(mapped, for: field, what: "\(what).map.\(mapKey)")
                    guard rule.map.add(key: mapKey, value: target) else {
                        throw keyNode.error("'\(mapKey)' is mapped twice in \(what).map (keys ignore case and spaces)")
                    }
                }
            default:
                for element in try value.sequence("\(what).transforms") { rule.transforms.append(try readTransform(element)) }
            }
        }
        if rule.constant != nil, !rule.aliases.isEmpty || rule.defaultValue != nil {
            throw node.error("\(what) has 'const', which cannot be combined with 'from' or 'default'")
        }
        return rule
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
        case .qty, .price:
            guard let number = Decimal(exactly: text), number > 0 else { throw node.error("\(what) must be a number greater than 0") }
        case .symbol, .account, .id:
            guard !text.isEmpty else { throw node.error("\(what) must not be empty") }
        }
        return value
    }

    private static func readTransform(_ node: YAMLNode) throws(RulesError) -> Transform {
        let simple = Transform.simpleNames.keys.sorted().joined(separator: ", ")
        if case .scalar = node.node {
            let name = try node.text("a transform")
            guard let transform = Transform.simpleNames[name] else {
                throw node.error("unknown transform '\(name)'; expected one of: \(simple), or {regex: PATTERN}")
            }
            return transform
        }
        let members = try node.mapping("a transform", allowedKeys: ["regex"])
        guard let (_, _, value) = members.first else { throw node.error("a transform mapping needs 'regex'") }
        let source = try value.text("regex")
        do {
            return .regex(try Pattern(source))
        } catch {
            throw value.error("'\(source)' is not a valid regular expression")
        }
    }
}
