import PostgresNIO

/// The ledger's tables in PostgreSQL, as in SQLite: money and quantities are exact `NUMERIC`, times seconds since 1970.
enum PostgresSchema {
    /// Each version's statements, applied in order, once.
    static let versions: [[PostgresQuery]] = [
        [
            """
            CREATE TABLE account (
                name TEXT PRIMARY KEY CHECK (length(name) > 0),
                cash NUMERIC NOT NULL,
                allows_short BOOLEAN NOT NULL DEFAULT false,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE position (
                account TEXT NOT NULL REFERENCES account(name),
                symbol TEXT NOT NULL,
                quantity NUMERIC NOT NULL,
                cost_basis NUMERIC NOT NULL,
                realized_pnl NUMERIC NOT NULL,
                multiplier NUMERIC NOT NULL DEFAULT 1,
                PRIMARY KEY (account, symbol)
            )
            """,
            "CREATE TABLE last_price (symbol TEXT PRIMARY KEY, price NUMERIC NOT NULL, time DOUBLE PRECISION NOT NULL)",
            "CREATE SEQUENCE order_id",
            """
            CREATE TABLE orders (
                id BIGINT PRIMARY KEY,
                account TEXT NOT NULL REFERENCES account(name),
                symbol TEXT NOT NULL,
                side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
                requested_qty NUMERIC NOT NULL,
                filled_qty NUMERIC NOT NULL,
                requested_price NUMERIC NOT NULL,
                exec_price NUMERIC,
                value NUMERIC NOT NULL,
                slippage NUMERIC NOT NULL,
                commission NUMERIC NOT NULL,
                tax NUMERIC NOT NULL DEFAULT 0,
                fill_rate NUMERIC NOT NULL DEFAULT 1,
                time DOUBLE PRECISION NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('filled', 'partially_filled', 'rejected')),
                rejection_code TEXT,
                rejection_reason TEXT,
                source TEXT NOT NULL,
                adapter TEXT,
                CHECK ((status = 'rejected') = (exec_price IS NULL))
            )
            """,
            "CREATE INDEX orders_by_account ON orders (account, id)",
            """
            CREATE TABLE delivery (
                id BIGSERIAL PRIMARY KEY,
                time DOUBLE PRECISION NOT NULL,
                remote_address TEXT,
                path TEXT NOT NULL,
                adapter TEXT,
                status INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                order_id BIGINT REFERENCES orders(id),
                latency_us BIGINT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            "CREATE INDEX delivery_by_time ON delivery (time)",
            """
            CREATE TABLE equity_point (
                id BIGSERIAL PRIMARY KEY,
                account TEXT NOT NULL REFERENCES account(name),
                time DOUBLE PRECISION NOT NULL,
                order_id BIGINT REFERENCES orders(id),
                cash NUMERIC NOT NULL,
                equity NUMERIC NOT NULL
            )
            """,
            "CREATE INDEX equity_point_by_account ON equity_point (account, id)",
            """
            CREATE TABLE idempotency (
                account TEXT NOT NULL,
                key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                order_ids TEXT NOT NULL,
                refusal_code TEXT,
                refusal_kind TEXT,
                refusal_en TEXT,
                refusal_zh TEXT,
                no_action_en TEXT,
                no_action_zh TEXT,
                adapter TEXT,
                PRIMARY KEY (account, key)
            )
            """,
            "CREATE INDEX idempotency_by_age ON idempotency (created_at)",
            """
            CREATE TABLE app_user (
                name TEXT PRIMARY KEY CHECK (length(name) > 0),
                role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
                password_hash TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE session (
                digest TEXT PRIMARY KEY,
                user_name TEXT NOT NULL REFERENCES app_user(name) ON DELETE CASCADE,
                created_at DOUBLE PRECISION NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX session_by_expiry ON session (expires_at)",
            """
            CREATE TABLE api_token (
                digest TEXT PRIMARY KEY,
                user_name TEXT NOT NULL REFERENCES app_user(name) ON DELETE CASCADE,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE account_token (
                digest TEXT PRIMARY KEY,
                account TEXT NOT NULL REFERENCES account(name),
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
        ],
        // A rejection kept as its parameters, so that it reads in the language each request asks for.
        ["ALTER TABLE orders ADD COLUMN rejection TEXT"],
        // Resting orders, as in SQLite's v11: a fill of one names it, and so does the key of the signal that placed it.
        [
            """
            CREATE TABLE working_order (
                id BIGINT PRIMARY KEY,
                account TEXT NOT NULL REFERENCES account(name),
                symbol TEXT NOT NULL,
                side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
                quantity NUMERIC NOT NULL,
                filled_qty NUMERIC NOT NULL,
                order_type TEXT NOT NULL,
                limit_price NUMERIC,
                stop_price NUMERIC,
                trail_amount NUMERIC,
                trail_percent NUMERIC,
                time_in_force TEXT NOT NULL,
                expire_at DOUBLE PRECISION,
                expires_at DOUBLE PRECISION,
                triggered BOOLEAN NOT NULL,
                best NUMERIC,
                signal_price NUMERIC NOT NULL,
                placed_at DOUBLE PRECISION NOT NULL,
                reserved NUMERIC NOT NULL,
                status TEXT NOT NULL,
                rejection TEXT,
                ended_at DOUBLE PRECISION,
                source TEXT NOT NULL,
                adapter TEXT,
                parent BIGINT,
                cancels_on_fill BIGINT,
                placed_status TEXT NOT NULL,
                placed_filled_qty NUMERIC NOT NULL
            )
            """,
            "CREATE INDEX working_order_working ON working_order (symbol) WHERE status = 'working'",
            "CREATE INDEX working_order_by_account ON working_order (account, id)",
            "ALTER TABLE orders ADD COLUMN working_order BIGINT",
            "ALTER TABLE idempotency ADD COLUMN working_order BIGINT",
        ],
    ]

    /// Brings the schema up to date. Replicas starting together take turns on an advisory lock: the first applies
    /// what is missing, the others find it applied.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        do {
            try await apply(connection, logger: logger)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error
        }
    }

    /// Checks, changing nothing, that the database holds the schema this papertrade knows.
    static func check(_ connection: PostgresConnection, logger: Logger) async throws {
        let exists =
            try await connection.query("SELECT to_regclass('schema_version') IS NOT NULL", logger: logger).collect()
            .first?.decode(Bool.self) ?? false
        let found =
            exists
            ? try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_version", logger: logger).collect().first?.decode(Int.self)
                ?? 0
            : 0
        guard found == versions.count else {
            throw found > versions.count ? NewerSchema(found: found, known: versions.count) as any Error : OlderSchema(found: found)
        }
    }

    private static func apply(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            // A migration may wait for another server's and take its time: the session's limits do not apply.
            try await connection.query("SET LOCAL lock_timeout = 0", logger: logger)
            try await connection.query("SET LOCAL statement_timeout = 0", logger: logger)
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger
            )
            var applied = 0
            for try await version in try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_version", logger: logger)
                .decode(Int.self)
            {
                applied = version
            }
            guard applied <= versions.count else { throw NewerSchema(found: applied, known: versions.count) }
            for (index, statements) in versions.enumerated() where index + 1 > applied {
                for statement in statements { try await connection.query(statement, logger: logger) }
                try await connection.query("INSERT INTO schema_version (version) VALUES (\(index + 1))", logger: logger)
            }
        }
    }

    /// The advisory lock that serializes migrations: "papertrd" in ASCII, as a 64-bit key.
    static let lockKey: Int64 = 0x7061_7065_7274_7264
}

/// A database whose schema a newer papertrade made: this one would misread it, so it does not start.
struct NewerSchema: Error, CustomStringConvertible {
    var found: Int
    var known: Int

    var description: String {
        "the database's schema is version \(found), newer than this papertrade knows (\(known)): upgrade papertrade on every server"
    }
}

/// A database whose schema is missing or older than this papertrade's, found by a command that changes nothing.
struct OlderSchema: Error, CustomStringConvertible {
    var found: Int

    var description: String {
        found == 0
            ? "the database holds no papertrade ledger yet: start a server on it, or run 'papertrade account list' with it, first"
            : "the database's schema is version \(found), older than this papertrade's: start a server of this version on it first"
    }
}
