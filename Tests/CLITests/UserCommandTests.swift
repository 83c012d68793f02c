import Foundation
import Testing

/// `papertrade user`: adding, listing, removing users, changing passwords and printing API tokens.
@Suite struct UserCommandTests {
    private let data = FileManager.default.temporaryDirectory.appendingPathComponent("papertrade-users-\(UUID().uuidString)").path

    private func user(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> CommandRunner.Output {
        try CommandRunner.run(["user"] + arguments + ["--data", data], stdin: stdin, environment: environment)
    }

    @Test func usersAreAddedListedChangedAndRemoved() throws {
        let added = try user(["add", "root", "--role", "admin"], stdin: "a long password\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "added admin 'root'\n")
        let viewer = try user(["add", "ana", "--role", "viewer", "--password-env", "ANA_PW"], environment: ["ANA_PW": "another password"])
        #expect(viewer.status == 0, "\(viewer.stderr)")
        #expect(try user(["list"]).stdout == "ana\tviewer\nroot\tadmin\n")

        let token = try user(["token", "ana"])
        #expect(token.status == 0 && token.stdout.hasPrefix("ptu_") && token.stdout.count == 48, "\(token.stdout)")
        #expect(try user(["token", "ana"]).stdout != token.stdout, "a new token every time")
        #expect(try user(["token", "ana", "--revoke"]).stdout == "revoked 2 API token(s) of 'ana'\n")

        #expect(try user(["passwd", "ana"], stdin: "a third password\n").status == 0)
        #expect(try user(["remove", "ana"]).stdout == "removed 'ana'\n")
        #expect(try user(["list"]).stdout == "root\tadmin\n")
    }

    @Test(arguments: [
        (["add", "root", "--role", "admin"], "short\n", "at least 8 characters"),
        (["add", "root", "--role", "owner"], "a long password\n", "owner"),
        (["add", "two words", "--role", "admin"], "a long password\n", "spaces"),
        (["add", "root", "--role", "admin", "--password-env", "NOT_SET_ANYWHERE"], nil, "NOT_SET_ANYWHERE is not set"),
        (["remove", "nobody"], nil, "no user 'nobody'"),
        (["token", "nobody"], nil, "no user 'nobody'"),
        (["passwd", "nobody"], "a long password\n", "no user 'nobody'"),
    ])
    func mistakesAreRefusedWithTheirReason(_ arguments: [String], _ stdin: String?, _ message: String) throws {
        #expect(try CommandRunner.run(["account", "list", "--data", data]).status == 0, "a ledger to make mistakes in")
        let output = try user(arguments, stdin: stdin)
        #expect(output.status != 0)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(try user(["list"]).stdout == "", "nothing was added")
    }

    @Test func aMistypedDataDirectoryIsNotANewLedger() throws {
        for arguments in [["list"], ["remove", "root"], ["token", "root"]] {
            let output = try user(arguments)
            #expect(output.status != 0 && output.stderr.contains("No ledger in"), "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: data + "/papertrade.sqlite"))
    }

    @Test func aTakenNameIsRefused() throws {
        #expect(try user(["add", "root", "--role", "admin"], stdin: "a long password\n").status == 0)
        let again = try user(["add", "root", "--role", "viewer"], stdin: "a long password\n")
        #expect(again.status != 0 && again.stderr.contains("User 'root' already exists"))
        #expect(try user(["list"]).stdout == "root\tadmin\n")
    }
}
