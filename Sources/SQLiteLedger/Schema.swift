import Core
import Foundation
import GRDB
import Ledger

/// The ledger's tables. Money and quantities are decimal text, never floating point.
enum Schema {
    /// The orders table's status check as v1 wrote it, and as v9 writes it.
    static let statusInList = "CHECK (status IN ('filled', 'partially_filled', 'rejected'))"
    static let statusComparisons = "CHECK (status = 'filled' OR status = 'partially_filled' OR status = 'rejected')"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        name TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
                        cash TEXT NOT NULL,
                        allows_short INTEGER NOT NULL DEFAULT 0 CHECK (allows_short IN (0, 1)),
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE position (
                        account TEXT NOT NULL REFERENCES account(name),
                        symbol TEXT NOT NULL,
                        quantity TEXT NOT NULL,
                        cost_basis TEXT NOT NULL,
                        realized_pnl TEXT NOT NULL,
                        PRIMARY KEY (account, symbol)
                    );
                    CREATE TABLE last_price (
                        symbol TEXT PRIMARY KEY NOT NULL,
                        price TEXT NOT NULL,
                        time REAL NOT NULL
                    );
                    CREATE TABLE orders (
                        id INTEGER PRIMARY KEY,
                        account TEXT NOT NULL REFERENCES account(name),
                        symbol TEXT NOT NULL,
                        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
                        requested_qty TEXT NOT NULL,
                        filled_qty TEXT NOT NULL,
                        requested_price TEXT NOT NULL,
                        exec_price TEXT,
                        value TEXT NOT NULL,
                        slippage TEXT NOT NULL,
                        commission TEXT NOT NULL,
                        time REAL NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('filled', 'partially_filled', 'rejected')),
                        rejection_code TEXT,
                        rejection_reason TEXT,
                        source TEXT NOT NULL,
                        adapter TEXT,
                        CHECK ((status = 'rejected') = (exec_price IS NULL))
                    );
                    CREATE INDEX orders_by_account ON orders(account, id);
                    CREATE TABLE delivery (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        time REAL NOT NULL,
                        remote_address TEXT,
                        path TEXT NOT NULL,
                        adapter TEXT,
                        status INTEGER NOT NULL,
                        outcome TEXT NOT NULL,
                        order_id INTEGER REFERENCES orders(id),
                        latency_us INTEGER NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE TABLE idempotency (
                        key TEXT PRIMARY KEY NOT NULL,
                        fingerprint TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        body TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE INDEX idempotency_by_age ON idempotency(created_at);
                    """
            )
        }
        // Idempotency keys are scoped to the account they trade. A key from before takes the account its stored reply
        // names; one whose reply names none carries '' and matches any account.
        migrator.registerMigration("v2: idempotency per account") { db in
            try db.execute(
                sql: """
                    ALTER TABLE idempotency RENAME TO idempotency_unscoped;
                    CREATE TABLE idempotency (
                        account TEXT NOT NULL,
                        key TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        status INTEGER NOT NULL,
                        body TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        PRIMARY KEY (account, key)
                    );
                    INSERT INTO idempotency
                        SELECT COALESCE(CASE WHEN json_valid(body) THEN json_extract(body, '$.order.account') END, ''), key, fingerprint, status, body, created_at
                        FROM idempotency_unscoped;
                    DROP TABLE idempotency_unscoped;
                    CREATE INDEX idempotency_by_age ON idempotency(created_at);
                    """
            )
        }
        // Instruments: a position keeps the multiplier it was opened with, an order its sell tax.
        migrator.registerMigration("v3: instruments") { db in
            try db.execute(
                sql: """
                    ALTER TABLE position ADD COLUMN multiplier TEXT NOT NULL DEFAULT '1';
                    ALTER TABLE orders ADD COLUMN tax TEXT NOT NULL DEFAULT '0';
                    """
            )
        }
        // Equity history: a point when an account is created and one after every fill, for charts.
        migrator.registerMigration("v4: equity history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE equity_point (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account TEXT NOT NULL REFERENCES account(name),
                        time REAL NOT NULL,
                        order_id INTEGER REFERENCES orders(id),
                        cash TEXT NOT NULL,
                        equity TEXT NOT NULL
                    );
                    CREATE INDEX equity_point_by_account ON equity_point(account, id);
                    INSERT INTO equity_point (account, time, order_id, cash, equity) SELECT name, created_at, NULL, cash, cash FROM account;
                    """
            )
        }
        // Replies are rendered per request: a key keeps what its signal came to (order ids, a refusal or a no-action
        // message in every language), no longer a reply body; an order keeps its fill rate for its simulation.
        migrator.registerMigration("v5: idempotency records") { db in
            try db.execute(
                sql: """
                    ALTER TABLE orders ADD COLUMN fill_rate TEXT NOT NULL DEFAULT '1';
                    ALTER TABLE idempotency RENAME TO idempotency_replies;
                    CREATE TABLE idempotency (
                        account TEXT NOT NULL,
                        key TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        order_ids TEXT NOT NULL,
                        refusal_code TEXT,
                        refusal_kind TEXT,
                        refusal_en TEXT,
                        refusal_zh TEXT,
                        no_action_en TEXT,
                        no_action_zh TEXT,
                        adapter TEXT,
                        PRIMARY KEY (account, key)
                    );
                    """
            )
            for row in try Row.fetchAll(db, sql: "SELECT * FROM idempotency_replies") {
                let reply = StoredReplyBody(status: row["status"], body: row["body"])
                for (id, rate) in reply.fillRates { try db.execute(sql: "UPDATE orders SET fill_rate = ? WHERE id = ?", arguments: [rate, id]) }
                try db.execute(
                    sql: """
                        INSERT INTO idempotency (account, key, fingerprint, created_at, order_ids, refusal_code, refusal_kind, refusal_en,
                            refusal_zh, no_action_en, no_action_zh, adapter)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        row["account"], row["key"], row["fingerprint"], row["created_at"], reply.orderIDs.map(String.init).joined(separator: ","),
                        reply.code, reply.kind,
                        reply.error, reply.error, reply.noAction, reply.noAction, reply.adapter,
                    ]
                )
            }
            try db.execute(sql: "DROP TABLE idempotency_replies; CREATE INDEX idempotency_by_age ON idempotency(created_at);")
        }
        // The web app: users with bcrypt password hashes, sessions and API tokens kept as SHA-256 digests, and
        // settings such as the current account.
        migrator.registerMigration("v6: users") { db in
            try db.execute(
                sql: """
                    CREATE TABLE user (
                        name TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
                        role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
                        password_hash TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE session (
                        digest TEXT PRIMARY KEY NOT NULL,
                        user TEXT NOT NULL REFERENCES user(name) ON DELETE CASCADE,
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    );
                    CREATE INDEX session_by_expiry ON session(expires_at);
                    CREATE TABLE api_token (
                        digest TEXT PRIMARY KEY NOT NULL,
                        user TEXT NOT NULL REFERENCES user(name) ON DELETE CASCADE,
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE setting (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """
            )
        }
        // Webhook tokens bound to one account each, kept as SHA-256 digests.
        migrator.registerMigration("v7: account tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account_token (
                        digest TEXT PRIMARY KEY NOT NULL,
                        account TEXT NOT NULL REFERENCES account(name),
                        created_at REAL NOT NULL
                    );
                    """
            )
        }
        // The delivery log is pruned every 10,000 deliveries by time: without an index each prune read the whole
        // log, holding the writer (and every reply waiting on it) longer as the log grew. An index changes no row:
        // the whole database's foreign keys need no check at the next start.
        migrator.registerMigration("v8: deliveries by time", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "CREATE INDEX delivery_by_time ON delivery(time)")
        }
        // SQLite checks `status IN (three values)` through a temporary table it builds for every order inserted (a
        // durable order cost the writer about 10 µs more of CPU); three comparisons accept the same values. The rows
        // already satisfy the check, so the table's text is changed in place, as SQLite documents for changing a CHECK
        // constraint, instead of copying every order into a new table.
        migrator.registerMigration("v9: order status checked without a temporary table", foreignKeyChecks: .immediate) { db in
            let table = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'"
            guard try String.fetchOne(db, sql: table)?.contains(statusInList) == true else {
                throw DatabaseError(message: "the orders table does not hold the status check v1 created: \(statusInList)")
            }
            let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
            try db.execute(sql: "PRAGMA writable_schema = ON")
            defer { try? db.execute(sql: "PRAGMA writable_schema = OFF") }
            try db.execute(
                sql: "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'orders'",
                arguments: [statusInList, statusComparisons]
            )
            try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
            db.clearSchemaCache()
        }
        // A rejection kept as its parameters, so that it reads in the language each request asks for; the code and
        // English text are still written beside it.
        migrator.registerMigration("v10: order rejections as parameters") { db in
            try db.execute(sql: "ALTER TABLE orders ADD COLUMN rejection TEXT")
        }
        // Resting orders: the orders waiting in the market for their price, with what they have seen of it; a fill
        // of one names it, and so does the key of the signal that placed it. Last prices keep when the market made them.
        migrator.registerMigration("v11: working orders") { db in
            try db.execute(
                sql: """
                    CREATE TABLE working_order (
                        id INTEGER PRIMARY KEY,
                        account TEXT NOT NULL REFERENCES account(name),
                        symbol TEXT NOT NULL,
                        side TEXT NOT NULL CHECK (side = 'buy' OR side = 'sell'),
                        quantity TEXT NOT NULL,
                        filled_qty TEXT NOT NULL,
                        order_type TEXT NOT NULL,
                        limit_price TEXT,
                        stop_price TEXT,
                        trail_amount TEXT,
                        trail_percent TEXT,
                        time_in_force TEXT NOT NULL,
                        expire_at REAL,
                        expires_at REAL,
                        triggered INTEGER NOT NULL CHECK (triggered IN (0, 1)),
                        best TEXT,
                        signal_price TEXT NOT NULL,
                        placed_at REAL NOT NULL,
                        reserved TEXT NOT NULL,
                        status TEXT NOT NULL,
                        rejection TEXT,
                        ended_at REAL,
                        source TEXT NOT NULL,
                        adapter TEXT,
                        parent INTEGER,
                        cancels_on_fill INTEGER,
                        placed_status TEXT NOT NULL,
                        placed_filled_qty TEXT NOT NULL
                    );
                    CREATE INDEX working_order_working ON working_order(symbol) WHERE status = 'working';
                    CREATE INDEX working_order_by_account ON working_order(account, id);
                    ALTER TABLE orders ADD COLUMN working_order INTEGER;
                    ALTER TABLE idempotency ADD COLUMN working_order INTEGER;
                    """
            )
        }
        return migrator
    }
}

/// A reply body stored before v5, read for what a replay needs; its messages stay in the language they were written
/// in. A body that cannot be read becomes a refusal saying so: a replay of it answers 503, and never trades again.
private struct StoredReplyBody {
    var orderIDs: [Int64] = []
    /// Each filled order's fill rate as the reply wrote it, which orders from before v5 do not keep.
    var fillRates: [(id: Int64, rate: String)] = []
    var code: String? = LedgerError.storageUnavailable.code
    var kind: String? = ErrorKind.unavailable.rawValue
    var error: String? = "This key's reply was recorded by an earlier version and could not be read; nothing was executed again"
    var noAction: String?
    var adapter: String?

    init(status: Int, body: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else { return }
        func id(_ order: Any?) -> Int64? { ((order as? [String: Any])?["id"] as? NSNumber)?.int64Value }
        let legs = (object["legs"] as? [[String: Any]])?.map { $0["order"] } ?? []
        let orders = object["orders"] as? [Any] ?? []
        orderIDs = ([object["order"]] + legs + orders).compactMap(id)
        code = object["code"] as? String
        error = object["error"] as? String
        kind = code.map { _ in (status == 400 ? ErrorKind.invalidRequest : .tradeRefused).rawValue }
        noAction = object["no_action"] as? String
        adapter = object["adapter"] as? String
        guard code == nil || error != nil, !orderIDs.isEmpty || noAction != nil else {
            self = StoredReplyBody(status: 0, body: "")
            return
        }
        // Fill rates are read as written (`0.95`, never a binary float): one per simulation, in the orders' order.
        let rates = Self.fillRate.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap { match in
            Range(match.range(at: 1), in: body).map { String(body[$0]) }
        }
        if code == nil, rates.count == orderIDs.count { fillRates = zip(orderIDs, rates).map { ($0, $1) } }
    }

    private static let fillRate = try! NSRegularExpression(pattern: #""fill_rate":(-?[0-9.eE+]+)"#)
}
