import Foundation
import LegalText
import Retrieval
import VietnameseText

/// The provisions of the registry with their search index: rebuilt only when documents are added.
public final class ProvisionCorpus: Sendable {
    /// Provisions keyed by "document|article|clause|point".
    let provisions: [String: Provision]
    /// Clause-level units (and articles without clauses, and annexes) for provision search, by index id.
    let units: [Provision]
    let unitIndex: IndexSnapshot
    /// Article titles by "document|article|-|-".
    let titles: [String: String]

    /// The shape of issue [2/7]'s article schema: the heading counts most, then the body, then the document.
    static let unitSchema = IndexSchema(fields: [
        FieldSpec("heading", weight: 2.5, lengthNormalization: 0.5), FieldSpec("body", weight: 1),
        FieldSpec("law", weight: 0.3, lengthNormalization: 0),
    ])

    public init(_ provisions: [Provision]) {
        var byKey: [String: Provision] = [:]
        var titles: [String: String] = [:]
        for p in provisions {
            byKey[AuthorityKnowledge.key(p.document, p.article, p.clause, p.point)] = p
            if p.kind == .article { titles[AuthorityKnowledge.key(p.document, p.article, nil, nil)] = p.articleTitle }
        }
        self.provisions = byKey
        self.titles = titles
        let articlesWithClauses = Set(provisions.filter { $0.kind == .clause }.map { AuthorityKnowledge.key($0.document, $0.article, nil, nil) })
        let units = provisions.filter {
            $0.kind == .clause || $0.kind == .annex
                || ($0.kind == .article && !articlesWithClauses.contains(AuthorityKnowledge.key($0.document, $0.article, nil, nil)))
        }
        var builder = IndexBuilder(schema: Self.unitSchema)
        for (i, u) in units.enumerated() {
            // An article's first line is its heading; a clause or point hangs under its article's title.
            let heading: String
            let body: String
            if u.kind == .article || u.kind == .annex, let split = u.text.firstIndex(of: "\n") {
                heading = String(u.text[..<split])
                body = String(u.text[split...])
            } else {
                heading = u.articleTitle
                body = u.text
            }
            builder.add(SearchDocument(id: String(i), fields: ["heading": heading, "body": body, "law": u.document], metadata: ["document": u.document]))
        }
        self.units = units
        unitIndex = builder.snapshot()
        var words = units.map { QuestionTerms.foldedWords($0.text + " " + $0.articleTitle) }
        // As for records: the words marking a document's provisions count for each of them, so that with no record
        // to answer from, the provisions quoted come from the decree of the field the question names.
        let topics = AuthorityKnowledge.topicWords(documents: units.map(\.document), wordSets: words)
        for (i, u) in units.enumerated() { words[i].formUnion(topics[u.document] ?? []) }
        unitWords = words
    }

    /// Folded words and word pairs per unit, for coverage.
    let unitWords: [Set<String>]

    /// The provisions best matching a query, optionally in one document.
    public func search(_ query: String, document: String? = nil, limit: Int = 20) -> [Provision] {
        let filter = document.map { SearchFilter.metadata("document", equals: $0) }
        return unitIndex.search(query, options: SearchOptions(limit: limit, filter: filter)).compactMap { Int($0.id).map { units[$0] } }
    }
}

/// Everything the assistant answers from, with its search indexes; rebuilt when the knowledge base changes.
public final class AuthorityKnowledge: Sendable {
    public let documents: [String: LegalDocumentInfo]
    public let changes: [ProvisionChange]
    public let records: [CompetenceRecord]
    public let delegations: [DelegationDecision]
    public let corpus: ProvisionCorpus
    /// Officials' rules for their own words, and the thesaurus they make with the built-in ones.
    public let phrases: [ThesaurusRule]
    public let thesaurus: AuthorityThesaurus
    /// Text whose words a hit must cover, per record.
    let recordText: [String]
    let recordIndex: IndexSnapshot

    var provisions: [String: Provision] { corpus.provisions }
    var units: [Provision] { corpus.units }
    var unitIndex: IndexSnapshot { corpus.unitIndex }

    static let recordSchema = IndexSchema(fields: [FieldSpec("quote", weight: 1), FieldSpec("title", weight: 0.6), FieldSpec("holder", weight: 0.4), FieldSpec("refers", weight: 0.3), FieldSpec("scope", weight: 0.2, lengthNormalization: 0)])

    public convenience init(
        documents: [LegalDocumentInfo], provisions: [Provision], records: [CompetenceRecord], changes: [ProvisionChange],
        delegations: [DelegationDecision] = [], readings: [CompetenceRecord] = [], phrases: [ThesaurusRule] = []
    ) {
        self.init(documents: documents, corpus: ProvisionCorpus(provisions), records: records, changes: changes,
                  delegations: delegations, readings: readings, phrases: phrases)
    }

    /// `readings` are holders read from procedure steps (see `AssignmentExtractor.includeProcedureSteps`);
    /// they are searched after the records they do not duplicate.
    public init(
        documents: [LegalDocumentInfo], corpus: ProvisionCorpus, records: [CompetenceRecord], changes: [ProvisionChange],
        delegations: [DelegationDecision] = [], readings: [CompetenceRecord] = [], phrases: [ThesaurusRule] = []
    ) {
        self.phrases = phrases
        thesaurus = phrases.isEmpty ? .standard : AuthorityThesaurus(extra: phrases)
        self.documents = Dictionary(documents.map { (DocumentReference.normalizedNumber($0.number), $0) }, uniquingKeysWith: { a, _ in a })
        self.changes = changes
        self.delegations = delegations
        self.corpus = corpus
        let rejected = Set(records.filter { $0.status == .rejected }.map(\.key))
        let kept = records.filter { $0.status != .rejected }
        let keys = Set(records.map(\.key))
        let extra = readings.filter { !keys.contains($0.key) && !rejected.contains($0.key) }.map { r -> CompetenceRecord in
            var r = r
            r.notes = AuthorityKnowledge.procedureStepNote
            return r
        }
        let usable = kept + extra
        self.records = usable
        var recordBuilder = IndexBuilder(schema: Self.recordSchema)
        let documentTitles = Dictionary(documents.map { (DocumentReference.normalizedNumber($0.number), $0.title) }, uniquingKeysWith: { a, _ in a })
        var words: [String] = []
        let referred = ReferredText(documents: documents, provisions: corpus.provisions)
        for (i, r) in usable.enumerated() {
            let title = corpus.titles[Self.key(r.document, r.article, nil, nil)] ?? r.field
            let refers = referred.text(citedIn: r.quote, by: r.document)
            let scope = Self.scope(of: documentTitles[DocumentReference.normalizedNumber(r.document)])
            recordBuilder.add(SearchDocument(id: String(i), fields: ["quote": r.quote, "title": title, "holder": r.holderText, "refers": refers, "scope": scope]))
            // A citation the extractor completed from the article's lead-in ("… Luật Quy hoạch đô thị và nông thôn") names
            // what the record is about though the sentence does not.
            let completed = r.refersTo.filter { !r.quote.contains($0) }.joined(separator: " ")
            let unit = r.article == "PL" ? "" : (corpus.provisions[Self.key(r.document, r.article, r.clause, r.point)]?.text ?? "")
            words.append(Self.withoutCitedTitles(r.quote) + " " + title + " " + refers + " " + completed + " " + scope + " " + Self.withoutCitedTitles(unit))
        }
        recordIndex = recordBuilder.snapshot()
        recordRefers = usable.map { $0.refersTo.map { Vietnamese.fold($0).lowercased() } }
        recordText = words
        var wordSets = words.map(QuestionTerms.foldedWords)
        // "… các thủ tục tư pháp như hộ tịch, chứng thực": the words that mark a decree's field count for each of its
        // records, so that a sentence standing alike in several decrees is found in the one the asker means.
        let topics = Self.topicWords(documents: usable.map(\.document), wordSets: wordSets)
        for (i, r) in usable.enumerated() { wordSets[i].formUnion(topics[r.document] ?? []) }
        recordWordSets = wordSets
        var df: [String: Int] = [:]
        for set in wordSets {
            for w in set where !w.contains(" ") { df[w, default: 0] += 1 }
        }
        documentFrequency = df
    }

    let documentFrequency: [String: Int]

    /// Words (and pairs) that mark a decree's records: in at least 4 % of them (and 3), and 80 % of the records that
    /// have them are that decree's. Chosen on the development questions (2 % and 8 % do about as well).
    static func topicWords(documents: [String], wordSets: [Set<String>]) -> [String: Set<String>] {
        var perDocument: [String: [String: Int]] = [:]
        var total: [String: Int] = [:]
        var sizes: [String: Int] = [:]
        for (d, set) in zip(documents, wordSets) {
            sizes[d, default: 0] += 1
            for w in set { perDocument[d, default: [:]][w, default: 0] += 1; total[w, default: 0] += 1 }
        }
        var out: [String: Set<String>] = [:]
        for (d, counts) in perDocument {
            let n = Double(sizes[d] ?? 1)
            out[d] = Set(counts.filter { w, c in Double(c) / n >= 0.04 && Double(c) / Double(total[w] ?? c) >= 0.8 && c >= 3 }.map(\.key))
        }
        return out
    }

    /// The field a decree's title names ("… trong lĩnh vực quy hoạch đô thị và nông thôn", "… của Bộ Tư pháp"): an
    /// article that applies to the whole decree ("Điều 3. Về phí, lệ phí") says nothing of its field, and the same
    /// sentence stands in five decrees; the asker names the field ("phí các thủ tục tư pháp").
    static func scope(of title: String?) -> String {
        guard let title else { return "" }
        for marker in [" trong lĩnh vực quản lý nhà nước của ", " trong lĩnh vực "] {
            if let r = title.range(of: marker, options: .backwards) {
                return String(title[r.upperBound...]).replacingOccurrences(of: "Bộ ", with: "")
            }
        }
        return ""
    }
    /// Each record's `refersTo`, folded, to match a decree a question names.
    let recordRefers: [[String]]
    let recordWordSets: [Set<String>]

    /// "… Nghị định số 161/2024/NĐ-CP ngày 18 tháng 12 năm 2024 của Chính phủ quy định Danh mục hàng hóa nguy hiểm, …
    /// cấp giấy phép … cho người lái xe … do Ủy ban nhân dân cấp xã thực hiện": the cited document's title says what
    /// that document is about, not what the power is, and its words ("cấp giấy phép", "lái xe") must not make the
    /// record look like the answer to another question. Dropped from the words coverage is measured on.
    static let citedTitle = try? NSRegularExpression(
        pattern: "(?<=ngày \\d{1,2} tháng \\d{1,2} năm \\d{4} của )(?:Chính phủ|Thủ tướng Chính phủ|Bộ trưởng [^,;.]{3,40}?) quy định .*?(?= do |[.;]|$)")

    static func withoutCitedTitles(_ quote: String) -> String {
        guard let regex = citedTitle, quote.contains(" quy định ") else { return quote }
        let ns = quote as NSString
        return regex.stringByReplacingMatches(in: quote, range: NSRange(location: 0, length: ns.length), withTemplate: "")
    }

    /// How telling a word is among the records: rare words weigh more, words no record has weigh most.
    func wordWeight(_ word: String) -> Double {
        let idf = log(1 + Double(max(recordText.count, 1)) / Double((documentFrequency[word] ?? 0) + 1))
        return Self.situationWords.contains(word) ? idf * Self.situationWeight : idf
    }

    /// Words an asker uses to set the scene ("doanh nghiệp xin …", "đã … rồi", "nộp cho ai") rather than to name the
    /// power: a record need not contain them. Folded; ambiguous ones ("ho": hồ sơ / hộ tịch, "dang": đang / đăng) stay out.
    static let situationWords: Set<String> = ["thuoc", "xin", "da", "nop", "ma", "roi", "het", "nguoi", "doanh", "nghiep", "muon", "hoi"]
    static let situationWeight = 0.25

    public static let procedureStepNote = AssignmentExtractor.procedureStepNote

    static func key(_ document: String, _ article: String, _ clause: String?, _ point: String?) -> String {
        [DocumentReference.normalizedNumber(document), article.lowercased(), clause ?? "-", point ?? "-"].joined(separator: "|")
    }

    public func document(_ number: String) -> LegalDocumentInfo? {
        documents[DocumentReference.normalizedNumber(number)]
    }

    /// The exact provision text (point, else clause, else article).
    public func provision(document: String, article: String, clause: String?, point: String?) -> Provision? {
        provisions[Self.key(document, article, clause, point)] ?? provisions[Self.key(document, article, clause, nil)]
            ?? provisions[Self.key(document, article, nil, nil)]
    }

    public var provisionCount: Int { units.count }

    func recordWords(_ i: Int) -> Set<String> { recordWordSets[i] }

    func unitWords(_ i: Int) -> Set<String> { corpus.unitWords[i] }

    /// Provisions best matching words (diacritics optional), optionally in one document.
    public func searchProvisions(_ query: String, document: String? = nil, limit: Int = 20) -> [Provision] {
        corpus.search(query, document: document, limit: limit)
    }
}

/// The text of provisions a sentence cites in other documents of the registry ("khoản 3 Điều 103 Luật Xây dựng").
public struct ReferredText {
    let documents: [LegalDocumentInfo]
    let provisions: [String: Provision]

    public init(documents: [LegalDocumentInfo], provisions: [String: Provision]) {
        self.documents = documents
        self.provisions = provisions
    }

    public func number(for reference: DocumentReference) -> String? {
        if let number = reference.number {
            let wanted = DocumentReference.normalizedNumber(number)
            return documents.first { DocumentReference.normalizedNumber($0.number) == wanted }?.number
        }
        guard let name = reference.name, let type = reference.type else { return nil }
        let prefix = (type.vietnameseName + " " + name).lowercased()
        return documents.first { $0.file != nil && ($0.type + " " + $0.title).lowercased().hasPrefix(prefix) || $0.title.lowercased().hasPrefix(prefix) }?.number
    }

    func text(citedIn sentence: String, by document: String) -> String {
        var parts: [String] = []
        for found in CitationFinder().citations(in: sentence) {
            guard let reference = found.citation.document, !reference.isCurrent, let number = number(for: reference),
                  let article = found.citation.article else { continue }
            let key = AuthorityKnowledge.key(number, article, found.citation.clause, found.citation.point)
            let fallback = AuthorityKnowledge.key(number, article, nil, nil)
            if let p = provisions[key] ?? provisions[fallback], !parts.contains(p.text) { parts.append(p.text) }
        }
        return parts.joined(separator: "\n")
    }
}
