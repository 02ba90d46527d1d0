import Foundation

/// A drafted narrative for a period, written only from the status and the aggregates.
///
/// Every number in the text is also listed in `facts` with where it comes from (`status.submitted`,
/// `aggregate.received.sum`, …), so an official can trace it before editing and saving the text.
public struct ReportNarrative: Sendable, Equatable {
    public struct Fact: Sendable, Equatable, Codable {
        /// The number as written in the text.
        public var text: String
        /// Where it comes from: `status.<field>` or `aggregate.<indicator>.<figure>`.
        public var source: String
        public var value: Double
    }

    public var text: String
    public var facts: [Fact]

    /// Drafts the narrative. `unitNames` maps codes to names for the list of units that have not reported.
    public static func draft(
        periodLabel: String, from: CalendarDay, to: CalendarDay, deadline: CalendarDay,
        status: PeriodStatusSummary, aggregates: [IndicatorAggregate], unitNames: [String: String],
        maxListedUnits: Int = 30
    ) -> ReportNarrative {
        var facts: [Fact] = []
        func fact(_ value: Double, _ source: String, percent: Bool = false, digits: Int = 1) -> String {
            let text = percent ? VietnameseNumber.decimal(value * 100, digits: digits) + "%" : VietnameseNumber.number(value)
            facts.append(Fact(text: text, source: source, value: value))
            return text
        }

        var paragraphs: [String] = []
        var first = "Trong kỳ \(periodLabel) (số liệu từ ngày \(from.vietnamese) đến ngày \(to.vietnamese)), "
        first += "\(fact(Double(status.submitted), "status.submitted"))/\(fact(Double(status.expected), "status.expected")) đơn vị cấp xã đã gửi báo cáo"
        first += " (\(fact(status.completeness, "status.completeness", percent: true)))"
        if status.missing.isEmpty {
            first += "; tất cả đơn vị được giao đã gửi."
        } else {
            let names = status.missing.prefix(maxListedUnits).map { unitNames[$0] ?? $0 }
            let more = status.missing.count > maxListedUnits ? " và \(status.missing.count - maxListedUnits) đơn vị khác" : ""
            first += "; \(fact(Double(status.missing.count), "status.missing")) đơn vị chưa gửi: \(names.joined(separator: ", "))\(more)."
        }
        if status.submitted > 0 {
            first += " Có \(fact(Double(status.onTime), "status.onTime")) báo cáo gửi đúng hạn (\(fact(status.timeliness, "status.timeliness", percent: true)) số đã gửi)"
            first += status.late > 0
                ? " và \(fact(Double(status.late), "status.late")) báo cáo gửi trễ hạn (hạn gửi ngày \(deadline.vietnamese))."
                : ", không có báo cáo trễ hạn."
        }
        paragraphs.append(first)

        var lines: [String] = []
        for a in aggregates where a.count > 0 {
            let unit = a.unit.map { $0.isEmpty || $0 == "%" ? "" : " \($0)" } ?? ""
            let key = "aggregate.\(a.key)"
            var line: String
            switch a.type {
            case .percent:
                guard let avg = a.avg, let low = a.min, let high = a.max else { continue }
                line = "\(a.label): bình quân \(fact(avg, "\(key).avg"))%, thấp nhất \(fact(low, "\(key).min"))%, cao nhất \(fact(high, "\(key).max"))%"
            case .boolean:
                guard let sum = a.sum else { continue }
                line = "\(a.label): \(fact(sum, "\(key).sum"))/\(fact(Double(a.count), "\(key).count")) đơn vị trả lời có"
            default:
                guard let sum = a.sum else { continue }
                line = "\(a.label): tổng \(fact(sum, "\(key).sum"))\(unit)"
                if a.count > 1, let low = a.min, let high = a.max {
                    line += " (đơn vị thấp nhất \(fact(low, "\(key).min")), cao nhất \(fact(high, "\(key).max")))"
                }
            }
            if a.type != .boolean, let change = a.change, let before = a.type == .percent ? a.previousAvg : a.previousSum {
                let beforeText = fact(before, a.type == .percent ? "\(key).previousAvg" : "\(key).previousSum")
                let suffix = a.type == .percent ? "%" : unit
                if abs(change) < 0.0005 {
                    line += ", không đổi so với kỳ trước"
                } else {
                    line += ", \(change > 0 ? "tăng" : "giảm") \(fact(abs(change), "\(key).change", percent: true)) so với kỳ trước (\(beforeText)\(suffix))"
                }
            }
            lines.append("- " + line + ".")
        }
        if !lines.isEmpty {
            paragraphs.append("Tổng hợp số liệu của các báo cáo đã gửi:\n" + lines.joined(separator: "\n"))
        } else if status.submitted == 0 {
            paragraphs.append("Chưa có số liệu để tổng hợp.")
        }
        return ReportNarrative(text: paragraphs.joined(separator: "\n\n"), facts: facts)
    }
}
