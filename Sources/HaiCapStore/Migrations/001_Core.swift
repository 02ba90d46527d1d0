import Foundation

/// Units, accounts, tokens, sessions, the audit log and login throttling.
enum Migration001Core {
    static let migration = Migration(version: 1, name: "core") { dialect in
        [
            """
            CREATE TABLE provinces (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, unit_count INTEGER NOT NULL)
            """,
            """
            CREATE TABLE units (
                code TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, type TEXT NOT NULL,
                province_code TEXT NOT NULL REFERENCES provinces(code), province_name TEXT NOT NULL,
                latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, area_km2 DOUBLE PRECISION,
                folded_name TEXT NOT NULL)
            """,
            "CREATE INDEX units_province ON units (province_code, code)",
            """
            CREATE TABLE unit_mappings (
                \(dialect.idColumn),
                old_ward TEXT NOT NULL, old_district TEXT NOT NULL, old_province TEXT NOT NULL,
                old_ward_code TEXT NOT NULL, new_unit_code TEXT NOT NULL REFERENCES units(code),
                new_unit_name TEXT NOT NULL, relation TEXT NOT NULL, is_default BOOLEAN NOT NULL)
            """,
            """
            CREATE TABLE users (
                \(dialect.idColumn),
                username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
                role TEXT NOT NULL, unit_code TEXT REFERENCES units(code), disabled BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE api_tokens (
                \(dialect.idColumn),
                user_id BIGINT NOT NULL REFERENCES users(id), name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL,
                last_used_at BIGINT, revoked_at BIGINT)
            """,
            """
            CREATE TABLE sessions (
                key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at BIGINT)
            """,
            """
            CREATE TABLE audit_log (
                \(dialect.idColumn),
                at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
                entity_id TEXT NOT NULL, before_json TEXT, after_json TEXT)
            """,
            "CREATE INDEX audit_log_at ON audit_log (at)",
            """
            CREATE TABLE login_attempts (
                key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start BIGINT NOT NULL,
                locked_until BIGINT)
            """,
        ]
    }
}
