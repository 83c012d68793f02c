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

/// Normalizes a body text (JSON or not) with the given rules, checking that untraced normalizing agrees.
func normalize(_ text: String, with rules: AdapterSet, adapter: String? = nil) -> Normalization {
    normalize(body: Array(text.utf8), with: rules, adapter: adapter)
}

/// Normalizes raw bytes with the given rules, checking that untraced normalizing agrees.
func normalize(body: [UInt8], with rules: AdapterSet, adapter: String? = nil) -> Normalization {
    let normalizer = Normalizer(rules: rules)
    let traced = normalizer.normalize(body: body, adapter: adapter)
    expectUntracedAgrees(with: traced, normalizer: normalizer, adapter: adapter)
    return traced
}

/// Normalizing `traced`'s body again untraced gives the same outcome, adapter, document, token and token source, and
/// no trace. `context` names the run, so that a failure can be replayed.
func expectUntracedAgrees(
    with traced: Normalization,
    normalizer: Normalizer,
    adapter: String?,
    context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let untraced = normalizer.normalize(traced.body, adapter: adapter, traced: false)
    let body = "\(context) \(String(decoding: traced.body.bytes, as: UTF8.self).debugDescription) via \(adapter ?? "matching")"
    #expect(untraced.outcome == traced.outcome, "\(body)", sourceLocation: sourceLocation)
    #expect(untraced.adapter == traced.adapter && untraced.document == traced.document, "\(body)", sourceLocation: sourceLocation)
    #expect(untraced.token == traced.token && untraced.tokenSource == traced.tokenSource, "\(body)", sourceLocation: sourceLocation)
    #expect(untraced.decisions.isEmpty && untraced.fields.isEmpty, sourceLocation: sourceLocation)
    #expect(traced.fields.last.map { $0.field == .token && $0.source == traced.tokenSource } ?? true, sourceLocation: sourceLocation)
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
