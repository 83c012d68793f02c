import ArgumentParser
import Core
import Foundation
import Ledger
import SQLiteLedger
import Server

/// `papertrade account add|list|token`: manage paper accounts in a data directory.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Add or list paper accounts, and give them webhook tokens.",
        subcommands: [Add.self, List.self, Token.self]
    )

    struct Location: ParsableArguments {
        @OptionGroup var ledger: LedgerLocation
        @OptionGroup var defaultAccount: DefaultAccountOptions

        func open() async throws -> Ledger {
            try await Ledger.open(
                storage: try await ledger.open(create: true),
                defaultAccount: Account(name: defaultAccount.defaultAccount, cash: defaultAccount.defaultCash),
                deliveryRetention: nil
            )
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; any Unicode name, such as 策略A.")

        @Argument(help: "The account's name.")
        var name: String

        @Option(help: "Starting cash, from 0 to 1e15.")
        var cash: Decimal

        func validate() throws {
            guard cash >= 0, cash <= Limits.maximumAmount else { throw ValidationError("--cash must be from 0 to 1e15, got \(cash)") }
        }

        @Flag(help: "Let sells larger than the position open a short position.")
        var allowShort = false

        @OptionGroup var location: Location

        func run() async throws {
            let ledger = try await location.open()
            do {
                try await ledger.addAccount(Account(name: name, cash: cash, allowsShortSelling: allowShort))
            } catch let error as LedgerError {
                throw CommandFailure(error.message.english, code: 1).exit()
            }
            print("added account '\(name)' with cash \(cash)\(allowShort ? ", short selling allowed" : "")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts with cash and equity.")

        @OptionGroup var location: Location

        func run() async throws {
            let ledger = try await location.open()
            for statement in try await ledger.statements() {
                print(
                    "\(statement.account.name)\tcash \(statement.account.cash)\tequity \(statement.equity)\tpositions \(statement.account.positions.count)"
                )
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new webhook token bound to an account, once: signals sent with it trade that account only."
        )

        @Argument(help: "The account the token trades.")
        var name: String

        @Flag(help: "Revoke every token of the account instead.")
        var revoke = false

        @OptionGroup var location: LedgerLocation

        func run() async throws {
            let storage = try await location.open()
            if revoke {
                print("revoked \(try await storage.removeAccountTokens(account: name)) token(s) of account '\(name)'")
                return
            }
            let token = Secret.generate(.accountToken)
            do {
                try await storage.addAccountToken(digest: Secret.digest(token), account: name, createdAt: Date())
            } catch let error as LedgerError {
                throw CommandFailure("cannot make a token: \(error.message.english)", code: 1).exit()
            }
            print(token)
        }
    }
}
