import Core

// MARK: - Security

extension RulesLoader {
    /// `security: {allow_from: [...], signature: {scheme: ..., secret_env: ..., tolerance: ...}}`.
    static func readSecurity(_ node: YAMLNode, problems: ProblemList) -> AdapterSecurity {
        var security = AdapterSecurity()
        let members = problems.collect { () throws(RulesError) in
            try node.mapping("security", allowedKeys: ["allow_from", "signature"], problems: problems)
        }
        for (key, _, value) in members ?? [] {
            switch key {
            case "allow_from":
                security.allowFrom = problems.collect { () throws(RulesError) in try readAllowFrom(value) } ?? []
            default:
                security.signature = problems.collect { () throws(RulesError) in try readSignature(value, problems: problems) }
            }
        }
        return security
    }

    /// Addresses, CIDR ranges and preset names (`tradingview`, `loopback`, `private`).
    private static func readAllowFrom(_ node: YAMLNode) throws(RulesError) -> [AddressRange] {
        let entries: [(String, YAMLNode)]
        if case .scalar = node.node {
            entries = [(try node.text("allow_from"), node)]
        } else {
            entries = try node.sequence("allow_from").map { element throws(RulesError) in (try element.text("allow_from"), element) }
        }
        guard !entries.isEmpty else { throw node.error("allow_from needs at least one address, range or preset") }
        var ranges: [AddressRange] = []
        for (text, element) in entries {
            if let preset = AddressRange.presets[text] {
                ranges += preset.compactMap(AddressRange.init)
            } else if let range = AddressRange(text) {
                ranges.append(range)
            } else {
                throw element.error(
                    "'\(text)' is not an address, a range such as 10.0.0.0/8, or a preset (\(AddressRange.presets.keys.sorted().joined(separator: ", ")))"
                )
            }
        }
        return ranges
    }

    /// Whether an environment variable name is rather a secret: a key's well-known prefix, or a long run of mixed
    /// letters and digits that no one would choose as a name.
    static func looksLikeSecret(_ name: String) -> Bool {
        let prefixes = ["whsec_", "sk_live_", "sk_test_", "ghp_", "gho_", "ghs_", "github_pat_", "pt_"]
        if prefixes.contains(where: name.hasPrefix) { return true }
        return name.split(separator: "_").contains { word in
            word.count >= 16 && word.contains(where: \.isLowercase) && word.contains(where: \.isUppercase) && word.contains(where: \.isNumber)
        } || name.split(separator: "_").contains { $0.count >= 32 }
    }

    private static func readSignature(_ node: YAMLNode, problems: ProblemList) throws(RulesError) -> SignatureRule {
        let members = try node.mapping("signature", allowedKeys: ["scheme", "secret_env", "tolerance", "secret"], problems: problems)
        let option = { (key: String) in members.first { $0.key == key }?.value }
        if let secret = option("secret") {
            throw secret.error("a secret never goes in the rules file: put it in an environment variable and name it with secret_env")
        }
        guard let schemeNode = option("scheme") else { throw node.error("signature needs a 'scheme': standard-webhooks or github") }
        let schemeName = try schemeNode.text("signature.scheme")
        guard let scheme = SignatureRule.Scheme(rawValue: schemeName) else {
            throw schemeNode.error("unknown signature scheme '\(schemeName)'; expected standard-webhooks or github")
        }
        guard let variableNode = option("secret_env") else {
            throw node.error("signature needs 'secret_env': the environment variable that holds the secret")
        }
        // The value is never repeated in an error: it may be the secret itself, put here by mistake.
        let variable = try variableNode.text("signature.secret_env")
        guard let first = variable.first, first == "_" || first.isLetter, variable.count <= 128,
            variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw variableNode.error(
                "secret_env must name an environment variable (letters, digits and '_', at most 128); this value is not one, "
                    + "and is not shown in case it is the secret itself"
            )
        }
        if Self.looksLikeSecret(variable) {
            throw variableNode.error(
                "secret_env names the environment variable that holds the secret, never the secret: this value looks like "
                    + "a secret (it is not shown); put it in a variable such as WEBHOOK_SECRET and name that"
            )
        }
        var rule = SignatureRule(scheme: scheme, secretVariable: variable)
        if let toleranceNode = option("tolerance") {
            guard scheme == .standardWebhooks else { throw toleranceNode.error("tolerance applies to standard-webhooks, which signs a timestamp") }
            let text = try toleranceNode.text("signature.tolerance")
            guard let seconds = Int(text), (1...86_400).contains(seconds) else {
                throw toleranceNode.error("tolerance must be a number of seconds from 1 to 86400, got '\(text)'")
            }
            rule.tolerance = seconds
        }
        return rule
    }
}
