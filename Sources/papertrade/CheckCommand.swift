import Adapters
import ArgumentParser

/// `papertrade check [FILE]`: validates adapter rules and runs their examples.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate adapters.yaml and run every adapter's examples."
    )

    @Argument(help: "The rules file.")
    var file = "adapters.yaml"

    func run() throws {
        let rules: AdapterSet
        do {
            rules = try RulesLoader.load(path: file)
        } catch {
            throw CommandFailure(error.description).exit()
        }
        let (count, failures) = ExampleRunner(rules: rules).run()
        for failure in failures { print(failure) }
        let names = rules.adapters.map(\.name).joined(separator: ", ")
        print("\(file): \(rules.adapters.count) adapters (\(names)), \(count - failures.count) of \(count) examples pass")
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
