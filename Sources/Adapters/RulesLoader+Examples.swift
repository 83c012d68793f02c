import JSON

// MARK: - Examples embedded in adapters

extension RulesLoader {
    private static let exampleErrorCodes = [
        "invalid_json", "invalid_body", "invalid_payload", "unknown_adapter", "no_matching_adapter", "missing_field", "invalid_number",
        "invalid_field", "unknown_side", "unknown_action",
    ]

    static func readExample(_ node: YAMLNode, index: Int, problems: ProblemList) throws(RulesError) -> Example {
        let members = try node.mapping("an example", allowedKeys: ["name", "payload", "body", "by_name", "expect", "error"], problems: problems)
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
                for (fieldName, _, fieldValue) in try value.mapping(
                    "expect",
                    allowedKeys: TargetField.allCases.filter { $0 != .token }.map(\.rawValue),
                    problems: problems
                ) {
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
