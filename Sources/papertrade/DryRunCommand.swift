import Adapters
import ArgumentParser
import Core
import Foundation
import JSON
import Ledger
import PostgresLedger
import SQLiteLedger
import Server

/// `papertrade dry-run`: shows how a payload would be read and filled, changing nothing.
struct DryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Show which adapter reads a payload (JSON or text), how each field is found, and the fill it would get."
    )

    @Option(help: "The rules file (env PAPERTRADE_ADAPTERS). Default: ./adapters.yaml if present, else the built-in rules.")
    var adapters: String?

    @Option(help: "Use this adapter instead of matching.")
    var adapter: String?

    @Option(help: "Quote against this account's real state in the ledger (read-only) instead of a fresh account.")
    var account: String?

    @OptionGroup var location: LedgerLocation

    @Option(help: "The account a signal trades when it names none, as the server's --default-account.")
    var defaultAccount = Account.defaultName

    @Option(help: "The cash of the fresh account the signal is filled on.")
    var freshCash = Account.defaultStartingCash

    @Flag(help: "Let the fresh account sell short.")
    var allowShort = false

    @Flag(help: "Print JSON for every outcome, errors included.")
    var json = false

    @Argument(help: "The payload file, or - for standard input.")
    var payload = "-"

    @OptionGroup var model: ExecutionModelOptions

    func validate() throws {
        guard freshCash >= 0, freshCash <= Limits.maximumAmount else { throw ValidationError("--fresh-cash must be from 0 to 1e15") }
        if quotesTheLedger {
            guard freshCash == Account.defaultStartingCash, !allowShort else {
                throw ValidationError(
                    "--fresh-cash and --allow-short describe a fresh account; --account, --data and --database-url quote a real one"
                )
            }
        }
    }

    func run() async throws {
        do {
            let (rules, _) = try AdapterSet.configured(path: adapters, environment: .current)
            let normalization = Normalizer(rules: rules).normalize(body: try readInput(payload), adapter: adapter)
            let ledger = try await ledgerToQuote()
            defer { if case .postgres(let storage) = ledger { storage.close() } }
            let name: String
            if let named = account ?? normalization.signal?.account { name = named } else { name = try await currentAccount(in: ledger) }
            let (quoted, marks, label) = try await accountToQuote(named: name, for: normalization.signal, in: ledger)
            let trace = DryRun(
                normalization: normalization,
                engine: Engine(model: try model.executionModel(environment: .current).0),
                account: quoted,
                accountName: name,
                marks: marks
            )
            print(json ? trace.json().prettyPrinted : trace.text(accountLabel: label))
            if !trace.succeeded { throw ExitCode.failure }
        } catch let error as InvalidRules {
            throw fail(error.description, code: "invalid_rules")
        } catch let error as DataDirectoryError {
            throw fail(error.message.english, code: error.code)
        } catch let error as CommandFailure {
            throw fail(error.message, code: "unreadable_input")
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("cannot read the ledger: \(PostgresStorage.describe(error))", code: "storage_unavailable")
        }
    }

    /// Where the account to quote lives: nowhere (a fresh account), a SQLite directory or a shared database.
    private enum QuotedLedger {
        case none
        case sqlite(directory: String)
        case postgres(PostgresStorage)
    }

    /// Whether the options ask for an account in a ledger rather than a fresh one.
    private var quotesTheLedger: Bool { account != nil || location.data != nil || location.databaseURL != nil }

    private func ledgerToQuote() async throws -> QuotedLedger {
        guard quotesTheLedger else { return .none }
        if let url = try location.postgres() { return .postgres(try await location.connect(url, migrating: false)) }
        return .sqlite(directory: location.directory)
    }

    /// The account a signal naming none trades: the ledger's current account when quoting against a ledger that has
    /// chosen one, else --default-account.
    private func currentAccount(in ledger: QuotedLedger) async throws -> String {
        switch ledger {
        case .none: defaultAccount
        case .sqlite(let directory): try LedgerSnapshot.currentAccount(directory: directory) ?? defaultAccount
        case .postgres(let storage): try await storage.currentAccount() ?? defaultAccount
        }
    }

    /// The account to quote against and how to name it: the ledger's when asked for, else a fresh one.
    private func accountToQuote(
        named name: String,
        for signal: Signal?,
        in ledger: QuotedLedger
    ) async throws
        -> (Account?, [String: Decimal], String)
    {
        guard signal != nil else { return (nil, [:], "") }
        var label = "account '\(name)' in \(try location.described())"
        if let named = signal?.account, named != name { label += " (the signal names '\(named)'; --account chose '\(name)')" }
        switch ledger {
        case .none:
            return (Account(name: name, cash: freshCash, allowsShortSelling: allowShort), [:], "a fresh account '\(name)'")
        case .sqlite(let directory):
            let snapshot = try LedgerSnapshot.account(named: name, directory: directory)
            return (snapshot.account, snapshot.marks, label)
        case .postgres(let storage):
            return (try await storage.account(named: name), try await storage.lastPrices(), label)
        }
    }

    /// The failure as the chosen output prints it: JSON on standard output, or a line on standard error.
    private func fail(_ message: String, code: String) -> ExitCode {
        guard json else { return CommandFailure(message).exit() }
        print(JSON.object(["error": .string(message), "code": .string(code)]).prettyPrinted)
        return ExitCode(CommandFailure.badInput)
    }
}
