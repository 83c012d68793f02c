// MARK: - Match conditions

extension RulesLoader {
    static let matchKeys = ["present", "absent", "equals", "regex", "body", "body_regex", "not", "any", "all"]

    /// A match mapping: every key is a condition, and all of them must hold. `locations` gets where each condition is
    /// written (`Adapter.matchLocations`).
    static func readMatch(
        _ node: YAMLNode,
        format: BodyFormat,
        problems: ProblemList,
        locations: inout [String: String]
    ) throws(RulesError) -> MatchCondition {
        var conditions: [MatchCondition] = []
        func written(_ key: String, at node: YAMLNode) {
            if locations[key] == nil { locations[key] = node.location }
        }
        let members = try node.mapping("match", allowedKeys: matchKeys, problems: problems)
        if case .mapping(let written) = node.node, written.isEmpty {
            throw node.error("match lists no condition; leave 'match' out for a catch-all")
        }
        for (key, _, value) in members {
            problems.collect { () throws(RulesError) in
                switch key {
                case "present", "absent":
                    let paths = try value.texts("match.\(key)")
                    guard !paths.isEmpty else { throw value.error("match.\(key) lists no path") }
                    for path in paths {
                        try checkPath(path, at: value, format: format)
                        written("path:\(path)", at: value)
                        conditions.append(key == "present" ? .present(Document.Path(path)) : .not(.present(Document.Path(path))))
                    }
                case "equals":
                    let members = try value.mapping("match.equals", problems: problems)
                    guard !members.isEmpty else { throw value.error("match.equals lists no path") }
                    for (path, keyNode, expected) in members {
                        try checkPath(path, at: keyNode, format: format)
                        written("path:\(path)", at: keyNode)
                        var texts: [String] = []
                        for element in (try? expected.sequence("")) ?? [expected] {
                            guard let text = try element.scalar("match.equals.\(path)").scalarText else {
                                throw element.error("match.equals.\(path) must be text, a number or a boolean, or a list of them")
                            }
                            texts.append(text)
                        }
                        guard !texts.isEmpty else { throw expected.error("match.equals.\(path) lists no value") }
                        conditions.append(.equals(Document.Path(path), texts))
                    }
                case "regex":
                    let members = try value.mapping("match.regex", problems: problems)
                    guard !members.isEmpty else { throw value.error("match.regex lists no path") }
                    for (path, keyNode, pattern) in members {
                        try checkPath(path, at: keyNode, format: format)
                        written("path:\(path)", at: keyNode)
                        conditions.append(.regex(Document.Path(path), try readPattern(pattern, what: "match.regex.\(path)")))
                    }
                case "body":
                    written("body", at: value)
                    switch try value.text("match.body") {
                    case "json": conditions.append(.bodyIsJSON(true))
                    case "text": conditions.append(.bodyIsJSON(false))
                    case let other: throw value.error("match.body is '\(other)'; expected json or text")
                    }
                case "body_regex":
                    written("body_regex", at: value)
                    conditions.append(.bodyRegex(try readPattern(value, what: "match.body_regex")))
                case "not": conditions.append(.not(try readMatch(value, format: format, problems: problems, locations: &locations)))
                default:
                    let elements = try value.sequence("match.\(key)")
                    guard !elements.isEmpty else { throw value.error("match.\(key) lists no condition") }
                    var nested: [MatchCondition] = []
                    for element in elements {
                        if let condition = problems.collect({ () throws(RulesError) in
                            try readMatch(element, format: format, problems: problems, locations: &locations)
                        }) {
                            nested.append(condition)
                        }
                    }
                    conditions.append(key == "any" ? .any(nested) : .all(nested))
                }
            }
        }
        return conditions.count == 1 ? conditions[0] : .all(conditions)
    }
}
