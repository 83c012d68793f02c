import Adapters
import ArgumentParser
import Foundation

/// `papertrade check [FILE]`: validates adapter rules and runs their examples.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate adapters.yaml and run every adapter's examples."
    )

    @Argument(help: "The rules file.")
    var file = "adapters.yaml"

    @Option(help: "The instruments file to check too (env PAPERTRADE_INSTRUMENTS). Default: ./instruments.yaml when present.")
    var instruments: String?

    func run() throws {
        let rules: AdapterSet
        var problems: [RulesError] = []
        do {
            rules = try RulesLoader.load(path: file)
        } catch {
            problems = error.errors
            rules = AdapterSet(adapters: [])
        }
        let instrumentsFile =
            instruments ?? Environment.current["PAPERTRADE_INSTRUMENTS"]
            ?? (FileManager.default.fileExists(atPath: "instruments.yaml") ? "instruments.yaml" : nil)
        var instrumentCount = 0
        if let instrumentsFile {
            do {
                instrumentCount = try InstrumentsLoader.load(path: instrumentsFile).entries.count
            } catch {
                problems += error.errors
            }
        }
        guard problems.isEmpty else { throw CommandFailure(problems.map(\.description).joined(separator: "\n")).exit() }
        if let instrumentsFile { print("\(instrumentsFile): \(instrumentCount) instrument patterns") }
        let (count, failures) = ExampleRunner(rules: rules).run()
        for failure in failures { print(failure) }
        let names = rules.adapters.map(\.name).joined(separator: ", ")
        let adapters = rules.adapters.count == 1 ? "1 adapter" : "\(rules.adapters.count) adapters"
        print("\(file): \(adapters) (\(names)), \(count - failures.count) of \(count) examples pass")
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
