// MARK: - Body formats

extension RulesLoader {
    private static let separators: [String: DelimitedFormat.Separator] = [
        ",": .character(","), ";": .character(";"), "|": .character("|"), "tab": .character("\t"), "\t": .character("\t"),
        "whitespace": .whitespace,
    ]

    /// The keys each format takes.
    private static let optionsByFormat: [String: [String]] = [
        "json": ["format"], "delimited": ["format", "separator", "columns", "ignore_case"], "lines": ["format", "ignore_case"],
        "regex": ["format", "pattern"],
    ]

    /// `body: json`, or a mapping with `format: delimited | lines | regex` and that format's options.
    static func readBodyFormat(_ node: YAMLNode, problems: ProblemList) throws(RulesError) -> BodyFormat {
        if case .scalar = node.node {
            let name = try node.text("body")
            guard name == "json" else {
                throw node.error(
                    "body '\(name)' needs its options: {format: delimited, separator: ','}, {format: lines} or {format: regex, pattern: ...}"
                )
            }
            return .json
        }
        let members = try node.mapping("body", allowedKeys: Array(Set(optionsByFormat.values.joined())).sorted(), problems: problems)
        guard let formatNode = members.first(where: { $0.key == "format" })?.value else {
            throw node.error("body needs a 'format': json, delimited, lines or regex")
        }
        let format = try formatNode.text("body.format")
        guard let keys = optionsByFormat[format] else {
            throw formatNode.error("unknown body format '\(format)'; expected json, delimited, lines or regex")
        }
        for (key, keyNode, _) in members where !keys.contains(key) {
            problems.add(keyNode.error("'\(key)' does not apply to the \(format) format; it takes: \(keys.joined(separator: ", "))"))
        }
        let option = { (key: String) in members.first { $0.key == key }?.value }
        let ignoresCase = try option("ignore_case")?.bool("body.ignore_case") ?? false
        switch format {
        case "json": return .json
        case "lines": return .lines(LinesFormat(ignoresCase: ignoresCase))
        case "regex":
            guard let patternNode = option("pattern") else {
                throw node.error("the regex format needs a 'pattern' with named groups, like (?<symbol>\\S+)")
            }
            let pattern = try readPattern(patternNode, what: "body.pattern")
            guard !pattern.groupNames.isEmpty else {
                throw patternNode.error("the pattern has no named groups; name what fields read, like (?<symbol>\\S+)")
            }
            return .regex(pattern)
        default:
            guard let separatorNode = option("separator") else {
                throw node.error("the delimited format needs a 'separator': ',', ';', '|', tab or whitespace")
            }
            let written = try separatorNode.text("body.separator")
            guard let separator = separators[written] else {
                throw separatorNode.error("separator '\(written)' is not one of: ',', ';', '|', tab, whitespace")
            }
            var columns: [String] = []
            if let columnsNode = option("columns") {
                for column in try columnsNode.texts("body.columns") {
                    guard !column.isEmpty, column.first!.isLetter || column.first == "_", !column.contains(where: \.isWhitespace),
                        !column.contains(".")
                    else { throw columnsNode.error("column '\(column)' must be a name starting with a letter, without spaces or dots") }
                    guard !columns.contains(ignoresCase ? column.lowercased() : column) else {
                        throw columnsNode.error("column '\(column)' is named twice")
                    }
                    columns.append(ignoresCase ? column.lowercased() : column)
                }
            }
            return .delimited(DelimitedFormat(separator: separator, columns: columns, ignoresCase: ignoresCase))
        }
    }
}
