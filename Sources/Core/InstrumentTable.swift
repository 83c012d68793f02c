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
    public var entries: [Entry] {
        didSet { matches = BoundedMemo() }
    }
    /// Which entry (its index, nil: none) each symbol met so far matched: every order looks its symbol up more than once.
    private var matches = BoundedMemo<String, Int?>()

    public init(fallback: Instrument = Instrument(), entries: [Entry] = []) {
        self.fallback = fallback
        self.entries = entries
    }

    public static func == (lhs: InstrumentTable, rhs: InstrumentTable) -> Bool {
        lhs.fallback == rhs.fallback && lhs.entries == rhs.entries
    }

    /// The instrument `symbol` trades as.
    public func instrument(for symbol: String) -> Instrument {
        let index = matches.value(for: symbol) {
            let text = SymbolPattern.Text(symbol)
            return entries.firstIndex { $0.pattern.matches(text) }
        }
        // By index: an entry is large, and only the one that matches is copied.
        return index.map { entries[$0].instrument } ?? fallback
    }
}

/// A symbol pattern: letters match themselves whatever their case, `*` any run of characters, `?` one character.
public struct SymbolPattern: Sendable, Equatable {
    public let source: String
    private let characters: [Character]
    /// The upper-cased pattern's bytes when they are all ASCII, the usual case: matched byte by byte.
    private let ascii: [UInt8]?

    public init(_ source: String) {
        self.source = source
        let upper = source.uppercased()
        self.characters = Array(upper)
        self.ascii = Self.asciiBytes(upper)
    }

    /// The text's bytes when they are all ASCII.
    private static func asciiBytes(_ text: String) -> [UInt8]? {
        text.isASCII ? Array(text.utf8) : nil
    }

    public static func == (lhs: SymbolPattern, rhs: SymbolPattern) -> Bool { lhs.source == rhs.source }

    /// A symbol upper-cased once, for matching against many patterns.
    struct Text {
        let upper: String
        let ascii: [UInt8]?

        init(_ symbol: String) {
            upper = symbol.uppercased()
            ascii = SymbolPattern.asciiBytes(upper)
        }
    }

    /// Whether the whole symbol fits the pattern.
    public func matches(_ symbol: String) -> Bool {
        matches(Text(symbol))
    }

    func matches(_ text: Text) -> Bool {
        if let ascii, let bytes = text.ascii { return Self.glob(ascii, bytes, one: UInt8(ascii: "?"), any: UInt8(ascii: "*")) }
        return Self.glob(characters, Array(text.upper), one: "?", any: "*")
    }

    /// Classic glob matching with one backtrack point for the last `any`.
    private static func glob<Element: Equatable>(_ pattern: [Element], _ text: [Element], one: Element, any: Element) -> Bool {
        var (p, t) = (0, 0)
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == one || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == any {
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
        while p < pattern.count, pattern[p] == any { p += 1 }
        return p == pattern.count
    }
}
