import Adapters
import Foundation
import Testing

/// Every rules file shown in docs/adapters.md loads and its examples pass, or, when the doc shows
/// `papertrade check` output after it, gives exactly those errors.
@Suite struct DocumentationTests {
    /// A fenced block of the doc: its language and its text.
    private struct Block {
        var language: String
        var text: String
    }

    private func blocks() throws -> [Block] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/adapters.md"), encoding: .utf8)
        var blocks: [Block] = []
        var current: Block?
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let block = current {
                    blocks.append(block)
                    current = nil
                } else {
                    current = Block(language: String(line.dropFirst(3)), text: "")
                }
            } else if current != nil {
                current!.text += line + "\n"
            }
        }
        return blocks
    }

    @Test func everyRulesFileInTheDocHoldsAsShown() throws {
        let all = try blocks()
        var checked = 0
        for (index, block) in all.enumerated() where block.language == "yaml" && block.text.contains("adapters:") {
            checked += 1
            let next = all.indices.contains(index + 1) ? all[index + 1] : nil
            if let next, next.language == "text", next.text.hasPrefix("$ papertrade check adapters.yaml\n") {
                let expected = next.text.split(separator: "\n").dropFirst().map(String.init)
                let errors = rulesErrors(block.text, file: "adapters.yaml").map(\.description)
                #expect(errors == expected, "block \(index + 1) of docs/adapters.md")
                continue
            }
            let rules = try RulesLoader.load(yaml: block.text, file: "docs/adapters.md block \(index + 1)")
            let (count, failures) = ExampleRunner(rules: rules).run()
            #expect(failures.isEmpty, "\(failures)")
            #expect(count > 0, "block \(index + 1) of docs/adapters.md shows no example")
        }
        #expect(checked >= 10)
    }
}
