import Foundation
import Server
import Testing

/// `.env` as python-dotenv reads it: every case of `Tests/fixtures/dotenv-cases.json`, whose answers
/// `Tests/python/test_dotenv.py` checks against python-dotenv's own `dotenv_values`.
@Suite struct DotEnvTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var `case`: String
            var text: String
            var expected: [String: String]
        }

        var environment: [String: String]
        var cases: [Case]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../fixtures/dotenv-cases.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    @Test(arguments: fixture.cases.map(\.case))
    func eachCaseReadsAsPythonDotenvReadsIt(_ name: String) throws {
        let entry = try #require(Self.fixture.cases.first { $0.case == name })
        #expect(DotEnv.parse(entry.text, environment: Self.fixture.environment) == entry.expected, "\(entry.text.debugDescription)")
    }

    @Test func theTokenOfTheIssueIsTheWordBeforeItsComment() {
        #expect(DotEnv.parse("WEBHOOK_TOKEN=abc # prod token") == ["WEBHOOK_TOKEN": "abc"])
    }
}
