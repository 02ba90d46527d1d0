import Foundation
import Retrieval
import VietnameseText

/// The procedures the assistant can answer from, indexed for search: an immutable snapshot,
/// rebuilt when the catalogue changes.
public final class ProcedureCatalog: Sendable {
    public let procedures: [String: Procedure]
    /// Codes in catalogue order (field, then name).
    public let ordered: [String]
    /// The list view of every procedure, in catalogue order and by code.
    let orderedEntries: [Entry]
    let entryByCode: [String: Entry]
    /// Each field with how many procedures it has, by name: the catalogue page's filter.
    public let fieldCounts: [(name: String, count: Int)]
    let index: IndexSnapshot
    /// Folded syllables of each procedure's name, keywords, cases and example questions.
    let vocabulary: [String: Set<String>]
    /// Inverse document frequency of a syllable over those vocabularies.
    let idf: [String: Double]
    let unseenIDF: Double
    /// Which procedure a question is about, learned from example questions, names and keywords.
    let questionModel: NaiveBayes
    /// Weight of that model's posterior when reranking search hits.
    public let modelWeight: Double
    /// How questions and records are read: the built-in everyday phrases and officials' own.
    public let thesaurus: ProcedureThesaurus

    static let schema = IndexSchema(fields: [
        FieldSpec("name", weight: 3), FieldSpec("keywords", weight: 2.5), FieldSpec("examples", weight: 1.5),
        FieldSpec("cases", weight: 1), FieldSpec("field", weight: 0.5), FieldSpec("documents", weight: 0.3),
    ])

    /// Syllables that carry no meaning about which procedure is asked for.
    static let stopwords: Set<String> = [
        "lam", "can", "gi", "nhung", "o", "dau", "the", "nao", "thi", "co", "khong", "duoc", "cho", "toi", "em", "minh", "a", "ah",
        "vay", "sao", "ra", "bao", "lau", "nhieu", "phai", "nop", "di", "la", "va", "hay", "hoac", "voi", "de", "ve", "cua", "mot",
        "thu", "tuc", "giay", "to", "ho", "so", "xin", "muon", "oi", "nhe", "nha", "roi", "con", "chi", "anh", "ban", "cac", "tai",
        "khi", "nay", "do", "neu", "ma", "moi", "da", "se", "dang", "o", "tu", "trong", "len", "xuong", "nguoi", "ai", "ntn", "nhu",
        "mat", "tien", "phi", "le", "ngay", "online", "truc", "tuyen", "mang", "buoc", "dieu", "kien", "ket", "qua", "can", "cu",
        "luat", "hoi", "xem", "biet", "giup", "voi", "dc", "ko", "k", "hok", "vs", "kieu", "cach", "tren", "qua",
    ]

    /// Builds the index from records and example questions labelled with a procedure.
    public init(procedures list: [Procedure], examples: [LabelledQuestion] = [], modelWeight: Double = 0.5, thesaurus: ProcedureThesaurus = .standard) {
        self.modelWeight = modelWeight
        self.thesaurus = thesaurus
        func reading(_ text: String) -> QuestionText { QuestionText(text, thesaurus: thesaurus) }
        var byCode: [String: Procedure] = [:]
        for p in list { byCode[p.code] = p }
        procedures = byCode
        ordered = list.sorted { ($0.field, $0.name, $0.code) < ($1.field, $1.name, $1.code) }.map(\.code)
        orderedEntries = ordered.compactMap { byCode[$0].map(Entry.init) }
        entryByCode = Dictionary(orderedEntries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        fieldCounts = Dictionary(grouping: byCode.values, by: \.field).map { (name: $0.key, count: $0.value.count) }.sorted { $0.name < $1.name }
        var examplesByCode: [String: [String]] = [:]
        for q in examples where q.kind == .answer { if let code = q.procedure { examplesByCode[code, default: []].append(reading(q.question).folded) } }
        var builder = IndexBuilder(schema: Self.schema)
        var vocabulary: [String: Set<String>] = [:]
        for p in byCode.values {
            // Indexed as questions are read (respelled, thesaurus applied), so both sides use the same words.
            // Each phrase once: a keyword listed with and without diacritics, or two that the thesaurus makes
            // equal, should not weigh more than one.
            func read(_ texts: [String]) -> String {
                var seen = Set<String>()
                return texts.map { reading($0).folded }.filter { seen.insert($0).inserted }.joined(separator: ". ")
            }
            let caseNames = read(p.cases.map(\.name))
            let keywords = read(p.keywords)
            let exampleText = (examplesByCode[p.code] ?? []).joined(separator: ". ")
            builder.add(SearchDocument(
                id: p.code,
                fields: [
                    "name": read([p.name]), "keywords": keywords, "examples": exampleText, "cases": caseNames, "field": read([p.field]),
                    "documents": read(Array(p.cases.flatMap { $0.documents.map(\.name) }.prefix(30))),
                ],
                metadata: ["field": p.field, "commune": p.involvesCommune ? "yes" : "no"]))
            // Not the papers to bring: an ID named there in passing (“hộ chiếu”) must not make birth registration
            // look like it covers passports.
            let facts = p.facts.filter { $0.field != "documents" }.map(\.value).joined(separator: " ")
            let text = [p.name, keywords, caseNames, exampleText, facts, p.result ?? "", p.subjects ?? ""].joined(separator: " ")
            vocabulary[p.code] = Set(reading(text).tokens).subtracting(Self.stopwords)
        }
        index = builder.snapshot()
        var training: [(features: [String], label: String)] = []
        for p in byCode.values {
            training.append((reading(p.name + " " + p.keywords.joined(separator: " ")).features, p.code))
            for example in examplesByCode[p.code] ?? [] { training.append((reading(example).features, p.code)) }
        }
        questionModel = NaiveBayes(examples: training, smoothing: 0.1)
        self.vocabulary = vocabulary
        var df: [String: Int] = [:]
        for words in vocabulary.values { for w in words { df[w, default: 0] += 1 } }
        let n = Double(max(vocabulary.count, 1))
        idf = df.mapValues { log((n + 1) / (Double($0) + 0.5)) }
        // A syllable no procedure uses counts like a rare one, not the rarest: chat spellings and typos
        // are unseen too, and should not sink a good match.
        unseenIDF = log((n + 1) / 3)
    }

    public var count: Int { procedures.count }

    /// A text read as the catalogue reads questions (with this catalogue's thesaurus).
    public func read(_ text: String) -> QuestionText { QuestionText(text, thesaurus: thesaurus) }

    /// One ranked candidate with how much of the question it explains.
    public struct Candidate: Sendable {
        public var code: String
        public var score: Double
        /// Share (0…1, by IDF) of the question's meaningful syllables found in the procedure's vocabulary.
        public var coverage: Double
        /// Search score relative to the best hit, plus the weighted question-model posterior: the order used.
        public var rank: Double
    }

    /// The best candidates for a question.
    public func search(_ question: QuestionText, limit: Int = 5) -> [Candidate] {
        let content = Array(Set(question.tokens.filter { !Self.stopwords.contains($0) && $0.count > 0 }))
        guard !question.tokens.isEmpty else { return [] }
        let hits = index.search(question.folded, options: SearchOptions(limit: max(limit, 10)))
        guard let topScore = hits.first?.score, topScore > 0 else { return [] }
        let posterior = modelWeight > 0 ? questionModel.probabilities(question.features, among: hits.map(\.id)) : [:]
        let total = content.reduce(0.0) { $0 + (idf[$1] ?? unseenIDF) }
        let ranked = hits.map { hit in
            let words = vocabulary[hit.id] ?? []
            let matched = content.filter { words.contains($0) }.reduce(0.0) { $0 + (idf[$1] ?? unseenIDF) }
            let combined = hit.score / topScore + modelWeight * (posterior[hit.id] ?? 0)
            return Candidate(code: hit.id, score: hit.score, coverage: total > 0 ? matched / total : 0, rank: combined)
        }
        return Array(ranked.sorted { $0.rank > $1.rank }.prefix(limit))
    }

    /// What a list of procedures shows of each: shared, so a list of 200 costs 200 references, not 200 copies
    /// of whole records (the catalogue search answers thousands of lists a second).
    public final class Entry: Sendable {
        public let code: String
        public let name: String
        public let field: String
        public let level: String
        public let verified: Bool
        let foldedLevel: String

        init(_ p: Procedure) {
            code = p.code
            name = p.name
            field = p.field
            level = p.level
            verified = p.verified
            foldedLevel = Vietnamese.fold(p.level)
        }
    }

    /// Entries in catalogue order, optionally filtered; `query` ranks by relevance instead.
    public func entries(query: String?, field: String?, level: String?) -> [Entry] {
        let levelFolded = level.map { Vietnamese.fold($0) }
        func keep(_ e: Entry) -> Bool {
            if let field, e.field != field { return false }
            if let levelFolded, !e.foldedLevel.contains(levelFolded) { return false }
            return true
        }
        if let query {
            let question = read(query)
            if !question.tokens.isEmpty {
                return index.search(question.folded, options: SearchOptions(limit: 200)).compactMap { entryByCode[$0.id] }.filter(keep)
            }
        }
        return orderedEntries.filter(keep)
    }

    /// Records in catalogue order, optionally filtered; `query` ranks by relevance instead.
    public func list(query: String?, field: String?, level: String?) -> [Procedure] {
        entries(query: query, field: field, level: level).compactMap { procedures[$0.code] }
    }

    /// The case variant a question names, by the syllables that tell the cases apart.
    public func matchCase(_ question: QuestionText, in procedure: Procedure) -> ProcedureCase? {
        guard procedure.cases.count > 1 else { return nil }
        let sets = procedure.cases.map { Set(read($0.name).tokens).subtracting(Self.stopwords) }
        let common = sets.dropFirst().reduce(sets[0]) { $0.intersection($1) }
        let asked = Set(question.tokens)
        let scored = sets.enumerated().map { i, words in (i, words.subtracting(common).intersection(asked).count) }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 2 || (best.1 == 1 && scored.filter({ $0.1 == 1 }).count == 1) else { return nil }
        return procedure.cases[best.0]
    }
}
