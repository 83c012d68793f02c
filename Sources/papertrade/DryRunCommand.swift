import Adapters
import ArgumentParser
import Core
import Foundation
import JSON
import Server

/// `papertrade dry-run`: shows how a payload would be read and filled, changing nothing.
struct DryRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Show which adapter reads a payload, how each field is found, and the fill it would get."
    )

    @Option(help: "The rules file.")
    var adapters = "adapters.yaml"

    @Option(help: "Use this adapter instead of matching.")
    var adapter: String?

    @Option(help: "The cash of the fresh account the signal is filled on.")
    var freshCash = Account.defaultStartingCash

    @Flag(help: "Print the trace as JSON.")
    var json = false

    @Argument(help: "The payload file, or - for standard input.")
    var payload = "-"

    func run() throws {
        do {
            let rules = try RulesLoader.load(path: adapters)
            let body = try readInput(payload)
            let parsed = try JSONParser.parse(body)
            guard case .object = parsed else { throw CommandFailure("\(payload): the payload must be a JSON object, got \(parsed.typeName)") }
            let normalization = Normalizer(rules: rules).normalize(payload: parsed, adapter: adapter)
            let freshAccount = normalization.signal.map { Account(name: $0.account ?? Account.defaultName, cash: freshCash) }
            let trace = DryRun(normalization: normalization, engine: Engine(), account: freshAccount, defaultAccountName: Account.defaultName)
            print(json ? trace.json().prettyPrinted : trace.text)
            if !trace.succeeded { throw ExitCode.failure }
        } catch let error as RulesError {
            throw CommandFailure(error.description).exit()
        } catch let error as JSONParser.Error {
            throw CommandFailure("\(payload): not valid JSON: \(error)").exit()
        } catch let error as CommandFailure {
            throw error.exit()
        }
    }
}
