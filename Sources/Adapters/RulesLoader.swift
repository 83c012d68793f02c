import Core
import Foundation
import JSON
import Yams

/// Reads adapters.yaml into an `AdapterSet`, refusing anything it does not understand with `FILE:LINE:COLUMN`.
public enum RulesLoader {
    /// Loads and validates the rules in the file at `path`.
    public static func load(path: String) throws(RulesError) -> AdapterSet {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RulesError(file: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try load(yaml: text, file: path)
    }

    /// Loads and validates rules from YAML text; `file` names it in errors.
    public static func load(yaml: String, file: String) throws(RulesError) -> AdapterSet {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw RulesError(file: file, line: 1, column: 1, message: "cannot parse YAML")
        }
        guard let root else { throw RulesError(file: file, line: 1, column: 1, message: "the file is empty; it needs an 'adapters' list") }
        return try readRoot(YAMLNode(node: root, file: file))
    }

    private static func syntaxError(_ error: YamlError, file: String) -> RulesError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RulesError(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RulesError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key '\(duplicates.joined(separator: "', '"))'"
            )
        default:
            return RulesError(file: file, line: 1, column: 1, message: "YAML error: \(error)")
        }
    }

    // MARK: - Schema

    private static func readRoot(_ root: YAMLNode) throws(RulesError) -> AdapterSet {
        var adapters: [Adapter] = []
        var sawAdapters = false
        for (key, _, value) in try root.mapping("the file", allowedKeys: ["version", "adapters"]) {
            switch key {
            case "version":
                guard try value.text("version") == "1" else { throw value.error("unsupported version; this papertrade reads version 1") }
            default:
                sawAdapters = true
                for element in try value.sequence("adapters") {
                    let adapter = try readAdapter(element)
                    if adapters.contains(where: { $0.name == adapter.name }) {
                        throw element.error("adapter name '\(adapter.name)' is used twice")
                    }
                    adapters.append(adapter)
                }
            }
        }
        guard sawAdapters, !adapters.isEmpty else { throw root.error("the file needs an 'adapters' list with at least one adapter") }
        return AdapterSet(adapters: adapters)
    }

    private static func readAdapter(_ node: YAMLNode) throws(RulesError) -> Adapter {
        let members = try node.mapping("an adapter", allowedKeys: ["name", "description", "match", "fields", "examples"])
        guard let nameNode = members.first(where: { $0.key == "name" })?.value else { throw node.error("an adapter needs a 'name'") }
        let name = try nameNode.text("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw nameNode.error("adapter name '\(name)' must be letters, digits, '_' or '-' (it is used in the URL /api/webhook/NAME)")
        }
        var adapter = Adapter(name: name, match: nil, fields: [:])
        var fieldsNode: YAMLNode?
        var exampleNodes: [YAMLNode] = []
        for (key, _, value) in members {
            switch key {
            case "description": adapter.description = try value.text("description")
            case "match": adapter.match = try readMatch(value)
            case "fields":
                fieldsNode = value
                adapter.fields = try readFields(value, adapter: name)
            case "examples": exampleNodes = try value.sequence("examples")
            default: break
            }
        }
        guard let fieldsNode else { throw node.error("adapter '\(name)' needs 'fields'") }
        for field in TargetField.allCases where field.isNeededByEngine {
            let rule = adapter.fields[field]
            if rule == nil || (rule!.aliases.isEmpty && rule!.constant == nil && rule!.defaultValue == nil) {
                throw fieldsNode.error("adapter '\(name)' does not say where '\(field.rawValue)' comes from (give 'from', 'const' or 'default')")
            }
        }
        for exampleNode in exampleNodes {
            adapter.examples.append(try readExample(exampleNode, index: adapter.examples.count + 1))
        }
        return adapter
    }

    private static func readMatch(_ node: YAMLNode) throws(RulesError) -> MatchRule {
        var rule = MatchRule()
        for (key, _, value) in try node.mapping("match", allowedKeys: ["present", "equals"]) {
            if key == "present" {
                rule.present = try value.texts("match.present")
                for path in rule.present { try checkPath(path, at: value) }
            } else {
                for (path, keyNode, expected) in try value.mapping("match.equals") {
                    try checkPath(path, at: keyNode)
                    guard let text = try expected.scalar("match.equals.\(path)").scalarText else {
                        throw expected.error("match.equals.\(path) must be text, a number or a boolean")
                    }
                    rule.equals.append((path, text))
                }
            }
        }
        return rule
    }

    private static func checkPath(_ path: String, at node: YAMLNode) throws(RulesError) {
        guard !path.isEmpty, !path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw node.error("'\(path)' is not a valid path: use names separated by dots, like signal.instrument")
        }
    }

    private static func readFields(_ node: YAMLNode, adapter: String) throws(RulesError) -> [TargetField: FieldRule] {
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

    private static let exampleErrorCodes = [
        "invalid_json", "invalid_payload", "unknown_adapter", "no_matching_adapter", "missing_field", "invalid_number",
        "invalid_field", "unknown_side",
    ]

    private static func readExample(_ node: YAMLNode, index: Int) throws(RulesError) -> Example {
        let members = try node.mapping("an example", allowedKeys: ["name", "payload", "body", "by_name", "expect", "error"])
        var name = "example \(index)"
        var body: String?
        var selectsByName = false
        var expectation: Example.Expectation?
        for (key, _, value) in members {
            switch key {
            case "name": name = try value.text("name")
            case "payload", "body":
                guard body == nil else { throw value.error("an example has either 'payload' or 'body', not both") }
                body = key == "payload" ? value.json.serialized : try value.text("body")
            case "by_name": selectsByName = try value.bool("by_name")
            case "expect":
                guard expectation == nil else { throw value.error("an example has either 'expect' or 'error', not both") }
                var expected: [TargetField: String] = [:]
                for (fieldName, _, fieldValue) in try value.mapping("expect", allowedKeys: TargetField.allCases.map(\.rawValue)) {
                    guard let text = try fieldValue.scalar("expect.\(fieldName)").scalarText else {
                        throw fieldValue.error("expect.\(fieldName) must be text or a number")
                    }
                    expected[TargetField(rawValue: fieldName)!] = text
                }
                expectation = .signal(expected)
            default:
                guard expectation == nil else { throw value.error("an example has either 'expect' or 'error', not both") }
                let code = try value.text("error")
                guard exampleErrorCodes.contains(code) else {
                    throw value.error("unknown error code '\(code)'; expected one of: \(exampleErrorCodes.joined(separator: ", "))")
                }
                expectation = .error(code)
            }
        }
        guard let body else { throw node.error("example '\(name)' needs a 'payload' (or a raw 'body')") }
        guard let expectation else { throw node.error("example '\(name)' needs 'expect' (the signal) or 'error' (a code)") }
        return Example(name: name, body: body, selectsByName: selectsByName, expectation: expectation, location: node.location)
    }
}
