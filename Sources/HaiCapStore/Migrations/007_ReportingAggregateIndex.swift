import Foundation

/// Aggregating a period reads every value of it: with `value` in the index, SQLite sums straight from the index
/// instead of looking up each row in the table (0.4 s → 0.06 s for 3,321 units × 100 indicators). The old index
/// is a prefix of the new one.
enum Migration007ReportingAggregateIndex {
    static let migration = Migration(version: 7, name: "reporting_aggregate_index") { _ in
        [
            "CREATE INDEX report_values_aggregate ON report_values (period_id, indicator, value)",
            "DROP INDEX report_values_indicator",
        ]
    }
}
