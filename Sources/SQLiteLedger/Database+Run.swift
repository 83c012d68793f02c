import GRDB
import GRDBSQLite

/// A value a ledger statement binds to one of its parameters: text, an integer, a real, or NULL for nil.
protocol SQLiteBindable {
    /// Binds the value to parameter `index` (from 1) of `statement`; returns SQLite's result code.
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32
}

extension Database {
    /// Runs a statement prepared once per connection and reused, binding `values` in order.
    ///
    /// Binds through SQLite's C API: the ledger's writes run for every order, and GRDB's arguments (each value made a
    /// `DatabaseValue`, checked, bound in nested closures, and unbound again) cost the writer more than SQLite's
    /// own insert.
    func run(_ sql: String, _ values: [(any SQLiteBindable)?]) throws {
        let statement = try cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        guard Int(sqlite3_bind_parameter_count(handle)) == values.count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "\(values.count) values for \(sqlite3_bind_parameter_count(handle)) parameters",
                sql: sql
            )
        }
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code = value?.bind(to: handle, at: index) ?? sqlite3_bind_null(handle, index)
            guard code == SQLITE_OK else { throw failure(code, sql: sql, statement: handle) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code, sql: sql, statement: handle) }
        sqlite3_reset(handle)
    }

    /// The error SQLite reports for `code`, with the statement reset for its next use.
    private func failure(_ code: Int32, sql: String, statement: SQLiteStatement) -> DatabaseError {
        defer { sqlite3_reset(statement) }
        guard code != SQLITE_ROW else { return DatabaseError(resultCode: .SQLITE_MISUSE, message: "the statement returned rows", sql: sql) }
        return DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(sqliteConnection)),
            message: String(cString: sqlite3_errmsg(sqliteConnection)),
            sql: sql
        )
    }
}

/// SQLite copies the bytes it is given before the call returns.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension String: SQLiteBindable {
    /// Bound as a C string, as GRDB binds text (which it also reads as one): text after a NUL character is not stored,
    /// so a key written here and one looked up through GRDB are the same key.
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        withCString { sqlite3_bind_text(statement, index, $0, -1, transient) }
    }
}

extension Int64: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, self)
    }
}

extension Int: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, Int64(self))
    }
}

extension Bool: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, self ? 1 : 0)
    }
}

extension Double: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) -> Int32 {
        sqlite3_bind_double(statement, index, self)
    }
}
