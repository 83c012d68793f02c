import Core
import HTTPTypes

/// The address a request comes from: the connection's, or, when that is a trusted proxy, the last address in
/// `X-Forwarded-For` that is not one. From anyone else `X-Forwarded-For` is ignored, so it cannot be forged.
struct ClientAddress: Sendable {
    let trustedProxies: [AddressRange]

    static let loopback = AddressRange.presets["loopback", default: []].compactMap(AddressRange.init)

    /// Whether `address` is this machine.
    static func isLoopback(_ address: String) -> Bool {
        loopback.contain(address)
    }

    func resolve(connection: String?, headers: HTTPFields) -> String? {
        guard let connection, trustedProxies.contain(connection), let forwarded = headers[.xForwardedFor] else { return connection }
        var client = connection
        for entry in forwarded.split(separator: ",").reversed() {
            let address = entry.trimmingCharacters(in: .whitespaces)
            // Anything that is not an address ends the trust: the proxy before it wrote nothing usable.
            guard AddressRange.bytes(of: address) != nil else { return client }
            client = address
            if !trustedProxies.contain(address) { return address }
        }
        return client
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
