import Foundation

/// Which instrument a symbol trades as: the first entry whose pattern matches, else the fallback.
public struct InstrumentTable: Sendable, Equatable {
    /// One symbol pattern and the instrument it names.
    public struct Entry: Sendable, Equatable {
        public var pattern: SymbolPattern
        public var instrument: Instrument

        public init(pattern: SymbolPattern, instrument: Instrument) {
            self.pattern = pattern
            self.instrument = instrument
        }
    }

    /// The instrument of symbols no entry matches.
    public var fallback: Instrument
    public var entries: [Entry]

    public init(fallback: Instrument = Instrument(), entries: [Entry] = []) {
        self.fallback = fallback
        self.entries = entries
    }

    /// The instrument `symbol` trades as.
    public func instrument(for symbol: String) -> Instrument {
        entries.first { $0.pattern.matches(symbol) }?.instrument ?? fallback
    }
}

/// A symbol pattern: letters match themselves whatever their case, `*` any run of characters, `?` one character.
public struct SymbolPattern: Sendable, Equatable {
    public let source: String
    private let characters: [Character]

    public init(_ source: String) {
        self.source = source
        self.characters = Array(source.uppercased())
    }

    public static func == (lhs: SymbolPattern, rhs: SymbolPattern) -> Bool { lhs.source == rhs.source }

    /// Whether the whole symbol fits the pattern.
    public func matches(_ symbol: String) -> Bool {
        let text = Array(symbol.uppercased())
        // Classic glob matching with one backtrack point for the last `*`.
        var (p, t) = (0, 0)
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < characters.count, characters[p] == "?" || characters[p] == text[t] {
                p += 1
                t += 1
            } else if p < characters.count, characters[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
