import Foundation
import LegalText
import Retrieval

/// One provision an answer rests on, with its exact text and validity dates.
public struct AuthorityBasis: Codable, Sendable, Equatable {
    public var citation: String
    public var document: String
    public var text: String
    public var effective: String?
    public var expires: String?
    /// Anchor of the provision on its document page.
    public var anchor: String
    /// The provision's address, for links and evaluation.
    public var documentNumber: String
    public var article: String
    public var clause: String?
    public var point: String?
}

/// The assistant's answer: `answer` names a holder; `provisions` quotes provisions without naming one;
/// `not_found` says nothing relevant was found.
public struct AuthorityAnswer: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case answer, provisions
        case notFound = "not_found"
    }

    public var kind: Kind
    public var holder: String?
    public var holderCode: String?
    public var previousHolder: String?
    public var mode: String?
    /// What changed on 1/7/2025.
    public var changed: String?
    public var basis: [AuthorityBasis]
    public var answer: String
    public var warnings: [String]
    public var asOf: String
    /// Review status of the record the answer rests on.
    public var recordStatus: String?
}

/// Thresholds of the assistant, chosen on the development half of the question set.
public struct AuthorityTuning: Sendable {
    /// Share of the question's content words a competence record must contain to be answered from.
    public var answerCoverage = 0.7
    /// Share a provision must contain to be quoted at all.
    public var provisionCoverage = 0.5
    public var candidates = 12
    /// Weight of the normalised BM25 score next to word coverage when ranking records.
    public var rankWeight = 0.35
    /// Score added per level of match with a decree the question names (1: the decree, 2: also the article).
    public var citedWeight = 0.15
    /// How much less coverage a record in a decree the question names needs.
    public var citedCoverageRelief = 0.2
    /// How far below the best score a record of the holder the question names may be and still be preferred.
    public var namedHolderMargin = 0.06
    /// Weigh question words by their rarity among the records when measuring coverage.
    public var weighted = true

    public init() {}
}

public struct AuthorityAssistant: Sendable {
    public let knowledge: AuthorityKnowledge
    public var tuning: AuthorityTuning

    public init(knowledge: AuthorityKnowledge, tuning: AuthorityTuning = AuthorityTuning()) {
        self.knowledge = knowledge
        self.tuning = tuning
    }

    /// Answers `question` as of `asOf` (else the day the question names, else `today`).
    public func answer(_ question: String, asOf: CivilDate? = nil, today: CivilDate) -> AuthorityAnswer {
        let question = knowledge.thesaurus.rewrite(question)
        let day = asOf ?? QuestionTerms.asOf(in: question) ?? today
        let terms = QuestionTerms(question)
        guard !terms.content.isEmpty else { return notFound(day) }
        let cited = QuestionTerms.citedDecrees(in: question)
        if let best = bestRecord(question, terms: terms, cited: cited, day: day) {
            return answer(from: best, day: day)
        }
        return provisions(question, terms: terms, cited: cited, day: day)
    }

    func notFound(_ day: CivilDate) -> AuthorityAnswer {
        AuthorityAnswer(kind: .notFound, basis: [], answer: AuthorityPhrasebook.answerNotFound(asOf: day), warnings: [], asOf: day.description)
    }

    /// The record that covers the question best, if it covers enough; ties among holders of one provision
    /// go to the holder the question names, else to local government.
    func bestRecord(_ question: String, terms: QuestionTerms, cited: [QuestionTerms.CitedDecree], day: CivilDate) -> CompetenceRecord? {
        let scored = candidates(question, terms: terms, cited: cited, day: day)
        // When the question names a decree, a record in it (or citing it) that covers enough of the question wins
        // over better-worded records elsewhere, and needs less of the wording: the citation says what is meant.
        // A decree of the registry named in the question is never answered from another decree's record: the
        // official asks what that decree says (the provisions fallback then stays inside it too).
        let inCited = scored.filter { $0.cited > 0 && $0.coverage >= tuning.answerCoverage - tuning.citedCoverageRelief }
        if inCited.isEmpty, !citedDocuments(cited).isEmpty { return nil }
        let pool = inCited.isEmpty ? scored : inCited
        guard var best = pool.max(by: { $0.score < $1.score }),
              best.coverage >= tuning.answerCoverage - (best.cited > 0 ? tuning.citedCoverageRelief : 0) else { return nil }
        // "Xã có nhiệm vụ … không, hay tỉnh làm hết?": between records about as good, the one whose holder the
        // question asks about.
        let named = terms.namedHolders
        if !named.contains(best.record.holder),
           let asked = pool.filter({ named.contains($0.record.holder) && $0.score >= best.score - tuning.namedHolderMargin
                                        && $0.coverage >= tuning.answerCoverage - ($0.cited > 0 ? tuning.citedCoverageRelief : 0) })
               .max(by: { $0.score < $1.score }) {
            best = asked
        }
        // An annex describes the procedure, and final or transitional provisions ("Điều khoản thi hành", "Quy định chuyển
        // tiếp") deal with what was under way; the article gives the power. Same holder, about as good: cite the article.
        if isSecondary(best.record),
           let article = pool.filter({ !isSecondary($0.record) && $0.record.holder == best.record.holder
                                          && $0.score >= best.score - tuning.namedHolderMargin && $0.coverage >= tuning.answerCoverage })
               .max(by: { $0.score < $1.score }) {
            best = article
        }
        let siblings = knowledge.records.filter {
            $0.document == best.record.document && $0.article == best.record.article && $0.clause == best.record.clause
                && $0.point == best.record.point
        }
        if let match = siblings.first(where: { named.contains($0.holder) }) { return match }
        // "Ở xã, công chức nào …": among the holders of one provision, the one at the level the question names.
        if let level = terms.namedLevel, Holder.level(best.record.holder) != level,
           let match = siblings.first(where: { Holder.level($0.holder) == level }) { return match }
        if !Holder.isLocal(best.record.holder), let local = siblings.first(where: { Holder.isLocal($0.holder) }) { return local }
        return best.record
    }

    /// An annex, or an article of final or transitional provisions.
    func isSecondary(_ record: CompetenceRecord) -> Bool {
        if record.article == "PL" { return true }
        let title = knowledge.corpus.titles[AuthorityKnowledge.key(record.document, record.article, nil, nil)] ?? ""
        return ["thi hành", "chuyển tiếp"].contains { title.localizedLowercase.contains($0) }
    }

    /// A candidate record for a question: how much of the question it covers, its overall score, and how closely
    /// it matches a decree the question names (0 none, 1 the decree, 2 also the article).
    public struct Candidate: Sendable {
        public var record: CompetenceRecord
        public var coverage: Double
        public var score: Double
        public var cited: Int
        /// The search score relative to the best hit's (0…1).
        public var rank: Double
        /// Position of the record in the knowledge base.
        public var index: Int
    }

    /// The records the search finds for a question, scored; unordered.
    func candidates(_ question: String, terms: QuestionTerms, cited: [QuestionTerms.CitedDecree], day: CivilDate) -> [Candidate] {
        let hits = knowledge.recordIndex.search(question, options: SearchOptions(limit: tuning.candidates))
        guard let top = hits.first?.score, top > 0 else { return [] }
        var candidates: [(index: Int, rank: Double)] = hits.compactMap { hit in Int(hit.id).map { ($0, Double(hit.score / top)) } }
        // A decree the question names ("theo NĐ 139", "khoản 3 Điều 59 NĐ 87/2018") is the official's own pointer:
        // records in it, or citing it, join the candidates and rank ahead.
        if !cited.isEmpty {
            let seen = Set(candidates.map(\.index))
            for i in knowledge.records.indices where !seen.contains(i) && cited.contains(where: { $0.match(knowledge.records[i], foldedRefers: knowledge.recordRefers[i]) > 0 }) {
                candidates.append((i, 0))
            }
        }
        // So does a law's clause the question names ("khoản 7 Điều 59 Luật Quy hoạch đô thị và nông thôn"): the records
        // that re-read or move it cite it.
        let laws = QuestionTerms.citedProvisions(in: question)
        if !laws.isEmpty {
            let seen = Set(candidates.map(\.index))
            for i in knowledge.records.indices where !seen.contains(i) && laws.contains(where: { $0.match(foldedRefers: knowledge.recordRefers[i]) == 2 }) {
                candidates.append((i, 0))
            }
        }
        var scored: [Candidate] = []
        let weight = weights(terms)
        for (i, rank) in candidates {
            let record = knowledge.records[i]
            if let info = knowledge.document(record.document), info.status(on: day) == .notYetInForce { continue }
            let coverage = terms.match(knowledge.recordWords(i), weight: weight)
            let citedMatch = max(cited.map { $0.match(record, foldedRefers: knowledge.recordRefers[i]) }.max() ?? 0,
                                 laws.map { $0.match(foldedRefers: knowledge.recordRefers[i]) }.max() ?? 0)
            scored.append(Candidate(record: record, coverage: coverage, score: coverage + tuning.rankWeight * rank + tuning.citedWeight * Double(citedMatch), cited: citedMatch, rank: rank, index: i))
        }
        return scored
    }

    /// Each content word's weight, worked out once per question (a named decree brings a hundred records to weigh).
    func weights(_ terms: QuestionTerms) -> ((String) -> Double)? {
        guard tuning.weighted else { return nil }
        var table: [String: Double] = [:]
        for word in terms.content { table[word] = knowledge.wordWeight(word) }
        return { table[$0] ?? knowledge.wordWeight($0) }
    }

    /// For evaluation: a question's candidate records, best score first.
    public func rankedCandidates(_ question: String, asOf: CivilDate? = nil, today: CivilDate) -> [Candidate] {
        let question = knowledge.thesaurus.rewrite(question)
        let day = asOf ?? QuestionTerms.asOf(in: question) ?? today
        return candidates(question, terms: QuestionTerms(question), cited: QuestionTerms.citedDecrees(in: question), day: day)
            .sorted { $0.score > $1.score }
    }

    /// For evaluation: the question's content words a candidate's record lacks.
    public func missingWords(_ question: String, in candidate: Candidate) -> [String] {
        let words = knowledge.recordWords(candidate.index)
        return QuestionTerms(knowledge.thesaurus.rewrite(question)).content.filter { !words.contains($0) }
    }

    /// For evaluation: the best-scored candidates of a question, one line each (score, coverage, holder, citation).
    public func explain(_ question: String, asOf: CivilDate? = nil, today: CivilDate, limit: Int = 5) -> [String] {
        let words = "từ: " + QuestionTerms(knowledge.thesaurus.rewrite(question)).content.joined(separator: " ")
        return [words] + rankedCandidates(question, asOf: asOf, today: today).prefix(limit).map { c in
            String(format: "%.2f cov %.2f ", c.score, c.coverage) + "\(c.record.holder) \(c.record.citation) — \(c.record.power.prefix(90))"
        }
    }

    func answer(from record: CompetenceRecord, day: CivilDate) -> AuthorityAnswer {
        let validity = ValidityCheck(knowledge: knowledge).check(
            document: record.document, article: record.article, clause: record.clause, point: record.point, on: day)
        let basis = [basis(document: record.document, article: record.article, clause: record.clause, point: record.point)]
        var warnings = validity.warnings
        guard validity.holderMayBeNamed else {
            return AuthorityAnswer(
                kind: .provisions, basis: basis, answer: AuthorityPhrasebook.provisionsAnswer(count: basis.count, asOf: day) ,
                warnings: warnings, asOf: day.description, recordStatus: record.status.rawValue)
        }
        if let condition = record.condition { warnings.insert(AuthorityPhrasebook.conditional(condition), at: 0) }
        if record.notes == AuthorityKnowledge.procedureStepNote {
            warnings.append(AuthorityPhrasebook.procedureStep)
        } else if record.status == .extracted {
            warnings.append(AuthorityPhrasebook.unverifiedRecord)
        }
        for d in knowledge.delegations where d.delegator == record.holder && d.applies(on: day) {
            warnings.append(AuthorityPhrasebook.delegation(d))
        }
        let holder = Self.holderName(record)
        let text = AuthorityPhrasebook.holderAnswer(holder: holder, power: record.power, citation: record.citation, asOf: day)
        return AuthorityAnswer(
            kind: .answer, holder: holder, holderCode: record.holder, previousHolder: record.previousHolder,
            mode: record.mode.rawValue, changed: AuthorityPhrasebook.change(previous: record.previousHolder, holder: holder),
            basis: basis, answer: text, warnings: warnings, asOf: day.description, recordStatus: record.status.rawValue)
    }

    /// The holder as an answer names it: the category ("Ủy ban nhân dân cấp xã"), except where the category says too
    /// little — "Chủ thể khác", "Bộ, cơ quan trung ương" — and the decree's own words name the holder ("Người đứng đầu
    /// Bộ phận Một cửa", "Bộ trưởng Bộ Tư pháp").
    static func holderName(_ record: CompetenceRecord) -> String {
        let text = record.holderText.trimmingCharacters(in: .whitespaces)
        guard ["khac", "co_quan_trung_uong"].contains(record.holder), let first = text.first else { return Holder.label(record.holder) }
        return first.uppercased() + text.dropFirst()
    }

    /// The registry documents among the decrees a question names ("NĐ 139" → 139/2025/NĐ-CP).
    func citedDocuments(_ cited: [QuestionTerms.CitedDecree]) -> [String] {
        // Only decrees (“NĐ 50” is not Luật 50/2014/QH13); without a year, the latest decree of that number.
        cited.compactMap { c in
            knowledge.documents.values.filter { info in
                let own = info.number.split(separator: "/").map(String.init)
                return info.type == "Nghị định" && own.first == c.number && (c.year == nil || own.dropFirst().first == c.year)
            }.max { ($0.effective ?? "", $0.number) < ($1.effective ?? "", $1.number) }?.number
        }
    }

    func provisions(_ question: String, terms: QuestionTerms, cited: [QuestionTerms.CitedDecree], day: CivilDate) -> AuthorityAnswer {
        let top = rankedProvisions(question, terms: terms, cited: cited, day: day).prefix(3).map(\.0)
        guard !top.isEmpty else { return notFound(day) }
        var warnings: [String] = []
        let basis = top.map { p -> AuthorityBasis in
            let v = ValidityCheck(knowledge: knowledge).check(document: p.document, article: p.article, clause: p.clause, point: p.point, on: day)
            for w in v.warnings where !warnings.contains(w) { warnings.append(w) }
            return self.basis(document: p.document, article: p.article, clause: p.clause, point: p.point)
        }
        return AuthorityAnswer(
            kind: .provisions, basis: basis, answer: AuthorityPhrasebook.noRecordLabel.prefix(1).uppercased()
                + AuthorityPhrasebook.noRecordLabel.dropFirst() + ". " + AuthorityPhrasebook.provisionsAnswer(count: basis.count, asOf: day),
            warnings: warnings, asOf: day.description)
    }

    /// For evaluation: the provisions a question's words cover best, with their coverage.
    public func rankedProvisions(_ question: String, asOf: CivilDate? = nil, today: CivilDate) -> [(Provision, Double)] {
        let question = knowledge.thesaurus.rewrite(question)
        let day = asOf ?? QuestionTerms.asOf(in: question) ?? today
        return rankedProvisions(question, terms: QuestionTerms(question), cited: QuestionTerms.citedDecrees(in: question), day: day)
    }

    /// Provisions covering at least `provisionCoverage` of the question, best first; only in the decrees the
    /// question names, if it names any of the registry.
    func rankedProvisions(_ question: String, terms: QuestionTerms, cited: [QuestionTerms.CitedDecree], day: CivilDate) -> [(Provision, Double)] {
        let named = citedDocuments(cited)
        let hits = named.isEmpty
            ? knowledge.unitIndex.search(question, options: SearchOptions(limit: tuning.candidates))
            : named.flatMap { document in
                knowledge.unitIndex.search(question, options: SearchOptions(
                    limit: tuning.candidates, filter: .metadata("document", equals: document)))
            }
        var chosen: [(Provision, Double)] = []
        let weight = weights(terms)
        for hit in hits {
            guard let i = Int(hit.id) else { continue }
            let unit = knowledge.units[i]
            if let info = knowledge.document(unit.document), info.status(on: day) == .notYetInForce { continue }
            let coverage = terms.match(knowledge.unitWords(i), weight: weight)
            if coverage >= tuning.provisionCoverage { chosen.append((unit, coverage)) }
        }
        return chosen.sorted { $0.1 > $1.1 }
    }

    public func basis(document: String, article: String, clause: String?, point: String?) -> AuthorityBasis {
        let info = knowledge.document(document)
        let provision = article == "PL" ? nil : knowledge.provision(document: document, article: article, clause: clause, point: point)
        let citation = provision?.citation ?? CompetenceRecord(power: "", holder: "", holderText: "", document: document, article: article, clause: clause, point: point, quote: "").citation
        return AuthorityBasis(
            citation: citation, document: info.map { "\($0.type) số \($0.number)" } ?? document,
            text: provision?.text ?? "", effective: info?.effective, expires: info?.expiry,
            anchor: provision?.anchor ?? "", documentNumber: document, article: article, clause: clause, point: point)
    }
}
