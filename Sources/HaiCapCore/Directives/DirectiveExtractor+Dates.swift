import Foundation

/// Reads the deadline of a task sentence: "trước ngày 15/12/2026", "chậm nhất ngày 20/12", "trước 30/11/2026",
/// "hoàn thành trong tháng 12/2026", "trong quý IV/2026", "trước ngày 15 tháng 12 năm 2026", "đến ngày 20/12",
/// "trong thời hạn 10 ngày (làm việc) kể từ …".
///
/// A date without a year takes the directive's year, or the next year when it would fall before the directive.
/// "Trước ngày D" is read as D itself (the day the work is due), as officials track it. A period counts from the
/// date after "kể từ ngày" or else from the directive's date. Recurring dates ("trước ngày 20 hằng tháng") and
/// invalid ones (31/02) give no deadline. When a sentence states several deadlines, the latest is the task's.
struct DirectiveDeadlineReader {
    let issuedOn: CalendarDay

    func deadline(in words: [DirectiveWord]) -> CalendarDay? {
        var best: CalendarDay?
        var i = 0
        while i < words.count {
            if let day = relative(at: i, words) {
                if best.map({ day > $0 }) ?? true { best = day }
                i += 1
                continue
            }
            if let start = trigger(at: i, words) {
                if let day = date(at: start.index, words, before: start.before), best.map({ day > $0 }) ?? true { best = day }
                i = max(i + 1, start.index)
                continue
            }
            i += 1
        }
        return best
    }

    /// Where the date of a deadline phrase starts; `before` for "trước tháng 12" (the month before).
    static let triggerWords: Set<String> = ["truoc", "cham", "han", "thoi", "den", "trong"]

    private func trigger(at i: Int, _ words: [DirectiveWord]) -> (index: Int, before: Bool)? {
        guard Self.triggerWords.contains(words[i].folded) else { return nil }
        let m = { (phrase: [String]) in DirectiveMentionFinder.matches(words, i, phrase) }
        if m(["truoc"]) { return (skipTime(from: i + 1, words), true) }
        if m(["cham", "nhat"]) {
            var j = i + 2
            if j < words.count, ["la", "vao", "trong", "truoc"].contains(words[j].folded) { j += 1 }
            return (skipTime(from: j, words), false)
        }
        if m(["han", "chot"]) { return (skipFiller(from: i + 2, words), false) }
        if m(["thoi", "han"]) || m(["han"]) && (i == 0 || words[i].gap.contains(":") || words[i - 1].folded == "thoi") {
            let j = m(["thoi", "han"]) ? i + 2 : i + 1
            return (skipFiller(from: j, words), false)
        }
        if m(["den"]), i + 1 < words.count, ["ngay", "het"].contains(words[i + 1].folded), i == 0 || words[i - 1].folded != "tinh" {
            var j = i + 1
            if words[j].folded == "het" { j += 1 }
            return (j, false)
        }
        if m(["trong"]), i + 1 < words.count, ["thang", "quy", "nam", "ngay"].contains(words[i + 1].folded) { return (i + 1, false) }
        return nil
    }

    /// "trong thời hạn 10 ngày (làm việc) kể từ ngày …", "trong vòng 05 ngày": counted from the date after "kể từ ngày"
    /// when one is written, else from the directive's date (the day it is received, near enough).
    private func relative(at i: Int, _ words: [DirectiveWord]) -> CalendarDay? {
        guard words[i].folded == "trong" else { return nil }
        var j = i + 1
        if DirectiveMentionFinder.matches(words, j, ["thoi", "han"]) {
            j += 2
        } else if j < words.count, words[j].folded == "vong" {
            j += 1
        }
        guard j + 1 < words.count, words[j].kind == .number, let count = Int(words[j].folded), (1...366).contains(count),
              words[j + 1].folded == "ngay" else { return nil }
        j += 2
        let working = DirectiveMentionFinder.matches(words, j, ["lam", "viec"])
        if working { j += 2 }
        var base = issuedOn
        if DirectiveMentionFinder.matches(words, j, ["ke", "tu", "ngay"]), j + 3 < words.count,
           let parts = Self.numericParts(words[j + 3].folded), parts.count == 3,
           let day = CalendarDay(year: parts[2], month: parts[1], day: parts[0]) {
            base = day
        }
        return working ? WorkingDayCalendar().adding(workingDays: count, to: base) : base.adding(days: count)
    }

    /// Skips "là", ":" fillers after "thời hạn" / "hạn chót".
    private func skipFiller(from start: Int, _ words: [DirectiveWord]) -> Int {
        var j = start
        while j < words.count, ["la", "hoan", "thanh", "truoc", "vao"].contains(words[j].folded) { j += 1 }
        return skipTime(from: j, words)
    }

    /// Skips a time of day: "17 giờ", "16h00", "10 giờ 30 phút sáng".
    private func skipTime(from start: Int, _ words: [DirectiveWord]) -> Int {
        var j = start
        if j < words.count, words[j].kind == .number, j + 1 < words.count, ["gio", "h", "g"].contains(words[j + 1].folded) {
            j += 2
            if j < words.count, words[j].kind == .number { j += 1 }
            if j < words.count, words[j].folded == "phut" { j += 1 }
        } else if j < words.count, Self.isClock(words[j]) {
            j += 1
        } else {
            return start
        }
        if j < words.count, ["sang", "chieu", "toi", "trua"].contains(words[j].folded) { j += 1 }
        return j
    }

    /// "17h", "16h00", "8g30".
    static func isClock(_ word: DirectiveWord) -> Bool {
        let s = word.folded
        guard let letter = s.firstIndex(where: { $0 == "h" || $0 == "g" }) else { return false }
        let hours = s[..<letter]
        let minutes = s[s.index(after: letter)...]
        return !hours.isEmpty && hours.count <= 2 && hours.allSatisfy(\.isNumber) && minutes.count <= 2 && minutes.allSatisfy(\.isNumber)
    }

    /// The date at `start` ("ngày 15/12/2026", "15/12", "ngày 15 tháng 12 năm 2026", "tháng 12/2026", "quý IV/2026",
    /// "năm 2026"), or nil when there is none or it is no valid day.
    private func date(at start: Int, _ words: [DirectiveWord], before: Bool) -> CalendarDay? {
        var j = start
        guard j < words.count else { return nil }
        switch words[j].folded {
        case "thang":
            guard let (month, year, end) = monthAndYear(at: j + 1, words), !isRecurring(at: end, words) else { return nil }
            if before {
                // "trước tháng 12/2026": by the end of November.
                guard let first = CalendarDay(year: year ?? inferredYear(month: month, day: 1), month: month, day: 1) else { return nil }
                return first.adding(days: -1)
            }
            return lastDay(month: month, year: year)
        case "quy":
            // "trước quý IV" is too loose to track; only "trong quý IV" reads as a deadline.
            guard !before, let (quarter, year, end) = quarterAndYear(at: j + 1, words), !isRecurring(at: end, words) else { return nil }
            return lastDay(month: quarter * 3, year: year)
        case "nam":
            guard !before, j + 1 < words.count, words[j + 1].kind == .number, let year = Int(words[j + 1].folded), (1900...2200).contains(year) else {
                return nil
            }
            return CalendarDay(year: year, month: 12, day: 31)
        case "ngay":
            j += 1
        default:
            break
        }
        guard j < words.count else { return nil }
        // "15/12/2026", "15/12", "15.12.2026", "15-12-2026".
        if words[j].kind != .word, let parts = Self.numericParts(words[j].folded), parts.count == 2 || parts.count == 3 {
            guard !isRecurring(at: j + 1, words) else { return nil }
            var year = parts.count == 3 ? parts[2] : nil
            if let y = year, y < 100 { year = 2000 + y }
            return day(parts[0], parts[1], year)
        }
        // "15 tháng 12 năm 2026", "15 tháng 12/2026", "15 tháng 12".
        if words[j].kind == .number, let d = Int(words[j].folded), j + 1 < words.count, words[j + 1].folded == "thang",
           let (month, year, end) = monthAndYear(at: j + 2, words) {
            guard !isRecurring(at: end, words) else { return nil }
            return day(d, month, year)
        }
        return nil
    }

    private func day(_ d: Int, _ m: Int, _ y: Int?) -> CalendarDay? {
        if let y { return CalendarDay(year: y, month: m, day: d) }
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        let year = inferredYear(month: m, day: d)
        return CalendarDay(year: year, month: m, day: d)
    }

    /// The directive's year, or the next one when the day would fall before the directive.
    private func inferredYear(month: Int, day: Int) -> Int {
        if month < issuedOn.month || (month == issuedOn.month && day < issuedOn.day) { return issuedOn.year + 1 }
        return issuedOn.year
    }

    private func lastDay(month: Int, year: Int?) -> CalendarDay? {
        guard (1...12).contains(month) else { return nil }
        if let year {
            guard (1583...9999).contains(year) else { return nil }
            return CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))
        }
        var y = issuedOn.year
        if month < issuedOn.month { y += 1 }
        return CalendarDay(year: y, month: month, day: CalendarDay.daysIn(month: month, year: y))
    }

    /// "12/2026", "12 năm 2026", "12": the month, the year when stated, and the index after them.
    private func monthAndYear(at j: Int, _ words: [DirectiveWord]) -> (Int, Int?, Int)? {
        guard j < words.count else { return nil }
        if words[j].kind == .number, let m = Int(words[j].folded) {
            if j + 2 < words.count, words[j + 1].folded == "nam", words[j + 2].kind == .number, let y = Int(words[j + 2].folded) {
                return (m, y, j + 3)
            }
            return (m, nil, j + 1)
        }
        if let parts = Self.numericParts(words[j].folded), parts.count == 2, parts[1] >= 100 { return (parts[0], parts[1], j + 1) }
        return nil
    }

    static let romanQuarters = ["i": 1, "ii": 2, "iii": 3, "iv": 4]

    /// "IV/2026", "IV năm 2026", "4/2026", "IV": the quarter, the year when stated, and the index after them.
    private func quarterAndYear(at j: Int, _ words: [DirectiveWord]) -> (Int, Int?, Int)? {
        guard j < words.count else { return nil }
        let w = words[j].folded
        let parts = w.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
        guard let first = parts.first, let quarter = Self.romanQuarters[first] ?? Int(first), (1...4).contains(quarter) else { return nil }
        if parts.count == 2 {
            guard let y = Int(parts[1]), y >= 100 else { return nil }
            return (quarter, y, j + 1)
        }
        guard parts.count == 1 else { return nil }
        if j + 2 < words.count, words[j + 1].folded == "nam", words[j + 2].kind == .number, let y = Int(words[j + 2].folded) {
            return (quarter, y, j + 3)
        }
        return (quarter, nil, j + 1)
    }

    /// "hằng tháng", "hàng năm", "mỗi quý": a recurring date, not a deadline.
    private func isRecurring(at j: Int, _ words: [DirectiveWord]) -> Bool {
        guard j + 1 < words.count else { return false }
        return ["hang", "moi"].contains(words[j].folded) && ["thang", "nam", "quy", "tuan", "ngay"].contains(words[j + 1].folded)
    }

    /// The numbers of "15/12/2026", "12/2026", "15.12.2026", or nil when a part is not a number.
    static func numericParts(_ text: String) -> [Int]? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: ".", omittingEmptySubsequences: false) }
            .flatMap { $0.split(separator: "-", omittingEmptySubsequences: false) }
        guard parts.count >= 2, parts.count <= 3 else { return nil }
        var out: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 4, part.allSatisfy(\.isASCII), let n = Int(part) else { return nil }
            out.append(n)
        }
        return out
    }
}
