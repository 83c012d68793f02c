import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address range in CIDR notation (`52.89.214.238`, `10.0.0.0/8`, `2001:db8::/32`), and named presets
/// such as TradingView's published alert addresses.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    /// The network's bytes: 4 for IPv4, 16 for IPv6.
    public let network: [UInt8]
    public let prefixLength: Int

    /// The addresses TradingView sends webhook alerts from, as it publishes them.
    public static let presets: [String: [String]] = [
        "tradingview": ["52.89.214.238", "34.212.75.30", "54.218.53.128", "52.32.178.7"],
        "loopback": ["127.0.0.0/8", "::1"],
        "private": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
    ]

    /// Parses `ADDRESS` or `ADDRESS/PREFIX`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), String(parsed) == parts[1], (0...bytes.count * 8).contains(parsed) else { return nil }
            length = parsed
        } else {
            length = bytes.count * 8
        }
        network = Self.masked(bytes, to: length)
        prefixLength = length
    }

    /// Whether `address` (text such as `52.89.214.238` or `::ffff:52.89.214.238`) is in the range.
    public func contains(_ address: String) -> Bool {
        Self.bytes(of: address).map(contains(bytes:)) ?? false
    }

    /// Whether the address of these bytes (4 for IPv4, 16 for IPv6) is in the range, compared in place.
    func contains(bytes: [UInt8]) -> Bool {
        var address = bytes[...]
        // An IPv4 address mapped into IPv6 is the IPv4 address.
        if address.count == 16, network.count == 4, address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xFF, address[11] == 0xFF {
            address = address[12...]
        }
        guard address.count == network.count else { return false }
        for (index, (byte, networkByte)) in zip(address, network).enumerated() where byte & Self.mask(ofByte: index, prefixLength) != networkByte {
            return false
        }
        return true
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = network.count == 4 ? AF_INET : AF_INET6
        _ = network.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        let address = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return prefixLength == network.count * 8 ? address : "\(address)/\(prefixLength)"
    }

    /// The address's bytes, nil when the text is not an IPv4 or IPv6 address.
    public static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func masked(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in byte & mask(ofByte: index, length) }
    }

    /// The bits of byte `index` that a prefix of `length` bits covers: all of them, some leading ones, or none.
    private static func mask(ofByte index: Int, _ length: Int) -> UInt8 {
        let bits = min(max(length - index * 8, 0), 8)
        return UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
    }
}

extension Array where Element == AddressRange {
    /// Whether any range holds `address`, read once.
    public func contain(_ address: String) -> Bool {
        guard !isEmpty, let bytes = AddressRange.bytes(of: address) else { return false }
        return contains { $0.contains(bytes: bytes) }
    }
}
