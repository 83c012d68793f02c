import Foundation

/// The process environment, with `./.env` filling in what the environment does not set.
struct Environment {
    let values: [String: String]

    subscript(name: String) -> String? { values[name] }

    /// The ledger's directory: the option given, else PAPERTRADE_DATA, else ./data.
    func dataDirectory(_ option: String?) -> String {
        option ?? values["PAPERTRADE_DATA"] ?? "./data"
    }

    static var current: Environment {
        let dotEnv = (try? String(contentsOfFile: ".env", encoding: .utf8)).map(parseDotEnv) ?? [:]
        return Environment(values: dotEnv.merging(ProcessInfo.processInfo.environment) { $1 })
    }

    /// `KEY=value` lines; `export ` prefixes, comments, blank lines and surrounding quotes are allowed.
    static func parseDotEnv(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("export ") { line.removeFirst("export ".count) }
            guard !line.hasPrefix("#"), let separator = line.firstIndex(of: "=") else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}
