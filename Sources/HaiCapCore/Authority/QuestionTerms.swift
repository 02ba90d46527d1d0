import Foundation
import LegalText
import VietnameseText

/// The content words of a question (folded), and what it says about the date and the holder.
struct QuestionTerms {
    /// Words that ask rather than name the matter: question words, holder words, filler.
    static let stopwords: Set<String> = [
        "ai", "co", "tham", "quyen", "khong", "nao", "do", "thuc", "hien", "gio", "truoc", "day", "nay", "la", "cua",
        "duoc", "thi", "viec", "lam", "cho", "o", "dau", "va", "hay", "voi", "the", "nhu", "se", "muon", "can", "phai",
        "trong", "theo", "quy", "dinh", "nghi", "so", "xa", "tinh", "huyen", "ubnd", "uy", "ban", "nhan", "dan", "cap",
        "chu", "tich", "quan", "ct", "hoac", "cac", "mot", "nhung", "ve", "tai", "tu", "sau", "khi", "con", "nua", "ngay",
        "moi", "cu", "bay", "chi", "phuong", "ra", "vao", "len", "di", "den", "nhiem", "vu", "trach", "dieu", "khoan",
        "diem", "luat", "nd", "nđ", "de", "tren", "dia", "bo", "hien", "tai", "tren", "gi", "bao", "nhieu", "nhu", "vay",
    ]

    /// Legal terms, folded, of which one word is also a stopword ("tham" of "thẩm quyền", "thi" of "thì").
    static let compoundTerms: Set<String> = [
        "tham dinh", "quy hoach", "do thi", "ho tich", "dien tich", "ban hanh", "ban le", "tu phap", "dau tu", "tai san",
        "so huu", "the chap", "dan cu", "cap nuoc", "nha o", "xa hoi", "dia gioi", "phuong an", "phuong tien", "quyet dinh",
        "ke hoach", "nghi quyet", "cu tru", "can cuoc", "so hoa", "quy che", "quy mo", "cap phep", "chu dau", "tru so",
    ]

    var content: [String]
    /// Adjacent pairs of content words, as typed: "giay phep", "phep xay".
    var bigrams: [String]
    var folded: String

    /// "TN&MT", "NN & PTNT": abbreviations joined by an ampersand, written as one ("TNMT") to be expanded.
    static let ampersandAbbreviation = try? NSRegularExpression(pattern: "\\b([A-ZĐ]{1,4}) ?& ?([A-ZĐ]{1,6})\\b")

    static func joiningAmpersands(_ question: String) -> String {
        guard question.contains("&"), let regex = ampersandAbbreviation else { return question }
        let ns = question as NSString
        return regex.stringByReplacingMatches(in: question, range: NSRange(location: 0, length: ns.length), withTemplate: "$1$2")
    }

    init(_ question: String) {
        var words: [String] = []
        // Word index where a clause starts: a pair across ",", "(", "?" … is not a phrase the question uses.
        var clauseStarts: Set<Int> = []
        let text = Self.joiningAmpersands(question)
        var previousEnd = text.startIndex
        for token in Vietnamese.tokenize(text) {
            if text[previousEnd..<token.range.lowerBound].contains(where: { ",;:()?!.\"“”".contains($0) }) { clauseStarts.insert(words.count) }
            previousEnd = token.range.upperBound
            guard token.kind == .word else { continue }
            // Expanded only as written in capitals ("TTPVHCC", "TN&MT"): "so" or "tp" in lower case are words.
            let written = text[token.range]
            let expansions = AbbreviationTable.standard.expansions(of: token.text)
            if expansions.isEmpty || written.count < 2 || written.lowercased() == written {
                words.append(token.folded)
            } else if let first = expansions.first {
                words.append(contentsOf: Vietnamese.tokenize(first).filter { $0.kind == .word }.map(\.folded))
            }
        }
        folded = words.joined(separator: " ")
        var seen: Set<String> = []
        content = words.filter { !Self.stopwords.contains($0) && $0.count > 1 && Int($0) == nil && seen.insert($0).inserted }
        // Terms a stopword would cut in half once folded ("thẩm định", "đô thị", "hộ tịch"): kept whole as well.
        for (a, b) in zip(words, words.dropFirst()) where Self.stopwords.contains(a) || Self.stopwords.contains(b) {
            let pair = a + " " + b
            if Self.compoundTerms.contains(pair), seen.insert(pair).inserted { content.append(pair) }
        }
        var pairs: [String] = []
        for i in words.indices.dropFirst() where !clauseStarts.contains(i) {
            let (a, b) = (words[i - 1], words[i])
            if !Self.stopwords.contains(a) && !Self.stopwords.contains(b) { pairs.append(a + " " + b) }
        }
        bigrams = pairs
    }

    /// Unigram share and bigram share, averaged (bigrams only when the question has any); with `weight`, each
    /// word counts by how telling it is.
    func match(_ words: Set<String>, weight: ((String) -> Double)? = nil) -> Double {
        var unigram = coverage(of: words)
        if let weight, !content.isEmpty {
            let total = content.reduce(0) { $0 + weight($1) }
            let found = content.filter(words.contains).reduce(0) { $0 + weight($1) }
            unigram = total > 0 ? found / total : 0
        }
        guard !bigrams.isEmpty else { return unigram }
        let b = Double(bigrams.filter(words.contains).count) / Double(bigrams.count)
        return 0.5 * unigram + 0.5 * b
    }

    /// Share of the content words found in a text's folded words.
    func coverage(of words: Set<String>) -> Double {
        guard !content.isEmpty else { return 0 }
        return Double(content.filter(words.contains).count) / Double(content.count)
    }

    /// Folded words and adjacent word pairs of a text.
    static func foldedWords(_ text: String) -> Set<String> {
        let words = Vietnamese.tokenize(text).filter { $0.kind == .word }.map(\.folded)
        var out = Set(words)
        for (a, b) in zip(words, words.dropFirst()) { out.insert(a + " " + b) }
        return out
    }

    /// The holders a question names (folded keywords), to choose among holders of one provision.
    var namedHolders: [String] {
        let f = " " + folded + " "
        var out: [String] = []
        let commune = f.contains(" xa ") || f.contains(" phuong ")
        let province = f.contains(" tinh ")
        if f.contains(" chu tich ") { out.append(province && !commune ? "chu_tich_ubnd_tinh" : "chu_tich_ubnd_xa") }
        if f.contains(" uy ban nhan dan ") || f.contains(" ubnd ") || f.contains(" chinh quyen ") || (out.isEmpty && Self.bareLevel(f)) {
            out.append(province && !commune ? "ubnd_tinh" : "ubnd_xa")
        }
        if f.contains(" so xay dung ") { out.append("so_xay_dung") }
        if f.contains(" so tu phap ") { out.append("so_tu_phap") }
        if f.contains(" cong an ") { out.append("cong_an_xa") }
        if f.contains(" hoi dong nhan dan ") || f.contains(" hdnd ") { out.append(province ? "hdnd_tinh" : "hdnd_xa") }
        return out
    }

    /// The one level of government the question places itself at ("ở xã", "cấp tỉnh"), nil when it names both or neither.
    var namedLevel: Holder.Level? {
        // "xã hội" is not the commune; nor is "sở" a level: folded, it is "số" too.
        let f = (" " + folded + " ").replacingOccurrences(of: " xa hoi ", with: " ")
        let commune = f.contains(" xa ") || f.contains(" phuong ")
        let province = f.contains(" tinh ")
        return commune == province ? nil : (commune ? .commune : .province)
    }

    /// "xã có thẩm quyền …", "huyện làm …, giờ ai": a level named as the actor, not as part of a thing ("nhà ở cấp tỉnh").
    static func bareLevel(_ f: String) -> Bool {
        [" xa co ", " xa duoc ", " tinh co ", " tinh duoc ", " xa phai ", " tinh phai "].contains { f.contains($0) }
    }

    /// A decree the question names ("NĐ 139", "Nghị định số 87/2018", "khoản 3 Điều 59 NĐ 87/2018"): its number,
    /// its year when given, and the article when one is named right before it.
    struct CitedDecree: Equatable {
        var number: String
        var year: String?
        var article: String?

        /// 2 when `record` is in the decree (or cites it) at the named article, 1 for the decree alone, else 0.
        func match(_ record: CompetenceRecord, foldedRefers: [String]) -> Int {
            let own = record.document.split(separator: "/").map(String.init)
            if own.first == number, year == nil || own.dropFirst().first == year {
                return article != nil && record.article == article ? 2 : 1
            }
            let prefix = number + "/" + (year ?? "")
            for folded in foldedRefers {
                // Byte search: Foundation's `contains` goes through NSString on Linux, and this runs per record.
                guard folded.containsExactly(" " + prefix) || folded.hasPrefix(prefix) else { continue }
                if let article { if folded.containsExactly("dieu " + article + " ") { return 2 } } else { return 1 }
            }
            return 0
        }
    }

    /// A provision of a law the question names ("khoản 7 Điều 59 Luật Quy hoạch đô thị và nông thôn", "Điều 77 Luật
    /// BVQLNTD"): the records of decrees that re-read or move that provision cite it. Not a decree's article (that
    /// is a `CitedDecree`).
    struct CitedProvision: Equatable {
        var article: String
        var clause: String?

        /// 2 when one of the record's citations names this clause of this article, 1 when it names the article and
        /// the question named no clause, else 0.
        func match(foldedRefers: [String]) -> Int {
            let wanted = clause.map { "khoan \($0) dieu \(article)" } ?? "dieu \(article)"
            for folded in foldedRefers {
                var from = folded.startIndex
                while let r = folded.range(of: wanted, range: from..<folded.endIndex) {
                    let before = r.lowerBound == folded.startIndex ? " " : folded[folded.index(before: r.lowerBound)]
                    let after = r.upperBound == folded.endIndex ? " " : folded[r.upperBound]
                    if !before.isLetter && !before.isNumber && !after.isNumber && !after.isLetter { return clause == nil ? 1 : 2 }
                    from = r.upperBound
                }
            }
            return 0
        }
    }

    static let provisionPattern = try? NSRegularExpression(
        pattern: "(?:khoan\\s+(\\d+)\\s+)?dieu\\s+(\\d+)\\b(?!\\s*(?:cua\\s+)?(?:nd|nghi dinh)\\b)")

    /// The law provisions a question names.
    static func citedProvisions(in question: String) -> [CitedProvision] {
        let folded = Vietnamese.fold(question).lowercased()
        guard folded.contains("dieu"), let regex = provisionPattern else { return [] }
        let ns = folded as NSString
        return regex.matches(in: folded, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            func group(_ i: Int) -> String? { m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i)) }
            guard let article = group(2) else { return nil }
            return CitedProvision(article: article, clause: group(1))
        }
    }

    static let decreePattern = try? NSRegularExpression(
        pattern: "(?:dieu\\s+(\\d+)\\s+(?:cua\\s+)?)?\\b(?:nd|nghi dinh)\\s*(?:so\\s*)?(\\d{1,3})(?:\\s*/\\s*(\\d{4}))?")

    /// The decrees a question names.
    static func citedDecrees(in question: String) -> [CitedDecree] {
        let folded = Vietnamese.fold(question).lowercased()
        guard folded.contains("nd") || folded.contains("nghi dinh"), let regex = decreePattern else { return [] }
        let ns = folded as NSString
        return regex.matches(in: folded, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            func group(_ i: Int) -> String? { m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i)) }
            guard let number = group(2) else { return nil }
            return CitedDecree(number: number, year: group(3), article: group(1))
        }
    }

    /// "Từ ngày 01/3/2027 …", "tu 1/3/2027": the day a question asks about.
    static func asOf(in question: String) -> CivilDate? {
        let folded = Vietnamese.fold(question).lowercased()
        guard let regex = try? NSRegularExpression(pattern: "(?:tu|sau|ke tu|vao|den|tinh den)\\s+(?:ngay\\s+)?(\\d{1,2})/(\\d{1,2})/(\\d{4})"),
              let m = regex.firstMatch(in: folded, range: NSRange(location: 0, length: (folded as NSString).length)),
              let d = Range(m.range(at: 1), in: folded), let mo = Range(m.range(at: 2), in: folded), let y = Range(m.range(at: 3), in: folded),
              let day = Int(folded[d]), let month = Int(folded[mo]), let year = Int(folded[y]) else { return nil }
        return CivilDate(iso: String(format: "%04d-%02d-%02d", year, month, day))
    }
}
