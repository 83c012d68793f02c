import Core
import Foundation
import JSON
import Yams

/// Reads adapters.yaml into an `AdapterSet`, refusing anything it does not understand with `FILE:LINE:COLUMN`.
///
/// Every problem in the file is reported in one run, not only the first.
public enum RulesLoader {
    /// Loads and validates the rules in the file at `path`.
    /// - throws: `InvalidRules` with every problem found.
    public static func load(path: String) throws(InvalidRules) -> AdapterSet {
        try load(yaml: YAMLNode.text(ofFile: path), file: path)
    }

    /// Loads and validates rules from YAML text; `file` names it in errors.
    /// - throws: `InvalidRules` with every problem found.
    public static func load(yaml: String, file: String) throws(InvalidRules) -> AdapterSet {
        let root = try YAMLNode.root(of: yaml, file: file, whenEmpty: "the file is empty; it needs an 'adapters' list")
        let problems = ProblemList()
        let rules = readRoot(root, problems: problems)
        guard problems.errors.isEmpty, let rules else { throw InvalidRules(problems.errors) }
        return rules
    }

    // MARK: - Schema

    private static func readRoot(_ root: YAMLNode, problems: ProblemList) -> AdapterSet? {
        var adapters: [Adapter] = []
        var sawAdapters = false
        let members = problems.collect { () throws(RulesError) in
            try root.mapping("the file", allowedKeys: ["version", "adapters"], problems: problems)
        }
        for (key, _, value) in members ?? [] {
            switch key {
            case "version":
                problems.collect { () throws(RulesError) in
                    guard try value.text("version") == "1" else { throw value.error("unsupported version; this papertrade reads version 1") }
                }
            default:
                sawAdapters = true
                var catchAll: String?
                for element in problems.collect({ () throws(RulesError) in try value.sequence("adapters") }) ?? [] {
                    guard let adapter = readAdapter(element, problems: problems) else { continue }
                    if adapters.contains(where: { $0.name == adapter.name }) {
                        problems.add(element.error("adapter name '\(adapter.name)' is used twice"))
                    }
                    if let catchAll {
                        problems.add(
                            element.error(
                                "adapter '\(adapter.name)' can never match: '\(catchAll)' above it has no match rule and reads every body; "
                                    + "move '\(adapter.name)' above it, or give '\(catchAll)' a match rule"
                            )
                        )
                    }
                    // An adapter whose match failed to load is not a catch-all: its error is reported already.
                    if adapter.match == nil, !element.hasKey("match") { catchAll = catchAll ?? adapter.name }
                    adapters.append(adapter)
                }
            }
        }
        guard sawAdapters, !adapters.isEmpty else {
            if members != nil, problems.errors.isEmpty { problems.add(root.error("the file needs an 'adapters' list with at least one adapter")) }
            return nil
        }
        return AdapterSet(adapters: adapters)
    }

    /// The adapter, or nil when its name cannot be read; other problems are recorded and the adapter kept for later checks.
    private static func readAdapter(_ node: YAMLNode, problems: ProblemList) -> Adapter? {
        let keys = ["name", "description", "body", "match", "fields", "examples", "security", "max_age", "dedupe_window"]
        guard let members = problems.collect({ () throws(RulesError) in try node.mapping("an adapter", allowedKeys: keys, problems: problems) })
        else {
            return nil
        }
        guard let nameNode = members.first(where: { $0.key == "name" })?.value else {
            problems.add(node.error("an adapter needs a 'name'"))
            return nil
        }
        guard let name = problems.collect({ () throws(RulesError) in try readName(nameNode) }) else { return nil }
        var adapter = Adapter(name: name, match: nil, fields: [:])
        if let bodyNode = members.first(where: { $0.key == "body" })?.value {
            adapter.format = problems.collect { () throws(RulesError) in try readBodyFormat(bodyNode, problems: problems) } ?? .json
        }
        var fieldsNode: YAMLNode?
        var fieldsTried: Set<TargetField> = []
        var exampleNodes: [YAMLNode] = []
        for (key, _, value) in members {
            switch key {
            case "description": adapter.description = problems.collect { () throws(RulesError) in try value.text("description") }
            case "match":
                var locations: [String: String] = [:]
                adapter.match = problems.collect { () throws(RulesError) in
                    try readMatch(value, format: adapter.format, problems: problems, locations: &locations)
                }
                adapter.matchLocations = locations
            case "fields":
                fieldsNode = value
                (adapter.fields, fieldsTried) = readFields(value, format: adapter.format, problems: problems)
            case "examples": exampleNodes = problems.collect { () throws(RulesError) in try value.sequence("examples") } ?? []
            case "security": adapter.security = readSecurity(value, problems: problems)
            case "max_age": adapter.maxAge = problems.collect { () throws(RulesError) in try readSeconds(value, "max_age") }
            case "dedupe_window": adapter.dedupeWindow = problems.collect { () throws(RulesError) in try readSeconds(value, "dedupe_window") }
            default: break
            }
        }
        guard let fieldsNode else {
            problems.add(node.error("adapter '\(name)' needs 'fields'"))
            return adapter
        }
        if adapter.maxAge != nil, adapter.fields[.time] == nil, let maxAgeNode = members.first(where: { $0.key == "max_age" })?.value {
            problems.add(maxAgeNode.error("max_age needs a 'time' field: say where the signal's time comes from"))
        }
        // A field whose own rule failed to load was reported already.
        // With an action, exits and targets need no side, and exits no quantity; the payload decides.
        let neededFields = TargetField.allCases.filter {
            $0.isNeeded(for: adapter.fields[.action] == nil ? nil : SignalAction(intent: .exit(only: nil)))
        }
        for field in neededFields where adapter.fields[field] != nil || !fieldsTried.contains(field) {
            if let rule = adapter.fields[field], !rule.aliases.isEmpty || rule.constant != nil || rule.defaultValue != nil || rule.template != nil {
                continue
            }
            problems.add(
                fieldsNode.error(
                    "adapter '\(name)' does not say where '\(field.rawValue)' comes from (give 'from', 'template', 'const' or 'default')"
                )
            )
        }
        for exampleNode in exampleNodes {
            if let example = problems.collect({ () throws(RulesError) in
                try readExample(exampleNode, index: adapter.examples.count + 1, problems: problems)
            }) {
                adapter.examples.append(example)
            }
        }
        return adapter
    }

    /// A whole number of seconds from 1 to a week.
    private static func readSeconds(_ node: YAMLNode, _ what: String) throws(RulesError) -> Int {
        let text = try node.text(what)
        guard let seconds = Int(text), (1...604_800).contains(seconds) else {
            throw node.error("\(what) must be a whole number of seconds from 1 to 604800 (a week), got '\(text)'")
        }
        return seconds
    }

    private static func readName(_ node: YAMLNode) throws(RulesError) -> String {
        let name = try node.text("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw node.error("adapter name '\(name)' must be letters, digits, '_' or '-' (it is used in the URL /api/webhook/NAME)")
        }
        return name
    }

    /// Checks a path an adapter reads: dotted names for JSON, one name for text, a group name for a regex body.
    static func checkPath(_ path: String, at node: YAMLNode, format: BodyFormat) throws(RulesError) {
        if path.contains("{") || path.contains("}") {
            throw node.error("'\(path)' looks like a template, not a path; write it as {template: \"\(path)\"}")
        }
        if path.contains(where: \.isWhitespace) {
            throw node.error("'\(path)' is not a valid path: it contains spaces")
        }
        guard !path.isEmpty, !path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw node.error("'\(path)' is not a valid path: use names separated by dots, like signal.instrument")
        }
        if let known = format.knownPaths, !known.contains(path) {
            let names = known.isEmpty ? "it has no named groups" : "its groups are: \(known.joined(separator: ", "))"
            throw node.error("'\(path)' is not a named group of the body pattern; \(names)")
        }
        if case .delimited = format, let position = Int(path), position < 1 || String(position) != path {
            throw node.error("'\(path)' is not a position: positions are written 1, 2, 3, …")
        }
    }
}
