import Testing

@testable import Server

@Suite struct SecretTests {
    /// The stored form of a secret is its SHA-256 in lowercase hex: the FIPS 180-2 test vectors, and a Chinese text as
    /// its UTF-8 bytes.
    @Test func aDigestIsTheSHA256OfTheTextInLowercaseHex() {
        #expect(Secret.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Secret.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Secret.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        #expect(Secret.digest("策略") == "9c8eb75c7e58b49786a44f1d105cf346f63caa44382f9463e53c9a53b89b1cb5")
    }

    /// Generated secrets carry their kind's prefix and 43 URL-safe characters, differ each time, and are what the
    /// scrubber finds by shape.
    @Test(arguments: Secret.Kind.allCases)
    func aGeneratedSecretIsPrefixedURLSafeAndNew(_ kind: Secret.Kind) {
        let secrets = (0..<50).map { _ in Secret.generate(kind) }
        #expect(Set(secrets).count == secrets.count)
        for secret in secrets {
            #expect(secret.hasPrefix(kind.rawValue) && secret.utf8.count == 47)
            #expect(secret.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            #expect(CredentialScrubber.shapedTokens(in: Array(secret.utf8)) == [0..<47])
        }
    }
}
