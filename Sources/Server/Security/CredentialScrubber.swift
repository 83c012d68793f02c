import Foundation

/// Takes credentials out of what the server keeps or shows of a request (the delivery log's path, body and adapter
/// name), as secret scanners do: papertrade's own tokens by their shape wherever they stand (`pta_`, `ptu_`, `pts_`
/// and the older `pt_`, then 43 or more URL-safe characters), and the secrets it knows by value wherever one stands as
/// a whole token, never inside a longer word.
struct CredentialScrubber: Sendable {
    static let replacement = "[redacted]"
    /// A secret shorter than this is too guessable to look for in free text: found inside longer words, it would
    /// rewrite them (`x` inside `tv_exchange`). It is taken out only where it stands whole (its body path, a path
    /// segment).
    static let minimumScrubbedLength = 8

    /// The secrets scrubbed from every text: the server's webhook token.
    let secrets: [String]

    init(webhookToken: String?) {
        secrets = webhookToken.map { [$0] } ?? []
    }

    /// `text` with every credential replaced by `[redacted]`: the shaped tokens, and `secrets` and `also` where they
    /// stand as whole tokens and are long enough.
    func scrub(_ text: String, also: [String?] = []) -> String {
        let values = (secrets + also.compactMap { $0 }).filter { $0.utf8.count >= Self.minimumScrubbedLength }.map { Array($0.utf8) }
        let bytes = Array(text.utf8)
        var ranges = Self.shapedTokens(in: bytes)
        for value in values { ranges += Self.wholeOccurrences(of: value, in: bytes) }
        guard !ranges.isEmpty else { return text }
        return Self.replacing(ranges, in: bytes)
    }

    /// A request path with each segment that is a credential replaced: whole segments equal to a secret of any length
    /// (a token sent as `/api/webhook/TOKEN`), then what `scrub` finds.
    func scrubPath(_ path: String, also: [String?] = []) -> String {
        let known = Set(secrets + also.compactMap { $0 }).subtracting([""])
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            known.contains(String(segment)) || known.contains(segment.removingPercentEncoding ?? "") ? Self.replacement : String(segment)
        }
        return scrub(segments.joined(separator: "/"), also: also)
    }

    // MARK: - Finding

    /// Characters a token is made of: a neighbour of one of these continues the word, so a match there is not whole.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isTokenCharacter(byte) && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_")
    }

    /// `pt`, an optional kind letter, `_`, then at least 43 token characters, not right after a letter or digit.
    static func shapedTokens(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + 3 < bytes.count {
            guard bytes[index] == UInt8(ascii: "p"), bytes[index + 1] == UInt8(ascii: "t"), index == 0 || !isAlphanumeric(bytes[index - 1])
            else {
                index += 1
                continue
            }
            var cursor = index + 2
            if [UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "u")].contains(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "_") else {
                index += 1
                continue
            }
            let start = cursor + 1
            var end = start
            while end < bytes.count, isTokenCharacter(bytes[end]) { end += 1 }
            if end - start >= Secret.randomLength {
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// Where `value` occurs with no token character on either side.
    static func wholeOccurrences(of value: [UInt8], in bytes: [UInt8]) -> [Range<Int>] {
        guard let first = value.first, value.count <= bytes.count else { return [] }
        var ranges: [Range<Int>] = []
        var index = 0
        while index + value.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + value.count)].elementsEqual(value),
                index == 0 || !isTokenCharacter(bytes[index - 1]),
                index + value.count == bytes.count || !isTokenCharacter(bytes[index + value.count])
            {
                ranges.append(index..<(index + value.count))
                index += value.count
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// The text with each range (overlapping ones merged) replaced.
    private static func replacing(_ ranges: [Range<Int>], in bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var written = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound >= written {
                result += bytes[written..<range.lowerBound]
                result += Array(replacement.utf8)
                written = range.upperBound
            } else if range.upperBound > written {
                written = range.upperBound
            }
        }
        result += bytes[written...]
        return String(decoding: result, as: UTF8.self)
    }
}
