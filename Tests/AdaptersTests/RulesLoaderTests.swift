import Adapters
import Testing

@Suite struct RulesLoaderTests {
    @Test func syntaxErrorsCarryLineAndColumn() {
        let error = rulesError("adapters:\n  - name: a\n    fields: [unclosed\n")
        #expect(error?.file == "test.yaml")
        #expect(error?.line == 4)
        #expect(error?.description.hasPrefix("test.yaml:4:") == true)
    }

    @Test func unknownKeysAnywhereAreErrors() {
        #expect(rulesError("adapterz: []")?.description == "test.yaml:1:1: unknown key 'adapterz' in the file; expected one of: version, adapters")
        let inAdapter = rulesError(oneAdapter().replacingOccurrences(of: "    fields:", with: "    feilds: {}\n    fields:"))
        #expect(inAdapter?.line == 4)
        #expect(inAdapter?.message.contains("unknown key 'feilds'") == true)
        let inField = rulesError(oneAdapter().replacingOccurrences(of: "price: price", with: "price: {from: price, defualt: 1}"))
        #expect(inField?.line == 8)
        #expect(inField?.column == 28)
        #expect(inField?.message.contains("defualt") == true)
        #expect(rulesError(oneAdapter(fields: "      prise: p"))?.message.contains("unknown key 'prise' in fields") == true)
        #expect(rulesError(oneAdapter(match: "{presnt: [a]}"))?.message.contains("unknown key 'presnt' in match") == true)
    }

    @Test func everyEngineFieldNeedsASource() {
        let error = rulesError("adapters:\n  - name: a\n    fields:\n      symbol: s\n      side: d\n      qty: q\n")
        #expect(error?.message == "adapter 'a' does not say where 'price' comes from (give 'from', 'template', 'const' or 'default')")
        #expect(error?.line == 4)
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "price: price", with: "price: {from: p, required: false}"))?.message.contains("needed")
                == true
        )
    }

    @Test func valuesAreCheckedAgainstTheirField() {
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "side: side", with: "side: {from: d, map: {x: hold}}"))?.message.contains("not a side")
                == true
        )
        #expect(rulesError(oneAdapter().replacingOccurrences(of: "default: 100", with: "default: -5"))?.message.contains("greater than 0") == true)
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "side: side", with: "side: {const: buy, from: x}"))?.message.contains("const") == true
        )
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "side: side", with: "side: {from: d, map: {A: buy, ' a ': sell}}"))?.message.contains(
                "mapped twice"
            ) == true
        )
    }

    @Test func transformsAndPatternsAreValidated() {
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "symbol: symbol", with: "symbol: {from: s, transforms: [uppercase]}"))?.message.contains(
                "unknown transform 'uppercase'"
            ) == true
        )
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "symbol: symbol", with: "symbol: {from: s, transforms: [{regex: '('}]}"))?.message
                .contains("not a valid regular expression") == true
        )
    }

    @Test func namesAndPathsAreValidated() {
        #expect(rulesError(oneAdapter().replacingOccurrences(of: "name: a", with: "name: a b"))?.message.contains("must be letters") == true)
        #expect(
            rulesError(oneAdapter().replacingOccurrences(of: "symbol: symbol", with: "symbol: a..b"))?.message.contains("not a valid path") == true
        )
        let twice = oneAdapter() + "\n" + oneAdapter().replacingOccurrences(of: "adapters:\n", with: "")
        #expect(rulesError(twice)?.message == "adapter name 'a' is used twice")
        #expect(rulesError("")?.message.contains("empty") == true)
        #expect(rulesError("adapters: []")?.message.contains("at least one adapter") == true)
        #expect(rulesError("version: 2\nadapters: []")?.message.contains("unsupported version") == true)
    }

    @Test func duplicateKeysAreErrors() {
        let error = rulesError(oneAdapter().replacingOccurrences(of: "side: side", with: "side: side\n      side: other"))
        #expect(error?.message.contains("duplicate key 'side'") == true)
    }

    @Test func examplesAreValidated() {
        let base = oneAdapter()
        #expect(rulesError(base + "\n    examples:\n      - payload: {a: 1}\n")?.message.contains("needs 'expect'") == true)
        #expect(
            rulesError(base + "\n    examples:\n      - payload: {a: 1}\n        error: bogus\n")?.message.contains("unknown error code 'bogus'")
                == true
        )
        #expect(
            rulesError(base + "\n    examples:\n      - payload: {a: 1}\n        expect: {size: 1}\n")?.message.contains("unknown key 'size'") == true
        )
    }
}
