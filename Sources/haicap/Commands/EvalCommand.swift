import ArgumentParser
import Foundation
import HaiCapData
import Retrieval
import VietnameseText

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Đo chất lượng tìm kiếm và khôi phục dấu tiếng Việt.",
        subcommands: [RetrievalEval.self, RestorationEval.self, AssistantEval.self, ExtractionEval.self, AuthorityEval.self, AuthorityProvisionEval.self])

    struct RetrievalEval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retrieval",
            abstract: "Recall@1/5/10, MRR@10 và độ trễ của chỉ mục HaiCap trên một bộ câu hỏi pháp luật.",
            discussion: "Ví dụ: haicap eval retrieval --corpus ../shared/data/legal/laws --questions ../shared/data/eval/legal-retrieval-dev.jsonl")

        @OptionGroup var input: RetrievalInputOptions

        func run() async throws {
            let workload = try RetrievalWorkload.load(input)
            let clock = ContinuousClock()
            var engine: HaiCapEngine?
            let buildTime = clock.measure { engine = HaiCapEngine(workload.corpora) }
            guard let engine else { return }
            progress("Đã lập chỉ mục \(workload.articleCount) điều trong \(decimal(milliseconds(buildTime), 0)) ms; đang chạy \(workload.questions.count) câu hỏi…")
            let report = engine.evaluate(workload.cases(stripDiacritics: input.stripDiacritics))
            if input.json {
                print(Self.json(report))
            } else {
                print("Tìm kiếm HaiCap — \(report.questions) câu hỏi \(input.stripDiacritics ? "không dấu" : "có dấu"), \(workload.articleCount) điều luật")
                print("Recall@1    \(decimal(report.recallAt1))")
                print("Recall@5    \(decimal(report.recallAt5))")
                print("Recall@10   \(decimal(report.recallAt10))")
                print("MRR@10      \(decimal(report.mrrAt10))")
                print("nDCG@10     \(decimal(report.ndcgAt10))")
                print("Độ trễ      p50 \(decimal(report.p50Milliseconds)) ms, p99 \(decimal(report.p99Milliseconds)) ms")
            }
        }

        /// The one-line JSON the issue specifies, keys in its order.
        static func json(_ report: EvaluationReport) -> String {
            "{\"recall@1\":\(decimal(report.recallAt1, 4)),\"recall@5\":\(decimal(report.recallAt5, 4)),"
                + "\"recall@10\":\(decimal(report.recallAt10, 4)),\"mrr@10\":\(decimal(report.mrrAt10, 4)),"
                + "\"p50_ms\":\(decimal(report.p50Milliseconds, 4)),\"p99_ms\":\(decimal(report.p99Milliseconds, 4)),"
                + "\"questions\":\(report.questions)}"
        }
    }

    struct RestorationEval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restoration",
            abstract: "Độ chính xác khôi phục dấu trên các dòng giữ lại của văn bản luật đi kèm.",
            discussion: "Mỗi dòng thứ N (khác rỗng) của mỗi văn bản được giữ lại; mô hình học trên các dòng còn lại, rồi khôi phục dấu các dòng giữ lại đã bỏ dấu.")

        @Option(help: "Giữ lại mỗi dòng thứ N để kiểm tra (mặc định 10).")
        var every = 10

        @Flag(name: .customLong("by-document"), help: "Thêm phép đo giữ lại cả văn bản: học trên các văn bản khác, kiểm tra trên văn bản đó.")
        var byDocument = false

        @Flag(help: "In kết quả thành một dòng JSON.")
        var json = false

        func run() async throws {
            guard every >= 2 else { throw ValidationError("--every phải từ 2 trở lên.") }
            let texts = try Self.bundledTexts()
            var training: [String] = [], heldOut: [String] = []
            for (_, text) in texts {
                let split = DiacriticRestorer.heldOutSplit(text, every: every)
                training += split.training
                heldOut += split.heldOut
            }
            let clock = ContinuousClock()
            let fullTraining = clock.measure { _ = DiacriticRestorer(trainingTexts: texts.map(\.text)) }
            progress("Học trên \(texts.count) văn bản đi kèm: \(decimal(milliseconds(fullTraining), 0)) ms. Đang đo trên \(heldOut.count) dòng giữ lại…")
            let report = DiacriticRestorer(trainingText: training.joined(separator: "\n")).evaluate(heldOut: heldOut)
            let documentReport = byDocument ? Self.leaveOneDocumentOut(texts) : nil
            if json {
                var line = "{\"accuracy\":\(decimal(report.accuracy, 4)),\"baseline_accuracy\":\(decimal(report.accuracyWithoutContext, 4)),"
                    + "\"syllables\":\(report.syllables),\"held_out_lines\":\(heldOut.count),\"every\":\(every),"
                    + "\"training_ms\":\(decimal(milliseconds(fullTraining), 1))"
                if let documentReport { line += ",\"by_document_accuracy\":\(decimal(documentReport.accuracy, 4))" }
                print(line + "}")
                return
            }
            print("Khôi phục dấu — \(texts.count) văn bản đi kèm, giữ lại mỗi dòng thứ \(every) (\(heldOut.count) dòng, \(report.syllables) âm tiết)")
            print("Đúng               \(decimal(report.accuracy * 100, 2)) %")
            print("Chỉ chọn dạng phổ biến nhất (không ngữ cảnh): \(decimal(report.accuracyWithoutContext * 100, 2)) %")
            print("Thời gian học trên toàn bộ văn bản: \(decimal(milliseconds(fullTraining), 0)) ms")
            if let documentReport {
                print("Giữ lại cả văn bản (học trên các văn bản khác): \(decimal(documentReport.accuracy * 100, 2)) % của \(documentReport.syllables) âm tiết")
            }
        }

        /// Each text restored by a model trained on all the others, pooled.
        static func leaveOneDocumentOut(_ texts: [(name: String, text: String)]) -> RestorationReport {
            var pooled = RestorationReport()
            for (index, held) in texts.enumerated() {
                progress("Giữ lại \(held.name)…")
                let model = DiacriticRestorer(trainingTexts: texts.enumerated().filter { $0.offset != index }.map(\.element.text))
                let report = model.evaluate(heldOut: held.text.split(whereSeparator: \.isNewline).map(String.init))
                pooled.syllables += report.syllables
                pooled.correct += report.correct
                pooled.correctWithoutContext += report.correctWithoutContext
            }
            return pooled
        }

        /// The law and decree texts bundled with HaiCap, by file name.
        static func bundledTexts() throws -> [(name: String, text: String)] {
            do {
                let folder = try BundledData.file("legal")
                let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
                return try names.map { ($0, try BundledData.text("legal/" + $0)) }
            } catch {
                throw CLIError("Không đọc được văn bản luật đi kèm: \(error)")
            }
        }
    }
}
