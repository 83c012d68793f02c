import GRDB
import Testing

@testable import SQLiteLedger

/// `Database.run`, which binds the ledger's writes through SQLite's C API.
@Suite struct DatabaseRunTests {
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE value (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, real REAL, required TEXT NOT NULL)")
        }
        return queue
    }

    private let insert = "INSERT INTO value (id, text, number, real, required) VALUES (?, ?, ?, ?, ?)"

    /// Every kind of value is stored as GRDB would store it: text byte for byte (an empty text is not NULL), integers
    /// to their extremes, booleans as 1 and 0, reals exactly, nil as NULL.
    @Test func storesEachValueAsGiven() throws {
        let queue = try database()
        let long = String(repeating: "订单 order ", count: 2_000)
        let rows: [[(any SQLiteBindable)?]] = [
            [Int64(1), "AAPL", Int64.max, 0.1, ""],
            [2, "", Int64.min, -2.5, "策略A"],
            [Int64(3), nil, true, nil, long],
            [Int64(4), "e\u{301}", false, 1e300, "x"],
        ]
        let stored = try queue.write { db in
            for row in rows { try db.run(insert, row) }
            return try Row.fetchAll(db, sql: "SELECT * FROM value ORDER BY id")
        }
        #expect(stored.count == 4)
        #expect(stored[0]["text"] as String? == "AAPL" && stored[0]["number"] as Int64? == .max && stored[0]["real"] as Double? == 0.1)
        #expect(stored[0]["required"] as String? == "" && !stored[0].hasNull(atIndex: 4))
        #expect(stored[1]["text"] as String? == "" && !stored[1].hasNull(atIndex: 1) && stored[1]["number"] as Int64? == .min)
        #expect(stored[1]["real"] as Double? == -2.5 && stored[1]["required"] as String? == "策略A")
        #expect(stored[2].hasNull(atIndex: 1) && stored[2]["number"] as Int64? == 1 && stored[2].hasNull(atIndex: 3))
        #expect(stored[2]["required"] as String? == long)
        #expect(stored[3]["text"] as String? == "e\u{301}" && stored[3]["number"] as Int64? == 0 && stored[3]["real"] as Double? == 1e300)
        let types = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT typeof(text) || typeof(number) || typeof(real) FROM value ORDER BY id")
        }
        #expect(types == ["textintegerreal", "textintegerreal", "nullintegernull", "textintegerreal"])
    }

    /// Text holding a NUL character is stored as GRDB stores it, so that a key written here is found by a GRDB
    /// lookup of the same key, as before.
    @Test func textWithANulCharacterIsStoredAsGRDBStoresIt() throws {
        let queue = try database()
        let key = "abc\u{0}x"
        let (stored, found) = try queue.write { db in
            try db.run(insert, [Int64(1), key, nil, nil, "run"])
            try db.execute(sql: insert, arguments: [2, key, nil, nil, "grdb"])
            let stored = try String.fetchAll(db, sql: "SELECT hex(text) FROM value ORDER BY id")
            let found = try String.fetchAll(db, sql: "SELECT required FROM value WHERE text = ? ORDER BY id", arguments: [key])
            return (stored, found)
        }
        #expect(stored.count == 2 && stored[0] == stored[1], "\(stored)")
        #expect(found == ["run", "grdb"])
    }

    /// A refused write throws SQLite's error and changes nothing; the statement then runs again as usual.
    @Test func aRefusedWriteThrowsAndTheStatementRunsAgain() throws {
        let queue = try database()
        try queue.write { db in
            try db.run(insert, [Int64(1), "a", 1, 1.0, "kept"])
            do {
                try db.run(insert, [Int64(1), "b", 2, 2.0, "duplicate"])
                Issue.record("a duplicate id was stored")
            } catch let error as DatabaseError {
                #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY && error.message?.contains("value.id") == true, "\(error)")
            }
            do {
                try db.run(insert, [Int64(2), "c", 3, 3.0, nil])
                Issue.record("NULL was stored in a NOT NULL column")
            } catch let error as DatabaseError {
                #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_NOTNULL, "\(error)")
            }
            #expect(throws: DatabaseError.self) { try db.run(insert, [Int64(3), "too few"]) }
            #expect(throws: DatabaseError.self) { try db.run("SELECT * FROM value WHERE id = ?", [Int64(1)]) }
            try db.run(insert, [Int64(2), "after", 4, 4.0, "stored"])
        }
        let stored = try queue.read { db in try String.fetchAll(db, sql: "SELECT required FROM value ORDER BY id") }
        #expect(stored == ["kept", "stored"])
    }
}
