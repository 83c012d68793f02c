import ArgumentParser
import Foundation
import Ledger
import SQLiteLedger
import Server

#if canImport(Glibc)
import Glibc
#endif

/// `papertrade user add|list|remove|passwd|token`: who may sign in to the web page and the read API.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the users of the web page and the read API.",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, Token.self]
    )

    /// Where a new password comes from: an environment variable, or standard input (asked twice on a terminal).
    struct PasswordSource: ParsableArguments {
        @Option(help: "Read the password from this environment variable instead of standard input.")
        var passwordEnv: String?

        func read() throws -> String {
            let password: String
            if let name = passwordEnv {
                guard let value = Environment.current[name] else { throw CommandFailure("environment variable \(name) is not set").exit() }
                password = value
            } else if isatty(STDIN_FILENO) != 0 {
                let first = String(cString: getpass("Password: "))
                guard String(cString: getpass("Again: ")) == first else { throw CommandFailure("the passwords differ").exit() }
                password = first
            } else {
                password = readLine(strippingNewline: true) ?? ""
            }
            if let problem = Passwords.problem(with: password) { throw CommandFailure(problem).exit() }
            return password
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password comes from standard input or --password-env.")

        @Argument(help: "The login name.")
        var name: String

        @Option(help: "admin (reads, trades by hand, manages accounts) or viewer (reads only).")
        var role: Role

        @OptionGroup var password: PasswordSource
        @OptionGroup var location: LedgerLocation

        func validate() throws {
            if let problem = User.problem(withName: name) { throw ValidationError(problem) }
        }

        func run() async throws {
            let secret = try password.read()
            let storage = try await location.open(create: true)
            do {
                try await storage.addUser(User(name: name, role: role), passwordHash: try await Passwords.hash(secret), createdAt: Date())
            } catch let error as LedgerError {
                throw CommandFailure(error.message.english).exit()
            }
            print("added \(role.rawValue) '\(name)'")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles.")

        @OptionGroup var location: LedgerLocation

        func run() async throws {
            for user in try await location.open().users() { print("\(user.name)\t\(user.role.rawValue)") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user, their sessions and their API tokens.")

        @Argument var name: String
        @OptionGroup var location: LedgerLocation

        func run() async throws {
            guard try await location.open().removeUser(named: name) else { throw CommandFailure("no user '\(name)'").exit() }
            print("removed '\(name)'")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password; their sessions end.")

        @Argument var name: String
        @OptionGroup var password: PasswordSource
        @OptionGroup var location: LedgerLocation

        func run() async throws {
            let storage = try await location.open()
            guard try await storage.credentials(user: name) != nil else { throw CommandFailure("no user '\(name)'").exit() }
            _ = try await storage.setPasswordHash(try await Passwords.hash(try password.read()), user: name)
            print("password of '\(name)' changed; their sessions ended")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new API token for a user, once: scripts send it as 'Authorization: Bearer TOKEN' with the user's role."
        )

        @Argument var name: String

        @Flag(help: "Revoke every API token of the user instead.")
        var revoke = false

        @OptionGroup var location: LedgerLocation

        func run() async throws {
            let storage = try await location.open()
            guard try await storage.credentials(user: name) != nil else { throw CommandFailure("no user '\(name)'").exit() }
            if revoke {
                print("revoked \(try await storage.removeTokens(user: name)) API token(s) of '\(name)'")
                return
            }
            let token = Secret.generate(.apiToken)
            try await storage.addToken(digest: Secret.digest(token), user: name, createdAt: Date())
            print(token)
        }
    }
}

extension Role: ExpressibleByArgument {}
