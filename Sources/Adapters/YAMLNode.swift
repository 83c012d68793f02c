import Foundation
import JSON
import Yams

/// A YAML node with the file it came from, so every schema error can say `FILE:LINE:COLUMN`.
struct YAMLNode {
    let node: Node
    let file: String

    var line: Int { node.mark?.line ?? 1 }
    var column: Int { node.mark?.column ?? 1 }
    var location: String { "\(file):\(line):\(column)" }

    func error(_ message: String) -> RulesError {
        RulesError(file: file, line: line, column: column, message: message)
    }

    /// The members of a mapping. Duplicate and unknown keys are recorded in `problems` and skipped.
    func mapping(
        _ what: String,
        allowedKeys: [String]? = nil,
        problems: ProblemList
    ) throws(RulesError) -> [(
        key: String, keyNode: YAMLNode, value: YAMLNode
    )] {
        guard case .mapping(let mapping) = node else { throw error("\(what) must be a mapping, got \(kind)") }
        var seen = Set<String>()
        var members: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for (key, value) in mapping {
            let keyNode = YAMLNode(node: key, file: file)
            guard case .scalar(let scalar) = key else {
                problems.add(keyNode.error("keys in \(what) must be plain text"))
                continue
            }
            guard seen.insert(scalar.string).inserted else {
                problems.add(keyNode.error("duplicate key '\(scalar.string)' in \(what)"))
                continue
            }
            if let allowedKeys, !allowedKeys.contains(scalar.string) {
                problems.add(keyNode.error("unknown key '\(scalar.string)' in \(what); expected one of: \(allowedKeys.joined(separator: ", "))"))
                continue
            }
            members.append((scalar.string, keyNode, YAMLNode(node: value, file: file)))
        }
        return members
    }

    /// Whether this is a mapping with `key` among its keys.
    func hasKey(_ key: String) -> Bool {
        guard case .mapping(let mapping) = node else { return false }
        return mapping.keys.contains { $0.string == key }
    }

    func sequence(_ what: String) throws(RulesError) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw error("\(what) must be a list, got \(kind)") }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    /// A list of texts; a single text counts as a list of one.
    func texts(_ what: String) throws(RulesError) -> [String] {
        if case .scalar = node { return [try text(what)] }
        var texts: [String] = []
        for element in try sequence(what) { texts.append(try element.text(what)) }
        return texts
    }

    func text(_ what: String) throws(RulesError) -> String {
        guard case .scalar(let scalar) = node, json != .null else { throw error("\(what) must be text, got \(kind)") }
        return scalar.string
    }

    func bool(_ what: String) throws(RulesError) -> Bool {
        guard case .bool(let value) = json else { throw error("\(what) must be true or false") }
        return value
    }

    /// A scalar as JSON: null, boolean, a number when the plain text is a decimal, else a string.
    func scalar(_ what: String) throws(RulesError) -> JSON {
        guard case .scalar = node else { throw error("\(what) must be a single value, got \(kind)") }
        return json
    }

    /// The node as a JSON value, for example payloads.
    var json: JSON {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSON.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                guard let number = Decimal(exactly: scalar.string) else { return .string(scalar.string) }
                return .number(number.description)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence): return .array(sequence.map { YAMLNode(node: $0, file: file).json })
        case .mapping(let mapping):
            return .object(JSONObject(mapping.map { JSONObject.Member(key: $0.key.string ?? "", value: YAMLNode(node: $0.value, file: file).json) }))
        case .alias: return .null
        }
    }

    private var kind: String {
        switch node {
        case .scalar: json == .null ? "null" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}
