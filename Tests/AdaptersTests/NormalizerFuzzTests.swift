import Adapters
import JSON
import TestSupport
import Testing

/// Throws arbitrary JSON at the normalizer: it must only ever return a signal or a coded error.
@Suite struct NormalizerFuzzTests {
    private static let keys = [
        "symbol", "ticker", "side", "action", "qty", "contracts", "price", "account", "signal", "instrument", "direction", "size", "reference_price",
        "token", "",
    ]
    private static let texts = ["AAPL", "buy", "sell", "close", "1", "-1", "0", "NaN", "1e400", "", " ", "策略A", "NASDAQ:", "0x10", "185.50", "\u{0}"]

    private static func randomValue<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> JSON {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(["0", "-1", "100", "185.5", "1e2", "-0.0", "99999999999999999999", "1e-7"].randomElement(using: &generator)!)
        case 3: return .string(texts.randomElement(using: &generator)!)
        case 4: return .array((0..<Int.random(in: 0...3, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default: return randomObject(depth: depth + 1, using: &generator)
        }
    }

    private static func randomObject<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> JSON {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            object[keys.randomElement(using: &generator)!] = randomValue(depth: depth, using: &generator)
        }
        return .object(object)
    }

    @Test func arbitraryPayloadsGiveASignalOrACodedError() throws {
        let normalizer = Normalizer(rules: try shippedRules())
        let codes: Set = ["invalid_json", "invalid_payload", "missing_field", "invalid_number", "invalid_field", "unknown_side"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<5_000 {
            let payload = round % 10 == 0 ? Self.randomValue(depth: 0, using: &generator) : Self.randomObject(depth: 0, using: &generator)
            let text = payload.serialized
            let result = normalizer.normalize(body: Array(text.utf8))
            expectUntracedAgrees(with: result, normalizer: normalizer, adapter: nil)
            switch result.outcome {
            case .success(let signal):
                #expect(signal.quantity > 0 && signal.price > 0 && !signal.symbol.isEmpty, "\(text)")
            case .failure(let error):
                #expect(codes.contains(error.code), "\(text) gave \(error.code)")
                #expect(!error.message.english.isEmpty && !error.message.chinese.isEmpty)
            }
        }
        // Truncated bodies are invalid JSON, never a crash.
        for _ in 0..<500 {
            let text = Self.randomObject(depth: 0, using: &generator).serialized
            let cut = text.utf8.prefix(Int.random(in: 0..<text.utf8.count, using: &generator))
            #expect(normalizer.normalize(body: Array(cut)).outcome.failure?.code == "invalid_json")
        }
    }

    @Test func untracedNormalizingAgreesOnEveryShippedExample() throws {
        let rules = try shippedRules()
        let normalizer = Normalizer(rules: rules)
        var count = 0
        for adapter in rules.adapters {
            for example in adapter.examples {
                let body = Array(example.body.utf8)
                for name in [nil, adapter.name] {
                    expectUntracedAgrees(with: normalizer.normalize(body: body, adapter: name), normalizer: normalizer, adapter: name)
                    count += 1
                }
            }
        }
        #expect(count >= 36)
        // The token's source is kept untraced: a delivery log removes the token from that path.
        let nested = try RulesLoader.load(
            yaml: "adapters:\n  - name: n\n    fields: {symbol: s, side: d, qty: {default: 1}, price: p, token: auth.token}",
            file: "t.yaml"
        )
        let untraced = Normalizer(rules: nested).normalize(body: Array(#"{"s":"A","d":"buy","p":1,"auth":{"token":"x"}}"#.utf8), traced: false)
        #expect(untraced.token == "x" && untraced.tokenSource == .alias("auth.token") && untraced.signal != nil)
    }

    private static let words = [
        "buy", "SELL", "long", "close", "100", "0.5", "-3", "0", "AAPL", "NASDAQ:aapl", "@", "@185.50", "185.50", "NaN", "1e400", "account=",
        "account=策略A", "id=", "id=x", "token=t", "=", "==", "a=b", ",", ";", "|", "\t", "\r\n", "\n", ":", "key: value", "{", "}", "\"", "策略",
        "\u{0}", "\u{FEFF}", " ", "  ",
    ]

    @Test func arbitraryTextAndBytesGiveASignalOrACodedErrorFromEveryShippedAdapter() throws {
        let rules = try shippedRules()
        let normalizer = Normalizer(rules: rules)
        let codes: Set = ["invalid_json", "invalid_body", "invalid_payload", "missing_field", "invalid_number", "invalid_field", "unknown_side"]
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        for round in 0..<4_000 {
            let body: [UInt8]
            if round % 4 == 0 {
                body = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                let count = Int.random(in: 0...9, using: &generator)
                let separator = [" ", "", ",", "\n"].randomElement(using: &generator)!
                body = Array((0..<count).map { _ in Self.words.randomElement(using: &generator)! }.joined(separator: separator).utf8)
            }
            for name in [nil] + rules.adapters.map(\.name) {
                let result = normalizer.normalize(body: body, adapter: name)
                expectUntracedAgrees(with: result, normalizer: normalizer, adapter: name, context: "seed \(seed):")
                switch result.outcome {
                case .success(let signal):
                    #expect(signal.quantity > 0 && signal.price > 0 && !signal.symbol.isEmpty, "seed \(seed): \(body)")
                case .failure(let error):
                    #expect(codes.contains(error.code), "seed \(seed): \(body) via \(name ?? "matching") gave \(error.code)")
                    #expect(!error.message.english.isEmpty && !error.message.chinese.isEmpty)
                }
            }
        }
    }
}
