import Yams

// MARK: - YAML syntax errors

extension RulesLoader {
    /// A syntax error at the line the user got wrong, with a hint when the cause is likely indentation.
    static func syntaxError(_ error: YamlError, file: String, yaml: String) -> RulesError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            if indentationProblems.contains(where: problem.contains) {
                message +=
                    "; check the indentation of line \(mark.line): the keys of one mapping, and the items of one list, start in the same column"
            }
            return RulesError(file: file, line: mark.line, column: mark.column, message: message)
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

    /// libyaml's complaints that usually mean a line is indented wrongly.
    private static let indentationProblems = [
        "mapping values are not allowed", "did not find expected key", "did not find expected '-' indicator", "could not find expected ':'",
    ]
}
