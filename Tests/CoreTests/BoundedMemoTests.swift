import Testing

@testable import Core

/// A memo makes each key's value once, and starts over when full.
@Suite struct BoundedMemoTests {
    @Test func valuesAreMadeOncePerKeyUntilTheMemoIsFull() {
        let memo = BoundedMemo<String, Int>(capacity: 2)
        var made = 0
        func value(_ key: String) -> Int {
            memo.value(for: key) {
                made += 1
                return key.count
            }
        }
        #expect(value("a") == 1 && value("bb") == 2 && value("a") == 1 && value("bb") == 2)
        #expect(made == 2, "remembered while there is room")
        #expect(value("ccc") == 3 && made == 3)
        #expect(value("a") == 1 && made == 4, "a full memo started over: the first key is made again")
        #expect(value("ccc") == 3 && made == 4, "the key that filled it is remembered after the start over")
    }

    @Test func anInstrumentTableForgetsItsMatchesWhenItsEntriesChange() {
        var lots = Instrument()
        lots.quantityStep = 100
        var table = InstrumentTable(entries: [.init(pattern: SymbolPattern("*.SH"), instrument: lots)])
        #expect(table.instrument(for: "600519.SH").quantityStep == 100)
        table.entries = [.init(pattern: SymbolPattern("AAPL"), instrument: lots)]
        #expect(table.instrument(for: "600519.SH") == table.fallback && table.instrument(for: "aapl").quantityStep == 100)
    }
}
