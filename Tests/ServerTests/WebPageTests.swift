import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Server

/// The page is served from the binary, loads nothing from elsewhere, and is the web/ folder as committed.
@Suite struct WebPageTests {
    @Test(arguments: [TestingSetup.router, .live])
    func thePageAndItsAssetsAreServedWithAPolicyThatAllowsNothingElse(_ setup: TestingSetup) async throws {
        try await Harness().run(setup) { client, _ in
            for (path, type) in [("/", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css")] {
                let response = try await client.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            }
            let page = try await client.get("/").text
            #expect(page.contains(#"<script src="/app.js"></script>"#))
            for reference in [#"src="http"#, #"href="http"#, "url(http", "@import"] {
                #expect(!page.contains(reference), "nothing is loaded from the internet")
            }
        }
    }

    @Test func theEmbeddedAssetsAreTheWebFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../web").standardized
        for (file, embedded) in [("index.html", WebAssets.html), ("app.css", WebAssets.css), ("app.js", WebAssets.javascript)] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(text == embedded + "\n" || text == embedded, "run scripts/embed-web after editing web/\(file)")
        }
    }
}
