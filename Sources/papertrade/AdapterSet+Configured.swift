import Adapters
import Foundation

extension AdapterSet {
    /// The rules a command uses and where they came from: the given file, else PAPERTRADE_ADAPTERS, else
    /// ./adapters.yaml when there is one, else the built-in copy.
    static func configured(path: String?, environment: Environment) throws -> (AdapterSet, String) {
        if let path = path ?? environment["PAPERTRADE_ADAPTERS"] { return (try RulesLoader.load(path: path), path) }
        if FileManager.default.fileExists(atPath: "adapters.yaml") { return (try RulesLoader.load(path: "adapters.yaml"), "adapters.yaml") }
        return (try DefaultRules.load(), "built-in rules")
    }
}
