import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import LegalText
import Retrieval

/// `haicap eval extraction`: competence-record extraction against the hand-checked assignments.
struct ExtractionEval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Độ chính xác (precision) và độ phủ (recall) của việc trích bản ghi thẩm quyền (các nghị định có trong tệp chuẩn).",
        discussion: "So khớp theo văn bản + điều + khoản (+ điểm) + chủ thể. Ví dụ: haicap eval extraction --gold Tests/Data/authority/assignments.jsonl")

    @Option(help: "Tệp JSONL các phân công thẩm quyền đã kiểm tra tay.") var gold: String?
    @Flag(help: "In kết quả dạng JSON.") var json = false
    @Flag(help: "In các bản ghi thiếu và thừa.") var verbose = false
    @Option(help: "Chỉ in các bản ghi trích được từ văn bản này (ví dụ 145/2025/NĐ-CP), không chấm điểm (không cần --gold).") var list: String?

    struct Gold: Decodable {
        var document: String
        var article: String
        var clause: String?
        var point: String?
        var holder: String
    }

    static func key(_ d: String, _ a: String, _ c: String?, _ p: String?, _ h: String) -> String {
        [DocumentReference.normalizedNumber(d), a, c ?? "-", p ?? "-", h].joined(separator: "|")
    }

    /// Development half: even-numbered articles and the annex; held-out half: odd-numbered articles.
    static func split(_ article: String) -> String {
        article == "PL" || (Int(article).map { $0 % 2 == 0 } ?? false) ? "dev" : "heldout"
    }

    func run() async throws {
        let registry = try LegalSeeder.bundledRegistry()
        if let list {
            guard let info = registry.documents.first(where: { $0.number == list }), let file = info.file else {
                throw ValidationError("Không có văn bản \(list) trong bộ văn bản đi kèm.")
            }
            let parsed = try LegalCorpusBuilder.parse(try LegalSeeder.bundledText(file), info: info)
            for r in info.delineation ? parsed.records : parsed.readings {
                print("\(r.article)/\(r.clause ?? "-")/\(r.point ?? "-") \(r.holder) | \(r.power.prefix(110))")
            }
            return
        }
        guard let gold else { throw ValidationError("Cần --gold (tệp chuẩn) hoặc --list (một văn bản).") }
        let golds = try JSONLines.read(gold, as: Gold.self)
        let documents = Set(golds.map(\.document))
        var extracted: [CompetenceRecord] = []
        for info in registry.documents where documents.contains(info.number) {
            guard let file = info.file else { continue }
            let parsed = try LegalCorpusBuilder.parse(try LegalSeeder.bundledText(file), info: info)
            // A decree that is not a delineation decree (NĐ 118) proposes no records for review, but the assistant
            // answers from what the extractor reads in it: measure that.
            extracted += info.delineation ? parsed.records : parsed.readings.filter { $0.notes != AssignmentExtractor.procedureStepNote }
        }
        var rows: [(String, Double, Double, Int, Int)] = []
        for part in ["all", "dev", "heldout"] {
            let g = Set(golds.filter { part == "all" || Self.split($0.article) == part }.map { Self.key($0.document, $0.article, $0.clause, $0.point, $0.holder) })
            let e = Set(extracted.filter { part == "all" || Self.split($0.article) == part }.map { Self.key($0.document, $0.article, $0.clause, $0.point, $0.holder) })
            let tp = g.intersection(e).count
            rows.append((part, e.isEmpty ? 0 : Double(tp) / Double(e.count), g.isEmpty ? 0 : Double(tp) / Double(g.count), g.count, e.count))
            if verbose && part == "all" {
                for k in g.subtracting(e).sorted() { print("thiếu  \(k)") }
                for k in e.subtracting(g).sorted() { print("thừa   \(k)") }
            }
        }
        if json {
            let parts = rows.map { "\"\($0.0)\":{\"precision\":\(authorityFigure($0.1)),\"recall\":\(authorityFigure($0.2)),\"gold\":\($0.3),\"extracted\":\($0.4)}" }
            print("{" + parts.joined(separator: ",") + "}")
        } else {
            print("Trích bản ghi thẩm quyền — \(documents.sorted().joined(separator: ", "))")
            for r in rows {
                print("\(r.0.padding(toLength: 8, withPad: " ", startingAt: 0)) precision \(authorityFigure(r.1))  recall \(authorityFigure(r.2))  (chuẩn \(r.3), trích \(r.4))")
            }
        }
    }
}

/// `haicap eval authority`: the assistant on the authority question set.
struct AuthorityEval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority",
        abstract: "Trợ lý thẩm quyền trên bộ câu hỏi: chủ thể và căn cứ đúng ở vị trí 1, không nêu chủ thể khi văn bản không trả lời, độ trễ.",
        discussion: "Ví dụ: haicap eval authority --questions Tests/Data/authority/questions.jsonl")

    @Option(help: "Tệp JSONL câu hỏi.") var questions: String
    @Option(help: "Ngày “hôm nay” cho câu hỏi không ghi as_of (YYYY-MM-DD; mặc định hôm nay).") var today: String?
    @Flag(help: "In kết quả dạng JSON.") var json = false
    @Flag(help: "In các câu trả lời sai.") var verbose = false
    @Flag(help: "Với --verbose: in thêm các bản ghi ứng viên có điểm cao nhất của mỗi câu sai (để phân tích).") var explain = false
    @Option(help: "Ghi đặc trưng của từng câu (ứng viên, độ phủ, điểm; JSON Lines) ra tệp này, để phân tích ngưỡng.") var features: String?

    struct Basis: Decodable {
        var document: String
        var article: String
        var clause: String?
    }

    struct Question: Decodable {
        var question: String
        var holder: String?
        var basis: [Basis]
        var answerable: Bool
        var as_of: String?
    }

    struct Score {
        var answerable = 0, correct = 0, holderOnly = 0, unanswerable = 0, noHolder = 0
    }

    func run() async throws {
        let items = try JSONLines.read(questions, as: Question.self)
        let registry = try LegalSeeder.bundledRegistry()
        let parsed = try LegalCorpusBuilder.parseAll(registry) { try LegalSeeder.bundledText($0) }
        let assistant = AuthorityAssistant(knowledge: LegalCorpusBuilder.knowledge(registry, parsed: parsed))
        let day = today.flatMap(CivilDate.init(iso:)) ?? CivilDate(Date())
        var scores: [String: Score] = ["all": Score(), "dev": Score(), "heldout": Score()]
        var latencies: [Double] = []
        let clock = ContinuousClock()
        // One untimed pass first: latency is measured warm, as a running server answers.
        for q in items { _ = assistant.answer(q.question, asOf: q.as_of.flatMap(CivilDate.init(iso:)), today: day) }
        for (i, q) in items.enumerated() {
            var answer: AuthorityAnswer?
            let elapsed = clock.measure {
                answer = assistant.answer(q.question, asOf: q.as_of.flatMap(CivilDate.init(iso:)), today: day)
            }
            latencies.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            guard let answer else { continue }
            let basisOK = answer.basis.first.map { b in
                q.basis.contains { g in
                    DocumentReference.normalizedNumber(g.document) == DocumentReference.normalizedNumber(b.documentNumber)
                        && g.article == b.article && (g.clause == nil || g.clause == b.clause)
                }
            } ?? false
            for part in ["all", i % 2 == 0 ? "dev" : "heldout"] {
                var s = scores[part] ?? Score()
                if q.answerable {
                    s.answerable += 1
                    if answer.holderCode == q.holder { s.holderOnly += 1 }
                    if answer.holderCode == q.holder && basisOK { s.correct += 1 }
                } else {
                    s.unanswerable += 1
                    if answer.holder == nil { s.noHolder += 1 }
                }
                scores[part] = s
            }
            if verbose, q.answerable ? !(answer.holderCode == q.holder && basisOK) : answer.holder != nil {
                print("sai: \(q.question) | chuẩn \(q.holder ?? "—") | trả lời \(answer.kind.rawValue) \(answer.holderCode ?? "—") \(answer.basis.first?.citation ?? "")")
                if explain {
                    let gold = q.basis.first.map { "\($0.document) Điều \($0.article)" + ($0.clause.map { " khoản \($0)" } ?? "") } ?? "—"
                    print("      chuẩn: \(gold)")
                    for line in assistant.explain(q.question, asOf: q.as_of.flatMap(CivilDate.init(iso:)), today: day) { print("      \(line)") }
                }
            }
        }
        if let features { try writeFeatures(items, assistant: assistant, day: day, to: features) }
        latencies.sort()
        let p50 = latencies.isEmpty ? 0 : latencies[latencies.count / 2]
        let p99 = latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        if json {
            let parts = ["all", "dev", "heldout"].compactMap { name in scores[name].map { s in
                "\"\(name)\":{\"top1_holder_basis\":\(authorityFigure(ratio(s.correct, s.answerable))),\"top1_holder\":\(authorityFigure(ratio(s.holderOnly, s.answerable))),"
                    + "\"no_holder_unanswerable\":\(authorityFigure(ratio(s.noHolder, s.unanswerable))),\"answerable\":\(s.answerable),\"unanswerable\":\(s.unanswerable)}"
            } }
            print("{" + parts.joined(separator: ",") + ",\"p50_ms\":\(authorityFigure(p50)),\"p99_ms\":\(authorityFigure(p99)),\"questions\":\(items.count)}")
        } else {
            print("Trợ lý thẩm quyền — \(items.count) câu hỏi, hôm nay = \(day)")
            for name in ["all", "dev", "heldout"] {
                guard let s = scores[name] else { continue }
                print("\(name.padding(toLength: 8, withPad: " ", startingAt: 0)) chủ thể + căn cứ đúng \(s.correct)/\(s.answerable) = \(authorityFigure(ratio(s.correct, s.answerable)))"
                      + "  chủ thể đúng \(authorityFigure(ratio(s.holderOnly, s.answerable)))  không nêu chủ thể khi không trả lời được \(s.noHolder)/\(s.unanswerable)")
            }
            print("Độ trễ     p50 \(authorityFigure(p50)) ms, p99 \(authorityFigure(p99)) ms (trong tiến trình)")
        }
    }

    /// One JSON object a line per question: gold, the answer, and the top candidates with their figures.
    func writeFeatures(_ items: [Question], assistant: AuthorityAssistant, day: CivilDate, to path: String) throws {
        var lines: [String] = []
        for q in items {
            let asOf = q.as_of.flatMap(CivilDate.init(iso:))
            let clock = ContinuousClock()
            var answer = assistant.answer(q.question, asOf: asOf, today: day)
            let elapsed = clock.measure { answer = assistant.answer(q.question, asOf: asOf, today: day) }
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let candidates: [[String: Any]] = assistant.rankedCandidates(q.question, asOf: asOf, today: day).prefix(8).map { c in
                let r = c.record
                let basisOK = q.basis.contains { g in
                    DocumentReference.normalizedNumber(g.document) == DocumentReference.normalizedNumber(r.document)
                        && g.article == r.article && (g.clause == nil || g.clause == r.clause)
                }
                return ["holder": r.holder, "document": r.document, "article": r.article, "clause": r.clause ?? "", "point": r.point ?? "",
                        "coverage": c.coverage, "rank": c.rank, "score": c.score, "cited": c.cited,
                        "basisOK": basisOK, "holderOK": r.holder == q.holder, "missing": assistant.missingWords(q.question, in: c)]
            }
            let row: [String: Any] = ["question": q.question, "answerable": q.answerable, "ms": ms, "holder": q.holder ?? NSNull(),
                                      "kind": answer.kind.rawValue, "answerHolder": answer.holderCode ?? NSNull(),
                                      "provisions": assistant.rankedProvisions(q.question, asOf: asOf, today: day).prefix(3).map { p, coverage in
                                          ["document": p.document, "article": p.article, "clause": p.clause ?? "", "coverage": coverage] as [String: Any] },
                                      "words": assistant.explain(q.question, asOf: asOf, today: day, limit: 0).first ?? "", "candidates": candidates]
            let data = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// `haicap eval authority-provisions`: the assistant's provision search on the law corpora of issue [2/7].
struct AuthorityProvisionEval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority-provisions",
        abstract: "Tìm điều khoản qua chỉ mục của trợ lý thẩm quyền: Recall@1/5/10, MRR@10 trên bộ câu hỏi pháp luật.",
        discussion: "Ví dụ: haicap eval authority-provisions --corpus ../shared/data/legal/laws --questions ../shared/data/eval/legal-retrieval-dev.jsonl")

    @OptionGroup var input: RetrievalInputOptions

    func run() async throws {
        let workload = try RetrievalWorkload.load(input)
        var corpora: [String: ProvisionCorpus] = [:]
        for (name, documents) in workload.corpora {
            var provisions: [Provision] = []
            for document in documents {
                for article in document.articles {
                    let title = article.text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                    provisions.append(Provision(document: document.id, kind: .article, article: article.id, articleTitle: title,
                                                text: article.text, position: provisions.count))
                }
            }
            corpora[name] = ProvisionCorpus(provisions)
        }
        let cases = workload.cases(stripDiacritics: input.stripDiacritics)
        func rank(_ c: EvaluationCase) -> [String] {
            corpora[c.corpus]?.search(c.query, limit: 10).map { LegalCorpus.articleID(document: $0.document, article: $0.article) } ?? []
        }
        for c in cases { _ = rank(c) }
        let report = Evaluation.evaluate(cases, rank: rank)
        print("Tìm điều khoản (chỉ mục trợ lý thẩm quyền) — \(report.questions) câu hỏi \(input.stripDiacritics ? "không dấu" : "có dấu")")
        print("R@1 \(decimal(report.recallAt1))  R@5 \(decimal(report.recallAt5))  R@10 \(decimal(report.recallAt10))  MRR@10 \(decimal(report.mrrAt10))  p50 \(decimal(report.p50Milliseconds)) ms  p99 \(decimal(report.p99Milliseconds)) ms")
    }
}

enum JSONLines {
    static func read<T: Decodable>(_ path: String, as type: T.Type) throws -> [T] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.enumerated().map { i, line in
            do {
                return try JSONDecoder().decode(T.self, from: Data(line.utf8))
            } catch {
                throw CLIError("\(path): dòng \(i + 1) không đọc được: \(error)")
            }
        }
    }
}

func authorityFigure(_ value: Double) -> String { String(format: "%.4f", value) }
