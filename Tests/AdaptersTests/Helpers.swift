import Adapters
import Core
import Foundation
import JSON
import Testing

/// Loads rules from YAML text, failing the test with the loader's message on error.
func rules(_ yaml: String) throws -> AdapterSet {
    try RulesLoader.load(yaml: yaml, file: "test.yaml")
}

/// The loader's first error for YAML text that must be refused.
func rulesError(_ yaml: String) -> RulesError? {
    rulesErrors(yaml).first
}

/// Every error the loader reports for YAML text, in file order.
func rulesErrors(_ yaml: String, file: String = "test.yaml") -> [RulesError] {
    do {
        _ = try RulesLoader.load(yaml: yaml, file: file)
        return []
    } catch {
        return error.errors
    }
}

/// Normalizes a body text (JSON or not) with the given rules.
func normalize(_ text: String, with rules: AdapterSet, adapter: String? = nil) -> Normalization {
    Normalizer(rules: rules).normalize(body: Array(text.utf8), adapter: adapter)
}

/// Normalizes raw bytes with the given rules.
func normalize(body: [UInt8], with rules: AdapterSet) -> Normalization {
    Normalizer(rules: rules).normalize(body: body)
}

/// The shipped adapters.yaml at the package root.
func shippedRules() throws -> AdapterSet {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try RulesLoader.load(path: root.appendingPathComponent("adapters.yaml").path)
}

func decimal(_ text: String) -> Decimal { Decimal(exactly: text)! }

/// A minimal adapter declaring the four engine fields, with `extra` YAML appended to its field list.
func oneAdapter(fields: String = "", match: String = "") -> String {
    """
    adapters:
      - name: a
    \(match.isEmpty ? "" : "    match: " + match)
        fields:
          symbol: symbol
          side: side
          qty: {from: qty, default: 100}
          price: price
    \(fields)
    """
}
