/// Whether a host name names this machine: a whole IPv4 address in 127.0.0.0/8, `::1` or `localhost`. Nothing else is
/// local, however it starts: `127.0.0.1.evil.example` is a name a DNS rebinding page resolves to this machine.
enum LocalHost {
    /// Whether `host`, without a port (and without brackets around an IPv6 address), is local.
    static func isLocal(host: some StringProtocol) -> Bool {
        host.lowercased() == "localhost" || host == "::1" || isLoopbackIPv4(host)
    }

    /// Whether a `Host` header's value (a host and an optional port; IPv6 in brackets) names this machine.
    static func isLocal(authority: some StringProtocol) -> Bool {
        guard let host = host(ofAuthority: authority) else { return false }
        return isLocal(host: host)
    }

    /// The host of `host[:port]` or `[v6][:port]`; nil when the port is not a number or the brackets do not close.
    static func host<S: StringProtocol>(ofAuthority authority: S) -> S.SubSequence? {
        let host: S.SubSequence
        let rest: S.SubSequence
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            rest = authority[authority.index(after: close)...]
        } else {
            let colon = authority.firstIndex(of: ":") ?? authority.endIndex
            host = authority[..<colon]
            rest = authority[colon...]
        }
        guard rest.isEmpty || (rest.hasPrefix(":") && rest.count > 1 && rest.dropFirst().allSatisfy(\.isASCIIDigit)) else { return nil }
        return host
    }

    /// The port of `host:port` or `[v6]:port`; nil when it names none, or is not a `Host` value.
    static func port(inAuthority authority: some StringProtocol) -> Int? {
        guard let host = host(ofAuthority: authority) else { return nil }
        var rest = authority[host.endIndex...]
        if rest.hasPrefix("]") { rest = rest.dropFirst() }
        return rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil
    }

    /// Four decimal numbers from 0 to 255, the first 127.
    private static func isLoopbackIPv4(_ host: some StringProtocol) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy(\.isASCIIDigit) && Int(part).map { $0 <= 255 } == true
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
