import Foundation
import Server

/// The process environment, with `./.env` filling in what the environment does not set.
struct Environment {
    let values: [String: String]

    subscript(name: String) -> String? { values[name] }

    /// The ledger's directory: the option given, else PAPERTRADE_DATA, else ./data.
    func dataDirectory(_ option: String?) -> String {
        option ?? values["PAPERTRADE_DATA"] ?? "./data"
    }

    static var current: Environment {
        let process = ProcessInfo.processInfo.environment
        let dotEnv = (try? String(contentsOfFile: ".env", encoding: .utf8)).map { DotEnv.parse($0, environment: process) } ?? [:]
        return Environment(values: dotEnv.merging(process) { $1 })
    }
}
