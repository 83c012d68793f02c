import Adapters
import Testing

/// `papertrade check` finds every mistake in one run, each at its `FILE:LINE:COLUMN`.
@Suite struct RulesCheckTests {
    private func messages(_ yaml: String) -> [String] {
        rulesErrors(yaml).map { "\($0.line):\($0.column): \($0.message)" }
    }

    @Test func everyMistakeIsReportedInFileOrder() {
        let yaml = """
            adapters:
              - name: first
                match: {presnt: a}
                fields:
                  symbol: {from: s, transforms: [uppercase]}
                  side: {from: d, map: {x: hold}}
                  qty: {default: 0}
                  price: p
              - name: second
                fields:
                  symbol: "{a}-{b}"
                  side: side
                  qty: q
                  price: last price
            """
        #expect(
            messages(yaml) == [
                "3:13: unknown key 'presnt' in match; expected one of: present, absent, equals, regex, body, body_regex, not, any, all",
                "5:38: unknown transform 'uppercase'; expected one of: abs, lower, negate, side_from_sign, strip_exchange, trim, upper, "
                    + "or one of: {regex: ...}, {replace: ...}, {strip_prefix: ...}, {strip_suffix: ...}, {multiply: ...}, {divide: ...}, "
                    + "{round: ...}, {round_down: ...}",
                "6:32: field 'side'.map.x is 'hold', which is not a side; use one of: buy, buy_to_open, close, long, sell, sell_to_close, short",
                "7:22: field 'qty'.default must be a number greater than 0",
                "11:15: '{a}-{b}' looks like a template, not a path; write it as {template: \"{a}-{b}\"}",
                "14:14: 'last price' is not a valid path: it contains spaces",
            ]
        )
    }

    @Test func anAdapterAfterACatchAllCanNeverMatch() {
        let yaml = oneAdapter() + "\n" + oneAdapter(match: "{present: x}").replacingOccurrences(of: "adapters:\n  - name: a", with: "  - name: b")
        #expect(
            messages(yaml) == [
                "10:5: adapter 'b' can never match: 'a' above it has no match rule and reads every body; move 'b' above it, or give 'a' a match rule"
            ]
        )
    }

    @Test func anIndentationMistakeNamesItsLine() {
        let error = rulesError("adapters:\n  - name: a\n    fields:\n      symbol: ticker\n       side: action\n      qty: q\n      price: p\n")
        #expect(error?.line == 5)
        #expect(error?.message.contains("check the indentation of line 5") == true)
        let list = rulesError("adapters:\n  - name: a\n    fields: {symbol: s, side: d, qty: q, price: p}\n   - name: b\n")
        #expect(list?.line == 4)
        #expect(list?.message.contains("check the indentation of line 4") == true)
    }

    @Test func templatesAreChecked() {
        let cases = [
            #"{template: "{a"}"#: "'{a' is not a valid template: '{' is never closed",
            #"{template: "a}"}"#: "'a}' is not a valid template: '}' without '{'; write '}}' for a literal brace",
            #"{template: "x{}"}"#: "'x{}' is not a valid template: '{}' names no path",
            #"{template: "fixed"}"#: "'fixed' is not a valid template: it refers to no path; use 'const' for a fixed value",
            #"{template: "{a b}"}"#: "'a b' is not a valid path: it contains spaces",
            #"{template: "{a}", const: b}"#: "has 'const', which cannot be combined",
        ]
        for (rule, message) in cases {
            let error = rulesError(oneAdapter(fields: "      id: \(rule)"))
            #expect(error?.message.contains(message) == true, "\(rule): \(error?.description ?? "no error")")
        }
    }

    @Test func transformsAreChecked() {
        let cases = [
            "{divide: 0}": "divide by 0 is not a number",
            "{round: 0}": "round must be a step greater than 0",
            "{multiply: ten}": "multiply must be a decimal number",
            "{replace: {pattern: a}}": "replace needs 'pattern' and 'with'",
            "{replace: {pattern: '(', with: ''}}": "'(' is not a valid regular expression",
            "{strip_suffix: ''}": "strip_suffix must not be empty",
            "{abs: 1, negate: 2}": "a mapping with one key",
            "{multiply: 2, divide: 2}": "a mapping with one key",
        ]
        for (transform, message) in cases {
            let error = rulesError(oneAdapter(fields: "      account: {from: a, transforms: [\(transform)]}"))
            #expect(error?.message.contains(message) == true, "\(transform): \(error?.description ?? "no error")")
        }
    }

    @Test func bodyFormatsAreChecked() {
        let cases = [
            "xml": "body 'xml' needs its options",
            "{format: csv}": "unknown body format 'csv'",
            "{format: delimited}": "needs a 'separator'",
            "{format: delimited, separator: '#'}": "separator '#' is not one of",
            "{format: delimited, separator: ',', columns: [a, a]}": "column 'a' is named twice",
            "{format: delimited, separator: ',', columns: ['a b']}": "column 'a b' must be a name",
            "{format: lines, columns: [a]}": "'columns' does not apply to the lines format",
            "{format: regex}": "needs a 'pattern'",
            "{format: regex, pattern: '(\\\\w+)'}": "the pattern has no named groups",
            "{format: lines, ignore_case: maybe}": "body.ignore_case must be true or false",
        ]
        for (body, message) in cases {
            let yaml = oneAdapter().replacingOccurrences(of: "    fields:", with: "    body: \(body)\n    fields:")
            let error = rulesError(yaml)
            #expect(error?.message.contains(message) == true, "\(body): \(error?.description ?? "no error")")
        }
    }

    @Test func securityIsChecked() {
        let cases = [
            "{allow_from: [tradingview, 10.0.0.0/33]}": "'10.0.0.0/33' is not an address, a range such as 10.0.0.0/8, or a preset",
            "{allow_from: [office]}": "'office' is not an address",
            "{allow_from: []}": "allow_from needs at least one",
            "{signature: {scheme: standard-webhooks, secret: whsec_abc}}": "a secret never goes in the rules file",
            "{signature: {scheme: hmac, secret_env: S}}": "unknown signature scheme 'hmac'",
            "{signature: {scheme: github}}": "signature needs 'secret_env'",
            "{signature: {scheme: github, secret_env: 'MY SECRET'}}": "secret_env must name an environment variable",
            "{signature: {scheme: github, secret_env: S, tolerance: 60}}": "tolerance applies to standard-webhooks",
            "{signature: {scheme: standard-webhooks, secret_env: S, tolerance: forever}}": "tolerance must be a number of seconds",
            "{rate: 5}": "'rate'",
        ]
        for (security, message) in cases {
            let yaml = oneAdapter().replacingOccurrences(of: "    fields:", with: "    security: \(security)\n    fields:")
            let error = rulesError(yaml)
            #expect(error?.message.contains(message) == true, "\(security): \(error?.description ?? "no error")")
        }
        let yaml = oneAdapter().replacingOccurrences(
            of: "    fields:",
            with:
                "    security: {allow_from: [tradingview, '2001:db8::/32'], signature: {scheme: standard-webhooks, secret_env: TV_SECRET}}\n    fields:"
        )
        #expect(rulesError(yaml) == nil)
    }

    /// A secret put where its variable's name goes is an error at its place that never shows it; a name is not.
    @Test(arguments: [
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+abc/de==", "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI", String(repeating: "Z", count: 40),
    ])
    func aSecretInSecretEnvIsRefusedUnshown(_ secret: String) {
        let yaml = oneAdapter().replacingOccurrences(
            of: "    fields:",
            with: "    security: {signature: {scheme: standard-webhooks, secret_env: '\(secret)'}}\n    fields:"
        )
        let error = rulesError(yaml)
        #expect(error?.message.contains("secret_env") == true, "\(error?.description ?? "accepted")")
        #expect(error?.description.contains(secret) == false, "the value is never shown")
        #expect(error?.line == 4 && error?.column ?? 0 > 0, "at the value: \(error?.description ?? "")")
    }

    @Test(arguments: ["TV_SECRET", "STANDARD_WEBHOOKS_SECRET", "papertrade_signing_key", "_S", "Secret2"])
    func anEnvironmentVariableNameIsASecretEnv(_ name: String) {
        let yaml = oneAdapter().replacingOccurrences(
            of: "    fields:",
            with: "    security: {signature: {scheme: standard-webhooks, secret_env: \(name)}}\n    fields:"
        )
        #expect(rulesError(yaml) == nil)
    }

    @Test func aRegexBodyKnowsItsGroupsAndADelimitedBodyItsPositions() {
        let regex = """
            adapters:
              - name: r
                body: {format: regex, pattern: '(?<side>buy|sell) (?<symbol>\\S+)'}
                match: {equals: {sid: buy}}
                fields:
                  symbol: symbol
                  side: side
                  qty: {default: 1}
                  price: prise
                  id: {template: "{symbol}-{seq}"}
            """
        #expect(
            messages(regex) == [
                "4:22: 'sid' is not a named group of the body pattern; its groups are: side, symbol",
                "9:14: 'prise' is not a named group of the body pattern; its groups are: side, symbol",
                "10:22: 'seq' is not a named group of the body pattern; its groups are: side, symbol",
            ]
        )
        let delimited = oneAdapter().replacingOccurrences(of: "    fields:", with: "    body: {format: delimited, separator: ','}\n    fields:")
            .replacingOccurrences(of: "price: price", with: "price: 0")
        #expect(rulesError(delimited)?.message == "'0' is not a position: positions are written 1, 2, 3, …")
        #expect(rulesError(delimited.replacingOccurrences(of: "price: 0", with: "price: 01"))?.message.hasPrefix("'01' is not a position") == true)
    }

    @Test func matchConditionsAreChecked() {
        let cases = [
            "{body: xml}": "match.body is 'xml'; expected json or text",
            "{any: []}": "match.any lists no condition",
            "{}": "match lists no condition; leave 'match' out for a catch-all",
            "{regex: {a: '['}}": "'[' is not a valid regular expression",
            "{equals: {a: []}}": "match.equals.a lists no value",
            "{not: {presnt: a}}": "unknown key 'presnt' in match",
            "{present: []}": "match.present lists no path",
            "{equals: {}}": "match.equals lists no path",
            "{regex: {}}": "match.regex lists no path",
        ]
        for (match, message) in cases {
            let error = rulesError(oneAdapter(match: match))
            #expect(error?.message.contains(message) == true, "\(match): \(error?.description ?? "no error")")
        }
    }

    @Test func aMatchThatFailedToLoadDoesNotMakeACatchAll() {
        let yaml =
            oneAdapter(match: "{body: xml}") + "\n"
            + oneAdapter(match: "{present: x}").replacingOccurrences(of: "adapters:\n  - name: a", with: "  - name: b")
        #expect(messages(yaml) == ["3:19: match.body is 'xml'; expected json or text"])
    }

    @Test func theTokenCannotBeRequiredAndGroupNamesCannotHoldUnderscores() {
        // A token must come from the request: nothing in the rules may stand in for it.
        for rule in ["{from: key, required: true}", "{from: key, default: secret}", "{const: secret}", "{template: '{a}'}", "{from: k, map: {x: y}}"]
        {
            #expect(
                rulesError(oneAdapter(fields: "      token: \(rule)"))?.message.contains("in field 'token'; expected one of: from, transforms")
                    == true,
                "\(rule)"
            )
        }
        let underscore = oneAdapter().replacingOccurrences(
            of: "    fields:",
            with: "    body: {format: regex, pattern: '(?<bot_id>\\w+)'}\n    fields:"
        )
        #expect(rulesError(underscore)?.message.hasSuffix("group names are letters and digits only, so 'bot_id' is refused") == true)
    }
}
