import ArgumentParser
import Foundation
import Retrieval
import VietnameseText

/// Options shared by `eval retrieval` and `bench retrieval`.
struct RetrievalInputOptions: ParsableArguments {
    @Option(help: "Thư mục chứa các tệp luật (*.json, dạng data/legal/laws), hoặc một tệp luật.")
    var corpus: String

    @Option(help: "Tệp câu hỏi JSON Lines: {id, question, corpus, relevant: [{document, article}]}.")
    var questions: String

    @Flag(name: .customLong("strip-diacritics"), help: "Bỏ dấu câu hỏi (đ → d), như khi gõ trên điện thoại.")
    var stripDiacritics = false

    @Flag(help: "In kết quả thành một dòng JSON.")
    var json = false
}

/// The law corpora and questions of one run, read and checked; each question's `corpus` names a key of `corpora`.
struct RetrievalWorkload {
    var corpora: [String: [LegalDocument]]
    var questions: [RetrievalQuestion]

    var articleCount: Int { corpora.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.articles.count } } }

    /// Reads the questions, then the corpus files they name (`corpus` is a folder) or the one file given.
    static func load(_ options: RetrievalInputOptions) throws -> RetrievalWorkload {
        let questionData = try readFile(options.questions, what: "tệp câu hỏi")
        var questions: [RetrievalQuestion]
        do {
            questions = try LegalCorpus.decodeQuestions(questionData, file: options.questions)
        } catch let CorpusError.invalidQuestion(file, line, reason) {
            let data = lineData(questionData, line)
            throw CLIError("\(file), dòng \(line): câu hỏi không hợp lệ — \(explain(reason) { try JSONDecoder().decode(RetrievalQuestion.self, from: data) })")
        }
        guard !questions.isEmpty else { throw CLIError("Tệp câu hỏi '\(options.questions)' không có câu hỏi nào.") }
        progress("Đã đọc \(questions.count) câu hỏi từ \(options.questions).")

        var corpora: [String: [LegalDocument]] = [:]
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.corpus, isDirectory: &isDirectory), isDirectory.boolValue {
            for question in questions where corpora[question.corpus] == nil {
                guard !question.corpus.isEmpty, !question.corpus.contains("/") else {
                    throw CLIError("\(options.questions): câu hỏi \(question.id) có tên tệp luật không hợp lệ '\(question.corpus)'.")
                }
                let path = (options.corpus as NSString).appendingPathComponent(question.corpus)
                guard FileManager.default.fileExists(atPath: path) else {
                    throw CLIError("Không tìm thấy tệp luật '\(path)' mà câu hỏi \(question.id) trong '\(options.questions)' cần.")
                }
                corpora[question.corpus] = try readCorpus(path)
            }
        } else {
            let name = (options.corpus as NSString).lastPathComponent
            let documents = try readCorpus(options.corpus)
            let total = questions.count
            questions = questions.filter { $0.corpus == name || $0.corpus.isEmpty }.map { question in
                var question = question
                question.corpus = name
                return question
            }
            guard !questions.isEmpty else {
                throw CLIError("Không câu hỏi nào trong '\(options.questions)' hỏi trên tệp luật '\(name)'.")
            }
            if questions.count < total { progress("Chỉ dùng \(questions.count)/\(total) câu hỏi hỏi trên \(name).") }
            corpora[name] = documents
        }
        return RetrievalWorkload(corpora: corpora, questions: questions)
    }

    /// The questions as evaluation cases, optionally typed without diacritics.
    func cases(stripDiacritics: Bool) -> [EvaluationCase] {
        questions.map { LegalCorpus.evaluationCase($0, stripDiacritics: stripDiacritics) }
    }

    private static func readCorpus(_ path: String) throws -> [LegalDocument] {
        let data = try readFile(path, what: "tệp luật")
        do {
            let documents = try LegalCorpus.decodeDocuments(data, file: path)
            progress("Đã đọc \(path): \(documents.count) văn bản, \(documents.reduce(0) { $0 + $1.articles.count }) điều.")
            return documents
        } catch let CorpusError.invalidCorpus(file, reason) {
            let reason = explain(reason) { try JSONDecoder().decode([LegalDocument].self, from: data) }
            throw CLIError("\(file): không phải tệp luật hợp lệ [{id, articles: [{id, text}]}] — \(reason)")
        }
    }

    private static func readFile(_ path: String, what: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("Không tìm thấy \(what) '\(path)'.") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("Không đọc được \(what) '\(path)'.") }
        return data
    }

    private static func lineData(_ data: Data, _ line: Int) -> Data {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return line >= 1 && line <= lines.count ? Data(lines[line - 1]) : Data()
    }

    /// A Vietnamese reason for a decoding failure, found by decoding again: the library's reasons are
    /// English text for developers.
    private static func explain(_ reason: String, decoding decode: () throws -> Any) -> String {
        if reason == "invalid UTF-8" { return "không phải UTF-8 hợp lệ." }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        do {
            _ = try decode()
            return reason
        } catch let DecodingError.keyNotFound(key, context) {
            return "thiếu trường '\(key.stringValue)'" + (context.codingPath.isEmpty ? "." : " ở \(path(context)).")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return "sai kiểu dữ liệu ở \(path(context))."
        } catch {
            return "không phải JSON hợp lệ."
        }
    }
}

/// HaiCap's indexes, one per corpus file.
struct HaiCapEngine {
    let snapshots: [String: IndexSnapshot]
    let options = SearchOptions(limit: 10)

    init(_ corpora: [String: [LegalDocument]]) {
        snapshots = corpora.mapValues { documents in
            var builder = IndexBuilder(schema: LegalCorpus.schema)
            builder.add(contentsOf: LegalCorpus.searchDocuments(documents))
            return builder.snapshot()
        }
    }

    var indexBytes: Int { snapshots.values.reduce(0) { $0 + $1.approximateIndexBytes } }

    func rank(_ question: EvaluationCase) -> [String] {
        snapshots[question.corpus]?.search(question.query, options: options).map(\.id) ?? []
    }

    /// Runs every question once unmeasured (first-use costs), then measured.
    func evaluate(_ cases: [EvaluationCase]) -> EvaluationReport {
        for question in cases { _ = rank(question) }
        return Evaluation.evaluate(cases, rank: rank)
    }
}

/// A line on standard error, so progress never mixes with the results on standard output.
func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Decimal figures with a fixed number of places, as in the tables of `docs/benchmarks.md`.
func decimal(_ value: Double, _ places: Int = 3) -> String {
    String(format: "%.\(places)f", value)
}

/// Seconds as milliseconds with two decimals.
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
