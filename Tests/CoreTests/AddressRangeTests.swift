import Testing

@testable import Core

/// Address ranges for allowlists and trusted proxies.
@Suite struct AddressRangeTests {
    @Test func rangesHoldTheirAddressesOnly() throws {
        let tenEight = try #require(AddressRange("10.0.0.0/8"))
        #expect(tenEight.contains("10.255.1.2") && !tenEight.contains("11.0.0.1"))
        #expect(tenEight.contains("::ffff:10.1.2.3"), "an IPv4 address mapped into IPv6")
        let single = try #require(AddressRange("52.89.214.238"))
        #expect(single.contains("52.89.214.238") && !single.contains("52.89.214.239"))
        let v6 = try #require(AddressRange("2001:db8::/32"))
        #expect(v6.contains("2001:db8:1::5") && !v6.contains("2001:db9::1") && !v6.contains("10.0.0.1"))
        #expect(AddressRange("10.1.2.3/8")?.description == "10.0.0.0/8", "the host bits are dropped")
        #expect(try #require(AddressRange("0.0.0.0/0")).contains("203.0.113.9"))
        for bad in ["10.0.0.0/33", "10.0.0/8", "example.com", "10.0.0.0/08", "", "1.2.3.4/", "::1/129"] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
        #expect(!tenEight.contains("not an address"))
    }

    /// A prefix that ends inside a byte masks that byte's low bits only, in IPv4 and IPv6; a list holds what any of
    /// its ranges holds, and an empty list nothing.
    @Test func prefixesEndingInsideAByteAndLists() throws {
        let twelve = try #require(AddressRange("172.16.0.0/12"))
        #expect(twelve.contains("172.16.0.0") && twelve.contains("172.31.255.255"))
        #expect(!twelve.contains("172.32.0.0") && !twelve.contains("172.15.255.255"))
        let unique = try #require(AddressRange("fc00::/7"))
        #expect(unique.contains("fd12:3456::1") && unique.contains("fc00::") && !unique.contains("fe80::1") && !unique.contains("fb00::1"))
        let privateRanges = try AddressRange.presets["private", default: []].map { try #require(AddressRange($0)) }
        #expect(privateRanges.contain("192.168.1.9") && privateRanges.contain("::ffff:10.0.0.1") && privateRanges.contain("fd00::2"))
        #expect(!privateRanges.contain("8.8.8.8") && !privateRanges.contain("::1") && !privateRanges.contain("nonsense"))
        #expect(![AddressRange]().contain("127.0.0.1"))
    }
}
