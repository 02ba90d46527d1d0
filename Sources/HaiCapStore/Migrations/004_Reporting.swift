import Foundation

/// Two-level reporting: versioned forms, regimes, periods, unit reports with every version kept,
/// numeric values for aggregation, saved narratives, and the administrator's working-day corrections.
enum Migration004Reporting {
    static let migration = Migration(version: 4, name: "reporting") { dialect in
        [
            """
            CREATE TABLE report_forms (
                \(dialect.idColumn),
                name TEXT NOT NULL, current_version INTEGER NOT NULL, example BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE report_form_versions (
                form_id BIGINT NOT NULL REFERENCES report_forms(id), version INTEGER NOT NULL,
                definition_json TEXT NOT NULL, created_at BIGINT NOT NULL, created_by TEXT NOT NULL,
                PRIMARY KEY (form_id, version))
            """,
            """
            CREATE TABLE report_regimes (
                \(dialect.idColumn),
                name TEXT NOT NULL, form_id BIGINT NOT NULL REFERENCES report_forms(id), frequency TEXT NOT NULL,
                deadline_working_days INTEGER NOT NULL, units_json TEXT NOT NULL, active BOOLEAN NOT NULL,
                example BOOLEAN NOT NULL, created_at BIGINT NOT NULL, created_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE report_periods (
                \(dialect.idColumn),
                regime_id BIGINT NOT NULL REFERENCES report_regimes(id), period_key TEXT NOT NULL, label TEXT NOT NULL,
                from_day TEXT NOT NULL, to_day TEXT NOT NULL, deadline TEXT NOT NULL, created_at BIGINT NOT NULL,
                UNIQUE (regime_id, period_key))
            """,
            "CREATE INDEX report_periods_deadline ON report_periods (deadline)",
            """
            CREATE TABLE reports (
                \(dialect.idColumn),
                period_id BIGINT NOT NULL REFERENCES report_periods(id), unit_code TEXT NOT NULL REFERENCES units(code),
                form_version INTEGER NOT NULL, status TEXT NOT NULL, values_json TEXT NOT NULL, narrative_json TEXT NOT NULL,
                first_submitted_at BIGINT, submitted_at BIGINT, late BOOLEAN NOT NULL, comment TEXT,
                updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL, UNIQUE (period_id, unit_code))
            """,
            "CREATE INDEX reports_unit ON reports (unit_code, period_id)",
            """
            CREATE TABLE report_versions (
                report_id BIGINT NOT NULL REFERENCES reports(id), sequence INTEGER NOT NULL, action TEXT NOT NULL,
                status TEXT NOT NULL, values_json TEXT NOT NULL, narrative_json TEXT NOT NULL, comment TEXT,
                actor TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (report_id, sequence))
            """,
            """
            CREATE TABLE report_values (
                period_id BIGINT NOT NULL REFERENCES report_periods(id), unit_code TEXT NOT NULL, indicator TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL, PRIMARY KEY (period_id, unit_code, indicator))
            """,
            "CREATE INDEX report_values_indicator ON report_values (period_id, indicator)",
            """
            CREATE TABLE period_narratives (
                period_id BIGINT PRIMARY KEY REFERENCES report_periods(id), text TEXT NOT NULL,
                saved_by TEXT NOT NULL, saved_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE calendar_days (
                day TEXT PRIMARY KEY, kind TEXT NOT NULL, note TEXT NOT NULL,
                updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
        ]
    }
}
