import Foundation
import HaiCapCore

extension ReportingService {
    /// A period as tables: one row per expected unit, and one row per indicator aggregate.
    public struct PeriodTables: Sendable {
        public var title: String
        public var units: XLSXSheet
        public var aggregates: XLSXSheet
        /// Rows "Tổng", "Trung bình", "Nhỏ nhất", "Lớn nhất" aligned with the unit table's columns.
        public var footer: [[XLSXCell]]

        /// CSV (UTF-8 with BOM): the unit table followed by the footer rows.
        public var csv: Data {
            CSVDocument.data(header: units.header, rows: (units.rows + footer).map { $0.map(Self.text) })
        }

        /// XLSX with the two sheets.
        public var xlsx: Data {
            var withFooter = units
            withFooter.rows += footer
            return XLSXWorkbook.data(sheets: [withFooter, aggregates])
        }

        static func text(_ cell: XLSXCell) -> String {
            switch cell {
            case .text(let t): t
            case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
            case .empty: ""
            }
        }
    }

    /// Builds the export tables of a period (province only).
    public func tables(periodID: Int64, actor: Actor) async throws -> PeriodTables {
        let (period, form, aggregates) = try await aggregate(periodID: periodID, actor: actor)
        let regime = try await regime(id: period.regimeID)
        let names = try await unitNames()
        let reports = Dictionary(try await repository.reports(periodID: periodID).map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        let indicators = form.definition.indicators
        let header = ["Mã đơn vị", "Tên đơn vị", "Trạng thái", "Thời điểm gửi", "Đúng hạn"]
            + indicators.map { item in item.unit.map { "\(item.label) (\($0))" } ?? item.label }
        var rows: [[XLSXCell]] = []
        for code in try await expectedUnits(regime) {
            let report = reports[code]
            let counts = report?.status.counts ?? false
            var row: [XLSXCell] = [
                .text(code), .text(names[code] ?? code), .text((report?.status ?? .notStarted).label),
                report?.submittedAt.map { .text(CivilTime.display($0)) } ?? .empty,
                counts ? .text(report?.late == true ? "Trễ hạn" : "Đúng hạn") : .empty,
            ]
            for item in indicators {
                guard counts, let value = report?.values[item.key] else { row.append(.empty); continue }
                switch value {
                case .number(let n): row.append(.number(n))
                case .bool(let b): row.append(.text(b ? "Có" : "Không"))
                case .string(let s): row.append(.text(s))
                default: row.append(.empty)
                }
            }
            rows.append(row)
        }
        let byKey = Dictionary(aggregates.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let figures: [(String, (IndicatorAggregate) -> Double?)] = [("Tổng", \.sum), ("Trung bình", \.avg), ("Nhỏ nhất", \.min), ("Lớn nhất", \.max)]
        let footer: [[XLSXCell]] = figures.map { label, pick in
            [.text(label), .empty, .empty, .empty, .empty] + indicators.map { item in
                byKey[item.key].flatMap(pick).map { XLSXCell.number($0) } ?? .empty
            }
        }
        let aggregateRows: [[XLSXCell]] = aggregates.map { a in
            [.text(a.key), .text(a.label), a.unit.map { .text($0) } ?? .empty,
             a.sum.map { .number($0) } ?? .empty, a.avg.map { .number($0) } ?? .empty,
             a.min.map { .number($0) } ?? .empty, a.max.map { .number($0) } ?? .empty, .number(Double(a.count)),
             a.type == .percent ? (a.previousAvg.map { .number($0) } ?? .empty) : (a.previousSum.map { .number($0) } ?? .empty),
             a.change.map { .number(($0 * 1000).rounded() / 10) } ?? .empty]
        }
        return PeriodTables(
            title: "\(regime.name) — \(period.label)",
            units: XLSXSheet(name: "Theo đơn vị", header: header, rows: rows, columnWidths: [10, 28, 16, 18, 10] + indicators.map { _ in 16 }),
            aggregates: XLSXSheet(
                name: "Tổng hợp",
                header: ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Tổng", "Trung bình", "Nhỏ nhất", "Lớn nhất", "Số báo cáo", "Kỳ trước", "Thay đổi (%)"],
                rows: aggregateRows, columnWidths: [16, 40, 12, 12, 12, 12, 12, 10, 12, 12]),
            footer: footer)
    }
}
