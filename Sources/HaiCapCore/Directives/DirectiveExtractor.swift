import Foundation
import VietnameseText

/// An assignment (nhiệm vụ) proposed from one sentence of a directive; the official confirms or edits it
/// before it is created.
public struct AssignmentProposal: Sendable, Equatable, Codable {
    /// The task, as it should read on the assignment: the lead verb ("Giao", "Đề nghị", "Yêu cầu") and an addressee
    /// made only of commune-level units ("UBND các xã, phường", "UBND xã Hòa Phú") are removed, since `units` and
    /// `allUnits` carry them ("Chủ trì rà soát …"). Another addressee (a department) is kept ("Sở Y tế chủ trì …").
    /// The deadline phrase stays in the text.
    public var content: String
    /// Unit codes, sorted; empty when the sentence names none or addresses them all (`allUnits`).
    public var units: [String]
    /// The sentence addresses every commune-level unit ("các xã, phường", "các địa phương", "UBND cấp xã").
    public var allUnits: Bool
    /// Nil when no deadline is stated.
    public var deadline: CalendarDay?
    /// The original sentence (list marker removed), for the official to compare.
    public var sentence: String
    /// The names of `units`, in the same order, as the unit list spells them ("Xã Hòa Phú").
    public var unitNames: [String]

    public init(content: String, units: [String], allUnits: Bool, deadline: CalendarDay?, sentence: String, unitNames: [String]) {
        self.content = content
        self.units = units
        self.allUnits = allUnits
        self.deadline = deadline
        self.sentence = sentence
        self.unitNames = unitNames
    }
}

/// Proposes assignments from the text of a directive (công văn, chỉ thị, kế hoạch, thông báo kết luận).
///
/// Rule-based and linear in the length of the text. A sentence becomes a proposal when it
/// - has a lead verb ("Giao …", "Đề nghị …", "Yêu cầu …", also after a subject: "Chủ tịch UBND tỉnh yêu cầu …");
/// - starts with commune-level units as its subject ("UBND các xã, phường khẩn trương …", "Công an tỉnh, UBND
///   phường Tân An tăng cường …"), unless it states a fact ("… đã hoàn thành …");
/// - is a list item under a heading that names units ("UBND các xã, phường:" then "- Rà soát …"), or continues, after
///   ";", a sentence that was a task.
///
/// Units are matched by folded syllables (with or without diacritics, either tone placement), longest name first.
/// With a type word ("xã", "phường", "đặc khu", "P.") any unit name matches; without one, a name must be written
/// capitalised, name one unit only (no other unit shares it under another type), not be a common word
/// ("Tân Lập", "Tân Tiến") and not follow another kind of place ("huyện Ea Kar", "thị xã Buôn Hồ", "tỉnh Phú Yên").
/// Units after "phối hợp với", "tại", "của", "hướng dẫn", "trên địa bàn" … are objects, not addressees, and those
/// after "trừ" are left out. "Các đơn vị" and "Quý cơ quan" stand for the "Kính gửi" recipients.
/// "Căn cứ …", "Nơi nhận: …" (and its list), "Kính gửi: …", "Số: …", headings in capitals and signatures yield nothing.
public struct DirectiveExtractor: Sendable {
    let directory: DirectiveUnits

    /// `units`: code and full name, e.g. ("22015", "Phường Tuy Hòa").
    public init(units: [(code: String, name: String)]) {
        directory = DirectiveUnits(units)
    }

    public func proposals(in text: String, issuedOn: CalendarDay) -> [AssignmentProposal] {
        var reader = DirectiveReader(
            directory: directory, finder: DirectiveMentionFinder(units: directory), dates: DirectiveDeadlineReader(issuedOn: issuedOn))
        for line in DirectiveLines.lines(text) { reader.read(line) }
        return reader.finish()
    }
}

/// Who a sentence or heading addresses, as unit indices.
struct DirectiveAddressees {
    var all = false
    var units: Set<Int> = []
    var excluded: Set<Int> = []

    var isEmpty: Bool { !all && units.isEmpty }

    mutating func formUnion(_ other: DirectiveAddressees) {
        all = all || other.all
        units.formUnion(other.units)
        excluded.formUnion(other.excluded)
    }
}

/// One sentence, read.
struct DirectiveSentence {
    let text: String
    let words: [DirectiveWord]
    var lead: Range<Int>?
    /// Addressees the sentence names itself.
    var addressees = DirectiveAddressees()
    /// The sentence names a unit in the addressee position (even one it cannot resolve, like "các xã biên giới").
    var namesAddressee = false
    var subjectFirst = false
    /// A department or other organ heads the sentence ("Sở Nội vụ", "Công an tỉnh").
    var organFirst = false
    var contentStart: String.Index
    var deadline: CalendarDay?
    /// "Căn cứ …", "Số: …", "V/v …": never a task.
    var nonTask = false
    var startsNoiNhan = false
    /// "Theo …", "Thực hiện …": a task only with a lead verb.
    var leadIn = false
    /// "Thời gian hoàn thành: trước ngày …": the deadline of the task before.
    var deadlineOnly = false
    /// "Yêu cầu Thủ trưởng các sở, ban, ngành;" — only who, the task follows in the next clause.
    var addresseeOnly = false

    var content: String {
        // Scalar by scalar: trimming a long run of punctuation character by character is slow on Substring.
        let scalars = text.unicodeScalars
        var start = contentStart
        while start < scalars.endIndex, Self.leadingTrim.contains(scalars[start]) || scalars[start].properties.isWhitespace {
            start = scalars.index(after: start)
        }
        var end = scalars.endIndex
        while end > start {
            let previous = scalars.index(before: end)
            guard Self.trailingTrim.contains(scalars[previous]) || scalars[previous].properties.isWhitespace else { break }
            end = previous
        }
        let s = text[start..<end]
        guard let first = s.first else { return "" }
        return first.uppercased() + s.dropFirst()
    }

    static let leadingTrim: Set<Unicode.Scalar> = [",", ":", ";", ".", ")"]
    static let trailingTrim: Set<Unicode.Scalar> = [",", ":", ";", ".", "/"]
}

extension DirectiveSentence {
    static let leadVerbs: [[String]] = [["giao"], ["de", "nghi"], ["yeu", "cau"], ["chi", "dao"]]
    static let leadFirstWords = Set(leadVerbs.map { $0[0] })
    static let leadPrevious: Set<String> = ["tinh", "tich", "truc", "vu", "kinh", "thoi", "va", "cung", "nhat", "y", "tiep", "tuc", "chinh"]
    static let leadPreviousBlocked: Set<String> = [
        "theo", "cua", "ung", "cac", "nhung", "dung", "voi", "co", "moi", "mot", "ve", "tai", "duoc", "da", "dang", "ban", "chuyen",
        "se", "viec", "nhan", "bi", "cho", "nhieu", "cau", "giao", "nghi", "so",
    ]
    static let leadNextBlocked: Set<String> = ["cua", "tai", "ve", "nay", "dat", "do", "duoc", "tren", "nhu", "chung", "sau", "tren"]
    static let giaoNextBlocked: Set<String> = [
        "thong", "dich", "luu", "tiep", "ban", "nhan", "ket", "thuong", "hang", "khoan", "thoa", "dien", "tranh", "uoc", "hoan", "lo",
        "dat", "quyen", "thoi", "diem", "nop", "duc",
    ]
    static let nonTaskStarts: [[String]] = [
        ["can", "cu"], ["noi", "nhan"], ["kinh", "gui"], ["trich", "yeu"], ["ve", "viec"], ["xet"], ["luu", "vt"],
    ]
    static let leadInStarts: [[String]] = [["theo"], ["thuc", "hien"], ["tren", "co", "so"], ["nham"], ["de"], ["qua"], ["sau", "khi"], ["ngay"]]
    static let objectMarkers: [[String]] = [
        ["phoi", "hop", "voi"], ["phoi", "hop"], ["cung", "voi"], ["voi"], ["cho"], ["tai"], ["cua"], ["doi", "voi"], ["ve"], ["gui"],
        ["trinh"], ["thuoc"], ["tren", "dia", "ban"], ["giap"], ["den"], ["huong", "dan"], ["don", "doc"], ["ho", "tro"], ["theo"],
        ["giup"], ["kiem", "tra"], ["tong", "hop"],
    ]
    /// `objectMarkers` by their first word, longest first.
    static let objectMarkersByFirstWord: [String: [[String]]] = Dictionary(grouping: objectMarkers, by: { $0[0] })
        .mapValues { $0.sorted { $0.count > $1.count } }
    static let taskVerbs: [[String]] = [
        ["chu", "tri"], ["thuc", "hien"], ["to", "chuc"], ["trien", "khai"], ["phoi", "hop"], ["co", "trach", "nhiem"], ["huong", "dan"],
        ["theo", "doi"], ["tham", "muu"], ["bao", "cao"], ["ra", "soat"], ["kiem", "tra"], ["xay", "dung"],
    ]
    static let organStarts: [[String]] = [
        ["so"], ["cong", "an"], ["bo", "chi", "huy"], ["van", "phong"], ["thanh", "tra"], ["ban"], ["dai"], ["bao", "dak"], ["kho", "bac"],
        ["thue"], ["ngan", "hang"], ["bao", "hiem"], ["uy", "ban", "mat", "tran"], ["mat", "tran"], ["tinh", "doan"], ["hoi"],
        ["lien", "doan"], ["cac", "so"], ["thu", "truong"], ["trung", "tam"], ["chi", "cuc"], ["cuc"], ["dien", "luc"], ["vien", "thong"],
        ["buu", "dien"], ["ubnd", "tinh"], ["uy", "ban", "nhan", "dan", "tinh"], ["giam", "doc"], ["truong", "ban"], ["chanh"],
    ]
    static let addresseeTails: [[String]] = [
        ["tren", "dia", "ban", "toan", "tinh"], ["tren", "dia", "ban", "tinh"], ["thuoc", "tinh"], ["trong", "tinh"], ["toan", "tinh"],
    ]
    /// A clause before the subject: "Trong thời hạn 10 ngày …, UBND xã A báo cáo …".
    static let introClauseStarts: [[String]] = leadInStarts + [["trong"], ["truoc"], ["khi"], ["sau"], ["tu"], ["ke", "tu"]]
    /// A fact about the subject, not a task: "UBND xã Ea Kar đã hoàn thành …".
    static let stativeNext: Set<String> = ["da", "dang", "duoc", "chua", "van", "la", "vua", "hien", "nam", "gom", "co", "bi", "dat"]
    static let deadlineOnlyStarts: [[String]] = [["thoi", "gian"], ["thoi", "han"], ["han"], ["hoan", "thanh"], ["truoc"], ["cham", "nhat"]]

    init(_ text: String, finder: DirectiveMentionFinder, dates: DirectiveDeadlineReader, recipients: DirectiveAddressees) {
        self.text = text
        let words = DirectiveWord.words(of: text)
        self.words = words
        contentStart = text.startIndex
        let starts = { (phrases: [[String]]) in phrases.contains { DirectiveMentionFinder.matches(words, 0, $0) } }
        guard !words.isEmpty else {
            nonTask = true
            return
        }
        startsNoiNhan = starts([["noi", "nhan"]])
        // "Số: 12/UBND-VX", "V/v triển khai …", "Lưu: VT".
        let labelled = words.count > 1 && ["so", "luu"].contains(words[0].folded) && words[1].gap.hasPrefix(":")
        let subjectLine = words.count > 1 && words[0].folded == "v" && words[1].folded == "v" && words[1].gap == "/"
        nonTask = starts(Self.nonTaskStarts) || labelled || subjectLine
        if nonTask { return }
        leadIn = starts(Self.leadInStarts)
        organFirst = starts(Self.organStarts)
        lead = Self.leadVerb(in: words)
        deadline = dates.deadline(in: words)

        let mentions = readRoles(finder.mentions(in: words), finder: finder, recipients: recipients)

        let first = mentions.first
        let introduced = starts([["doi", "voi"]]) ? 2 : starts([["ve"]]) ? 1 : 0
        if lead == nil, let first, first.spanStart == introduced, !first.isObject {
            let after = Self.addresseeSpanEnd(from: introduced, mentions, words)
            subjectFirst = after.end < words.count - 1 && !Self.isStative(at: after.end, words)
            if after.stripped { contentStart = after.end < words.count ? words[after.end].range.lowerBound : text.endIndex }
        } else if lead == nil, let first, first.spanStart > 0, !first.isObject, words[first.spanStart].gap.contains(","),
                  starts(Self.introClauseStarts) {
            // "Trong thời hạn 10 ngày kể từ ngày nhận văn bản, UBND xã Ea Kar báo cáo …".
            let after = Self.addresseeSpanEnd(from: first.spanStart, mentions, words)
            subjectFirst = after.end < words.count - 1 && !Self.isStative(at: after.end, words)
            if subjectFirst, after.stripped { contentStart = after.end < words.count ? words[after.end].range.lowerBound : text.endIndex }
        } else if lead == nil, organFirst, let coordinated = mentions.first(where: { !$0.isObject && $0.spanStart < 15 && $0.spanStart > 0 }),
                  !words[coordinated.spanStart].gap.isEmpty || words[coordinated.spanStart - 1].folded == "va",
                  !mentions.contains(where: { $0.isObject && $0.spanStart < coordinated.spanStart }) {
            // "Công an tỉnh, UBND phường Tân An tăng cường …": units coordinated with a department.
            subjectFirst = !Self.isStative(at: Self.addresseeSpanEnd(from: coordinated.spanStart, mentions, words).end, words)
        } else if let lead {
            var p = lead.upperBound
            if p < words.count, words[p].folded == "cho" { p += 1 }
            let span = Self.addresseeSpanEnd(from: p, mentions, words)
            let end = span.stripped ? span.end : p
            contentStart = end < words.count ? words[end].range.lowerBound : text.endIndex
        }
        namesAddressee = mentions.contains { !$0.isObject && !$0.isExcluded }
        if lead != nil, let first = words.firstIndex(where: { $0.range.lowerBound >= contentStart }), words.count - first <= 10,
           Self.organStarts.contains(where: { DirectiveMentionFinder.matches(words, first, $0) }),
           !words[first...].indices.contains(where: { i in Self.taskVerbs.contains { DirectiveMentionFinder.matches(words, i, $0) } }) {
            addresseeOnly = true
        }
        deadlineOnly = lead == nil && !namesAddressee && deadline != nil && starts(Self.deadlineOnlyStarts)
            && (!starts([["hoan", "thanh"]]) || words.count <= 8)
    }

    /// The first lead verb that opens a clause: at the start, after punctuation, after a subject ("UBND tỉnh
    /// giao", "Chủ tịch … yêu cầu", a name), never as a noun ("theo đề nghị của", "đáp ứng yêu cầu").
    static func leadVerb(in words: [DirectiveWord]) -> Range<Int>? {
        for i in words.indices where leadFirstWords.contains(words[i].folded) {
            for verb in leadVerbs where DirectiveMentionFinder.matches(words, i, verb) {
                let end = i + verb.count
                guard end + 1 < words.count else { continue }
                let next = words[end].folded
                if leadNextBlocked.contains(next) || (verb == ["giao"] && giaoNextBlocked.contains(next)) { continue }
                if verb == ["chi", "dao"] && i != 0 { continue }
                if i == 0 || !words[i].gap.isEmpty { return i..<end }
                let previous = words[i - 1]
                if leadPreviousBlocked.contains(previous.folded) { continue }
                if leadPrevious.contains(previous.folded) || previous.capitalized { return i..<end }
            }
        }
        return nil
    }

    static func isStative(at i: Int, _ words: [DirectiveWord]) -> Bool {
        guard i < words.count else { return true }
        if DirectiveMentionFinder.matches(words, i, ["co", "trach", "nhiem"]) {
            return false
        }
        if stativeNext.contains(words[i].folded) { return true }
        // "UBND xã Ea Kar cơ bản đã hoàn thành …".
        return words[i..<min(words.count, i + 3)].contains { $0.folded == "da" }
    }

    /// The end of an addressee made of units from `start` ("UBND xã A, xã B và các phường"; `start` when there is
    /// none), and whether it can be removed from the content (nothing but named units: not "UBND xã A và Sở Y tế",
    /// not "các xã biên giới").
    static func addresseeSpanEnd(from start: Int, _ mentions: [DirectiveMention], _ words: [DirectiveWord]) -> (end: Int, stripped: Bool) {
        var i = start
        var consumed = false
        var endsWithJoin = false
        var strippable = true
        var m = mentions.firstIndex { $0.words.upperBound > start } ?? mentions.endIndex
        while i < words.count {
            if m < mentions.count, mentions[m].spanStart == i, !mentions[m].isObject {
                // "các xã biên giới": the description stays in the content, units cannot carry it.
                if mentions[m].target == .subset { strippable = false }
                i = mentions[m].words.upperBound
                m += 1
                consumed = true
                endsWithJoin = false
            } else if consumed, ["va", "cac"].contains(words[i].folded) {
                i += 1
                endsWithJoin = true
            } else {
                break
            }
        }
        guard consumed else { return (start, false) }
        // "UBND xã A và các đơn vị liên quan": the span ends on a join word before something that is no unit.
        if endsWithJoin { strippable = false }
        // "các xã, phường trên địa bàn tỉnh" goes with the addressee.
        for tail in addresseeTails where DirectiveMentionFinder.matches(words, i, tail) {
            i += tail.count
            break
        }
        // "(trừ phường Buôn Hồ)", "(sau đây gọi là cấp xã)" right after the addressee go with it.
        if i < words.count, words[i].gap.hasSuffix("("), let close = words[(i + 1)...].firstIndex(where: { $0.gap.contains(")") }) {
            i = close
        }
        if i < words.count, endsWithJoin || words[i].gap == ",", organStarts.contains(where: { DirectiveMentionFinder.matches(words, i, $0) }) {
            strippable = false
        }
        return (i, strippable)
    }

    /// Marks each mention as addressee, object or excluded, and gathers the addressees.
    private mutating func readRoles(
        _ mentions: [DirectiveMention], finder: DirectiveMentionFinder, recipients: DirectiveAddressees
    ) -> [DirectiveMention] {
        enum Role { case addressee, object, excluded }
        var role = Role.addressee
        var m = 0
        var i = 0
        var afterLead = false
        let introduced = DirectiveMentionFinder.matches(words, 0, ["doi", "voi"]) ? 2 : DirectiveMentionFinder.matches(words, 0, ["ve"]) ? 1 : 0
        var marked = mentions
        while i < words.count {
            if m < marked.count, marked[m].words.lowerBound == i {
                marked[m].isObject = role == .object
                marked[m].isExcluded = role == .excluded
                if role == .addressee {
                    switch marked[m].target {
                    case .units(let found): addressees.units.formUnion(found)
                    case .all: addressees.all = true
                    case .type(let type): addressees.units.formUnion(finder.units.indices(ofType: type))
                    case .recipients: addressees.formUnion(recipients)
                    case .subset: break
                    }
                } else if role == .excluded, case .units(let found) = marked[m].target {
                    addressees.excluded.formUnion(found)
                }
                i = marked[m].words.upperBound
                m += 1
                afterLead = false
                continue
            }
            if let lead, lead.lowerBound == i {
                role = .addressee
                afterLead = true
                i = lead.upperBound
                continue
            }
            if i >= introduced, !afterLead, let candidates = Self.objectMarkersByFirstWord[words[i].folded],
               let marker = candidates.first(where: { DirectiveMentionFinder.matches(words, i, $0) }) {
                role = .object
                i += marker.count
                continue
            }
            if words[i].folded == "tru", i + 1 < words.count {
                role = .excluded
            }
            afterLead = false
            i += 1
        }
        return marked
    }
}
