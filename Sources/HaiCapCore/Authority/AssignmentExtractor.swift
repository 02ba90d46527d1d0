import Foundation
import LegalText

/// Proposes competence records from the sentences of a delineation or decentralisation decree that
/// assign a power to a holder. One record per (provision unit, holder); proposals start as `extracted`.
public struct AssignmentExtractor: Sendable {
    /// Also read the steps of "Trình tự, thủ tục …" clauses and time-limit sentences. The assistant uses these
    /// readings to answer "who does this step"; they are not competence records and never enter the review queue.
    public var includeProcedureSteps: Bool

    /// `notes` of readings taken from procedure steps.
    public static let procedureStepNote = "procedure-step"

    public init(includeProcedureSteps: Bool = false) {
        self.includeProcedureSteps = includeProcedureSteps
    }

    /// Articles that state principles, scope, effect or terms, never assignments.
    static let skippedTitles = ["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Nguyên tắc", "Hiệu lực thi hành", "Giải thích từ ngữ"]

    struct Unit {
        var article: String
        var clause: String?
        var point: String?
        var title: String
        var text: String
        /// The heading the unit hangs under ("1. Bộ Xây dựng:"), for points that name no holder themselves.
        var intro: String?
        /// A step of a "Trình tự, thủ tục …" clause: read for the assistant, never a competence record.
        var procedure = false
        /// The law the article's lead-in says its bare citations are of ("… các quy định tại điều, khoản, điểm sau
        /// đây của Luật Quy hoạch đô thị và nông thôn được thực hiện như sau:").
        var law: String?
        /// The points of a clause whose `text` is the sentence opening them as the cases of one power: quoted with it,
        /// never read for holders (they name holders as objects: "Thủ tục hành chính thuộc thẩm quyền … của …").
        var listItems: String?
    }

    /// Endings of a sentence whose list is the cases one power covers. Any other ending ("… có các nhiệm vụ sau:",
    /// "… như sau:") heads separate tasks, one record per point.
    static let scopeListEndings = ["gồm", "gồm các trường hợp", "trường hợp sau", "trường hợp sau đây"]

    /// "X quyết định các thủ tục hành chính …, gồm:", "X tiếp nhận thủ tục hành chính …, bao gồm:": a sentence ending in a
    /// colon whose actor comes first and is followed by a verb and its object, the list being that object's cases.
    static func opensScopeList(_ sentence: String) -> Bool {
        let t = sentence.trimmingCharacters(in: .whitespaces)
        guard t.hasSuffix(":") else { return false }
        let body = t.dropLast().trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        guard scopeListEndings.contains(where: { body.hasSuffix($0) }) else { return false }
        let mentions = HolderMentionFinder.mentions(in: t)
        guard let group = SentenceRules.subjectFirst(t, mentions), let last = group.last, !last.isDistrict else { return false }
        let after = t[last.range.upperBound...].split(separator: " ")
        return after.count >= 6
    }

    public func extract(_ document: LegalDocument, number: String, effective: String? = nil, expiry: String? = nil) -> [CompetenceRecord] {
        var records: [CompetenceRecord] = []
        var seen: Set<String> = []
        for unit in units(of: document) {
            for record in read(unit, number: number, effective: effective, expiry: expiry) where seen.insert(record.key).inserted {
                records.append(record)
            }
        }
        return records
    }

    func units(of document: LegalDocument) -> [Unit] {
        var out: [Unit] = []
        for article in document.articles where !Self.skippedTitles.contains(where: { article.title.hasPrefix($0) }) {
            if article.clauses.isEmpty {
                if article.points.isEmpty {
                    out.append(Unit(article: article.number, title: article.title, text: article.text))
                } else {
                    for p in article.points {
                        out.append(Unit(article: article.number, point: p.letter, title: article.title, text: p.text, intro: article.intro))
                    }
                }
                continue
            }
            let law = Self.lawNamed(inLeadIn: article.intro)
            let first = out.count
            defer { for k in first..<out.count { out[k].law = law } }
            for clause in article.clauses {
                let body = Self.stripLabel(clause.text)
                // A clause that lists the steps of a procedure assigns no power by itself.
                let procedure = body.hasPrefix("Trình tự") && (!clause.points.isEmpty || body.contains("như sau"))
                if procedure && !includeProcedureSteps { continue }
                if clause.points.isEmpty {
                    out.append(Unit(article: article.number, clause: clause.number, title: article.title, text: clause.text, procedure: procedure))
                } else {
                    // "1. Việc chấp thuận … Ủy ban nhân dân cấp tỉnh nơi có công trình chấp thuận … . Hồ sơ … gồm:" (NĐ 144
                    // Điều 33): sentences before the one that opens the list are the clause's own.
                    let introSentences = Self.sentences(Self.stripLabel(Self.plainSpaces(clause.intro)))
                    let lead = introSentences.dropLast()
                    if !procedure, !lead.isEmpty {
                        out.append(Unit(article: article.number, clause: clause.number, title: article.title, text: lead.joined(separator: " ")))
                    }
                    // "Bộ trưởng, …, Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định các thủ tục hành chính không thực hiện tiếp
                    // nhận hồ sơ trực tiếp …, gồm:" (NĐ 118 Điều 14): one power whose points list what it covers — one record
                    // for the clause, its points quoted with it; the points do not each become the holder's power.
                    let opener = introSentences.last.flatMap { procedure ? nil : $0 }
                    let scoped = opener.map(Self.opensScopeList) ?? false
                    if scoped, let opener {
                        let points = clause.points.map { Self.plainSpaces($0.text) }.joined(separator: " ")
                        out.append(Unit(article: article.number, clause: clause.number, title: article.title, text: opener, listItems: points))
                    }
                    for p in clause.points {
                        out.append(Unit(article: article.number, clause: clause.number, point: p.letter, title: article.title, text: p.text,
                                        intro: scoped ? nil : clause.intro, procedure: procedure))
                    }
                }
            }
        }
        for annex in document.annexes {
            out.append(contentsOf: AnnexUnits.units(of: annex))
        }
        return out
    }

    func read(_ unit: Unit, number: String, effective: String?, expiry: String?) -> [CompetenceRecord] {
        var out: [CompetenceRecord] = []
        let body = Self.stripLabel(Self.plainSpaces(unit.text))
        if let items = unit.listItems {
            guard let reading = SentenceRules.read(body) else { return [] }
            return reading.actors.map { actor in
                record(unit, sentence: body + " " + items, code: actor.code, holderText: actor.mention.text, previous: reading.previousHolder,
                       condition: actor.condition, number: number, effective: effective, expiry: expiry)
            }
        }
        let sentences = Self.sentences(body).flatMap(Self.subjectSegments)
        // Records of the last sentence that named an actor: a following sentence without a subject of its own
        // ("Báo cáo Bộ Công Thương kết quả thực hiện trước ngày 10 tháng 12 hàng năm.") continues its task.
        var lastRead: Range<Int>?
        for sentence in sentences {
            guard let reading = SentenceRules.read(sentence, procedureSteps: includeProcedureSteps) else {
                if let last = lastRead, Self.continuesTask(sentence) {
                    for k in last {
                        let joined = out[k].quote + " " + sentence
                        out[k].quote = body.contains(joined) ? joined : out[k].quote + "\n" + sentence
                    }
                } else {
                    lastRead = nil
                }
                continue
            }
            let start = out.count
            defer { lastRead = start..<out.count }
            let step = unit.procedure || SentenceRules.isTimeLimit(sentence)
            for actor in reading.actors {
                var r = record(unit, sentence: sentence, code: actor.code, holderText: actor.mention.text,
                               previous: reading.previousHolder, condition: actor.condition, number: number,
                               effective: effective, expiry: expiry)
                if step { r.notes = Self.procedureStepNote }
                out.append(r)
            }
        }
        if out.isEmpty, let intro = unit.intro.map({ Self.stripLabel(Self.plainSpaces($0)) }), let subject = Self.introSubject(intro) {
            let quote = intro + " " + Self.stripLabel(Self.plainSpaces(unit.text))
            for code in subject.codes {
                out.append(record(unit, sentence: quote, code: code, holderText: subject.text, previous: nil, condition: nil,
                                  number: number, effective: effective, expiry: expiry))
            }
        }
        if out.isEmpty, !unit.procedure, let holder = Self.titleHolder(unit.title) {
            // “Điều 9. Trách nhiệm của Ủy ban nhân dân cấp xã trong …”: each clause that names no actor of its own
            // (nor a heading that does) is a task of the holder the title names; a procedure or time limit is not.
            let text = Self.stripLabel(Self.plainSpaces(unit.text))
            if HolderMentionFinder.mentions(in: text).first.map({ text.distance(from: text.startIndex, to: $0.range.lowerBound) > 0 }) ?? true,
               !["Không ", "Trình tự", "Thời hạn"].contains(where: text.hasPrefix), text.count > 15 {
                for code in holder.codes {
                    out.append(record(unit, sentence: text, code: code, holderText: holder.text, previous: nil, condition: nil,
                                      number: number, effective: effective, expiry: expiry))
                }
            }
        }
        return out
    }

    static let leadInLaw = try? NSRegularExpression(pattern: "của (Luật [^,;:.]+?)(?: năm \\d{4})? (?:được thực hiện|thực hiện) như sau:?$")

    /// "Kể từ ngày 01 tháng 7 năm 2025 …, các quy định tại điều, khoản, điểm sau đây của Luật Quy hoạch đô thị và
    /// nông thôn được thực hiện như sau:" → "Luật Quy hoạch đô thị và nông thôn".
    static func lawNamed(inLeadIn intro: String) -> String? {
        let t = plainSpaces(intro).trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.contains("Luật "), let regex = leadInLaw,
              let m = regex.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)),
              let r = Range(m.range(at: 1), in: t) else { return nil }
        return String(t[r])
    }

    /// The holder a heading over points names as their subject: "1. Bộ Xây dựng:", or after a lead-in
    /// ("Ngoài các nhiệm vụ …, Trung tâm Phục vụ hành chính công cấp tỉnh có chức năng …, gồm các nhiệm vụ sau:").
    static func introSubject(_ intro: String) -> HolderMention? {
        let mentions = HolderMentionFinder.mentions(in: intro)
        if let first = mentions.first, first.range.lowerBound == intro.startIndex {
            return first.isDistrict ? nil : first
        }
        guard let group = SentenceRules.subjectFirst(intro, mentions), group.count == 1, let only = group.first, !only.isDistrict else { return nil }
        return only
    }

    /// A sentence with no actor of its own that carries on the previous sentence's task: it names no holder
    /// before its verb and is not a case, a time limit or a negation.
    static func continuesTask(_ sentence: String) -> Bool {
        let t = sentence.trimmingCharacters(in: .whitespaces)
        guard let first = t.first, first.isUppercase, t.count > 15 else { return false }
        if ["Trường hợp", "Trong thời hạn", "Thời hạn", "Không ", "Đối với", "Việc ", "Căn cứ", "Hồ sơ", "Trình tự"].contains(where: t.hasPrefix) { return false }
        if let m = HolderMentionFinder.mentions(in: t).first, t.distance(from: t.startIndex, to: m.range.lowerBound) < 3 { return false }
        return true
    }

    /// The one holder an article's title gives its clauses: “Trách nhiệm của X”, “Nhiệm vụ, quyền hạn của X”,
    /// “Nhiệm vụ của X”, optionally followed by “trong …” or “về …”; nil when the title names several or none.
    static func titleHolder(_ title: String) -> HolderMention? {
        for lead in ["Trách nhiệm của ", "Nhiệm vụ, quyền hạn của ", "Nhiệm vụ của ", "Quyền hạn của "] where title.hasPrefix(lead) {
            let rest = String(title.dropFirst(lead.count))
            let found = HolderMentionFinder.mentions(in: rest)
            guard found.count == 1, let holder = found.first, !holder.isDistrict, holder.range.lowerBound == rest.startIndex else { return nil }
            let tail = rest[holder.range.upperBound...]
            guard tail.isEmpty || tail.hasPrefix(" trong ") || tail.hasPrefix(" về ") else { return nil }
            return holder
        }
        return nil
    }

    func record(
        _ unit: Unit, sentence: String, code: String, holderText: String, previous: String?, condition: String?,
        number: String, effective: String?, expiry: String?
    ) -> CompetenceRecord {
        let found = CitationFinder(context: CitationContext(document: DocumentReference(number: number))).citations(in: sentence)
        var refs = found.filter { $0.citation.document.map { !$0.isCurrent } ?? false }.map { String(sentence[$0.range]) }
        // Under a lead-in naming a law, a citation without a document is of that law (NĐ 145 Điều 11).
        if let law = unit.law {
            for f in found where f.citation.document == nil {
                let text = String(sentence[f.range]) + " " + law
                if !refs.contains(text) { refs.append(text) }
            }
        }
        return CompetenceRecord(
            power: Self.power(of: sentence, holderText: holderText), field: Self.field(of: unit.title), holder: code,
            holderText: holderText, previousHolder: previous, mode: Self.mode(condition: condition, title: unit.title), document: number,
            article: unit.article, clause: unit.clause, point: unit.point, refersTo: refs, quote: sentence,
            condition: condition, effective: effective, expiry: expiry)
    }

    /// The mode the sentence's condition names ("khi được … phân cấp"), else the one the article's title names
    /// ("Phân cấp nhiệm vụ, quyền hạn của Bộ Công Thương …", "Phân quyền trách nhiệm …"), else delineation.
    static func mode(condition: String?, title: String) -> AuthorityMode {
        let byCondition = SentenceRules.mode(for: condition)
        guard byCondition == .delineation else { return byCondition }
        if title.hasPrefix("Phân quyền") { return .devolution }
        if title.hasPrefix("Phân cấp") { return .decentralisation }
        return .delineation
    }

    static let labelPattern = try? NSRegularExpression(pattern: "^(?:\\d+[a-zđ]?\\.|[a-zđ]\\d?\\)|[IVXL]+\\.)\\s*")

    /// No-break spaces and tabs (texts converted from .docx) read as plain spaces.
    static func plainSpaces(_ text: String) -> String {
        guard text.contains("\u{00A0}") || text.contains("\t") else { return text }
        return text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\t", with: " ")
    }

    /// "1. ", "a) ", "3a. " removed from the start of a unit.
    static func stripLabel(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let regex = labelPattern,
              let m = regex.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)),
              let r = Range(m.range, in: t) else { return t }
        return String(t[r.upperBound...])
    }

    /// Sentences: one paragraph a line, and ". " before a capital inside a paragraph.
    public static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            var current = ""
            let chars = Array(line)
            for (i, ch) in chars.enumerated() {
                current.append(ch)
                // "khoản 1 Điều 14. Điều 43" is a citation, not a sentence end.
                if ch == ".", i + 2 < chars.count, i > 0, !chars[i - 1].isNumber, chars[i + 1] == " ", chars[i + 2].isUppercase {
                    out.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            }
            let rest = current.trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { out.append(rest) }
        }
        return out
    }

    static let predicates = [" thực hiện", " có trách nhiệm", " chủ trì", " tổ chức", " quyết định", " chấp thuận", " phê duyệt", " cấp ", " là "]

    /// "X thực hiện …; Y thực hiện …": a segment after "; " that starts with a holder is its own sentence.
    static func subjectSegments(_ sentence: String) -> [String] {
        let parts = sentence.components(separatedBy: "; ")
        guard parts.count > 1 else { return [sentence] }
        var out: [String] = []
        var current = parts[0]
        for part in parts.dropFirst() {
            if let first = HolderMentionFinder.mentions(in: part).first, first.range.lowerBound == part.startIndex, !first.isDistrict,
               Self.predicates.contains(where: { part[first.range.upperBound...].hasPrefix($0) }) {
                out.append(current)
                current = part
            } else {
                current += "; " + part
            }
        }
        out.append(current)
        return out
    }

    /// What the sentence gives the holder, in its own words; the sentence itself when those are too few to read
    /// alone ("thực hiện", "ban hành").
    static func power(of sentence: String, holderText: String) -> String {
        let words = powerWords(of: sentence, holderText: holderText)
        return words.count < 20 ? clip(sentence) : words
    }

    /// The power in a few words: the sentence up to "quy định tại" / " do ", or after the holder.
    static func powerWords(of sentence: String, holderText: String) -> String {
        var s = sentence
        // A law's words read anew ("“Ủy ban nhân dân cấp huyện” quy định tại … là “Ủy ban nhân dân cấp xã”"): the sentence says it.
        if s.hasPrefix("“") { return Self.clip(s) }
        for lead in ["Nhiệm vụ, quyền hạn ", "Nhiệm vụ, thẩm quyền ", "Thẩm quyền ", "Trách nhiệm ", "Nhiệm vụ ", "Việc "] where s.hasPrefix(lead) {
            s = String(s.dropFirst(lead.count))
            // "… của Bộ Công Thương về tiếp nhận hồ sơ … quy định tại … do …", "… của Ủy ban nhân dân cấp huyện theo quy
            // định tại … về tổ chức lập …": what was whose comes first, the power after "về".
            if s.hasPrefix("của "), let ve = s.range(of: " về ") {
                var end = s.endIndex
                if let d = s.range(of: " do ", options: .backwards), d.lowerBound > ve.upperBound { end = d.lowerBound }
                s = String(s[ve.upperBound..<end])
            }
            for stop in [" quy định tại", " được quy định", " theo quy định", " do "] {
                if let r = s.range(of: stop) { s = String(s[..<r.lowerBound]) }
            }
            return Self.clip(s)
        }
        // A definition ("Công chức làm công tác hộ tịch ở địa phương là công chức …; công chức của Sở Tư pháp …"):
        // the power is what is defined, not whatever follows the holder.
        for marker in [" bao gồm", " là "] {
            if let m = s.range(of: marker), let h = s.range(of: holderText), m.upperBound <= h.lowerBound,
               HolderMentionFinder.mentions(in: String(s[..<m.lowerBound])).isEmpty {
                var subject = String(s[..<m.lowerBound])
                for stop in [" được quy định tại", " quy định tại"] {
                    if let r = subject.range(of: stop) { subject = String(subject[..<r.lowerBound]) }
                }
                return Self.clip(subject)
            }
        }
        // "Mức phí, lệ phí … thực hiện theo quy định của X": X sets what the subject names.
        if let r = s.range(of: " thực hiện theo quy định của "), let h = s.range(of: holderText), r.upperBound <= h.lowerBound {
            return Self.clip(String(s[..<r.lowerBound]))
        }
        if let r = s.range(of: holderText) {
            // Past the rest of a list of subjects only: after "chuyển về X hoặc Y …" the power was before the holders.
            let before = s[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            let rest = String(s[r.upperBound...])
            s = before.isEmpty || before.hasSuffix(",") ? Self.afterHolderList(rest) : rest.trimmingCharacters(in: .whitespaces)
        }
        for stop in [" quy định tại", " theo quy định tại"] {
            if let r = s.range(of: stop) { s = String(s[..<r.lowerBound]) }
        }
        return Self.clip(s)
    }

    /// What follows a holder once the rest of its list is passed: ", Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định …" →
    /// "quyết định …", so each holder of "X, Y và Z quyết định …" gets the power, not the other holders' names.
    static func afterHolderList(_ text: String) -> String {
        var rest = Substring(text)
        while true {
            let t = rest.drop(while: { $0 == " " })
            guard let joiner = [", và ", ", hoặc ", ", ", "và ", "hoặc "].first(where: t.hasPrefix) else { return String(t) }
            let next = t.dropFirst(joiner.count)
            guard let first = HolderMentionFinder.mentions(in: String(next)).first, first.range.lowerBound == String(next).startIndex else {
                return String(t)
            }
            rest = next.dropFirst(first.text.count)
        }
    }

    static func clip(_ s: String) -> String {
        let t = s.trimmingCharacters(in: CharacterSet(charactersIn: " .;,:"))
        return t.count > 220 ? String(t.prefix(220)) + "…" : t
    }

    /// "Nhiệm vụ, thẩm quyền về giấy phép xây dựng" → "giấy phép xây dựng".
    static func field(of title: String) -> String {
        var t = title
        for lead in ["Nhiệm vụ, thẩm quyền liên quan đến ", "Nhiệm vụ, thẩm quyền trong lĩnh vực ", "Nhiệm vụ, thẩm quyền trong ",
                     "Nhiệm vụ, thẩm quyền về ", "Thẩm quyền và trách nhiệm ", "Thẩm quyền ", "Trách nhiệm "] where t.hasPrefix(lead) {
            t = String(t.dropFirst(lead.count))
            break
        }
        return clip(t)
    }
}

/// The annex of NĐ 120 and similar: "I. …" sections, "1. …" items; an item's points are procedure detail.
enum AnnexUnits {
    static func units(of annex: Annex) -> [AssignmentExtractor.Unit] {
        var out: [AssignmentExtractor.Unit] = []
        var section = ""
        var item: (number: String, text: String)?
        var inPoint = false
        func flush() {
            if let item, !section.isEmpty {
                out.append(.init(article: "PL", clause: section, point: item.number, title: annex.title, text: item.text))
            }
            item = nil
        }
        for raw in annex.text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let roman = prefixMatch(line, "^([IVXL]+)\\. ") {
                flush(); section = roman; inPoint = false
            } else if let n = prefixMatch(line, "^(\\d+)\\. ") {
                flush(); item = (n, line); inPoint = false
            } else if prefixMatch(line, "^([a-zđ])\\) ") != nil {
                inPoint = true
            } else if !inPoint, item != nil {
                item?.text += "\n" + line
            }
        }
        flush()
        return out
    }

    static func prefixMatch(_ line: String, _ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: line, range: NSRange(location: 0, length: (line as NSString).length)),
              m.numberOfRanges > 1, let r = Range(m.range(at: 1), in: line) else { return nil }
        return String(line[r])
    }
}
