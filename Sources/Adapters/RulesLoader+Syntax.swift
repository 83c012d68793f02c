import Yams

// MARK: - Reading YAML files

extension YAMLNode {
    /// The text of a file, or why it cannot be read, as a problem at its first line.
    static func text(ofFile path: String) throws(InvalidRules) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InvalidRules([RulesError(file: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")])
        }
    }

    /// The root node of YAML text; a syntax error stops here, at its line, and an empty file says `whenEmpty`.
    static func root(of yaml: String, file: String, whenEmpty: String) throws(InvalidRules) -> YAMLNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw InvalidRules([RulesLoader.syntaxError(error, file: file, yaml: yaml)])
        } catch {
            throw InvalidRules([RulesError(file: file, line: 1, column: 1, message: "cannot parse YAML")])
        }
        guard let root else { throw InvalidRules([RulesError(file: file, line: 1, column: 1, message: whenEmpty)]) }
        return YAMLNode(node: root, file: file)
    }
}

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
