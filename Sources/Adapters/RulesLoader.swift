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
                file: file,
                line: context.mark.line,
                column: context.mark.column,
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

    static func checkPath(_ path: String, at node: YAMLNode) throws(RulesError) {
        guard !path.isEmpty, !path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw node.error("'\(path)' is not a valid path: use names separated by dots, like signal.instrument")
        }
    }
}
