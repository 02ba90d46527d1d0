import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import VietnameseText

extension EvalCommand {
    /// `haicap eval assistant`: top-1 procedure, intent, not-found and out-of-scope accuracy, latency.
    struct AssistantEval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assistant",
            abstract: "Đo trợ lý thủ tục trên một bộ câu hỏi có nhãn: đúng thủ tục (top-1), đúng ý định, “không tìm thấy”, ngoài phạm vi, độ trễ.",
            discussion: "Ví dụ: haicap eval assistant --questions Tests/Data/assistant-eval.jsonl --strip-diacritics")

        @Option(help: "Tệp câu hỏi JSON Lines: {question, intent, procedure, kind}.")
        var questions: String

        @Flag(name: .customLong("strip-diacritics"), help: "Bỏ dấu câu hỏi (đ → d), như khi gõ trên điện thoại.")
        var stripDiacritics = false

        @Flag(help: "In kết quả thành một dòng JSON.")
        var json = false

        @Flag(help: "In thêm các câu trả lời sai.")
        var verbose = false

        @Flag(help: "In điểm của từng câu hỏi (để tinh chỉnh).")
        var debug = false

        @Flag(help: "Chọn ngưỡng bằng kiểm định chéo 5 phần trên bộ câu hỏi huấn luyện (không dùng bộ đo); với --verbose, in các câu sai trong kiểm định chéo.")
        var tune = false

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: questions)) } catch {
                throw CLIError("Không đọc được tệp câu hỏi '\(questions)'.")
            }
            let labelled: [LabelledQuestion]
            do { labelled = try LabelledQuestion.decode(data, file: questions) } catch { throw CLIError(error) }
            let training = try BundledAssistant.trainingQuestions()
            let overlap = Set(training.map { $0.question.lowercased() }).intersection(labelled.map { $0.question.lowercased() })
            let assistant = BundledAssistant.make(procedures: try BundledAssistant.bundledProcedures(), training: training)
            if tune {
                for (w, a, accuracy) in AssistantTuning.intentCrossValidation(training: training, cueWeights: [2, 4, 8], smoothings: [0.99, 1]) {
                    print(String(format: "intent: cue %.0f smoothing %.2f (exclusive cues: %@) → %.3f", w, a, a >= 1 ? "yes" : "no", accuracy))
                }
                var settings: [AssistantTuning.Setting] = []
                for c in [0.35, 0.4, 0.45, 0.5] { for n in [0.4, 0.6, 0.8, 1.0] { for o in [0.4, 0.6, 0.8, 1.0] {
                    settings.append(.init(minCoverage: c, notFoundPenalty: n, outOfScopePenalty: o, modelWeight: 0.5))
                } } }
                if verbose { settings = [.init(minCoverage: assistant.minCoverage, notFoundPenalty: assistant.notFoundPenalty, outOfScopePenalty: assistant.outOfScopePenalty, modelWeight: assistant.catalog.modelWeight)] }
                let results = AssistantTuning.crossValidate(training: training, procedures: try BundledAssistant.bundledProcedures(), settings: settings, keepMisses: verbose)
                if verbose, let misses = results.first?.1.misses { for miss in misses { print("  ✗ \(miss)") } }
                for (s, r) in results.sorted(by: { ($0.1.top1 + $0.1.notFound + $0.1.outOfScope) > ($1.1.top1 + $1.1.notFound + $1.1.outOfScope) }) {
                    print(String(format: "%@  top1 %.3f  intent %.3f  nf %.3f  oos %.3f", s.description, r.top1, r.intent, r.notFound, r.outOfScope))
                }
                return
            }
            if debug {
                for item in labelled {
                    let q = QuestionText(stripDiacritics ? Vietnamese.fold(item.question) : item.question)
                    let top = assistant.catalog.search(q).prefix(3).map { String(format: "%@ %.1f/%.2f", $0.code, $0.score, $0.coverage) }
                    let kinds = assistant.kindProbabilities(q)
                    let odds = String(format: "nf %.2f oos %.2f", kinds[.notFound] ?? 0, kinds[.outOfScope] ?? 0)
                    print("\(item.kind.rawValue)\t\(item.procedure ?? "-")\t\(odds)\t\(top.joined(separator: " | "))\t\(q.folded)")
                }
            }
            let report = AssistantEvaluation.run(labelled, assistant: assistant, stripDiacritics: stripDiacritics, today: "2026-11-27")
            if json {
                var trimmed = report
                if !verbose { trimmed.misses = [] }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(trimmed), as: UTF8.self))
                return
            }
            func pct(_ v: Double) -> String { String(format: "%.1f %%", v * 100) }
            print("Trợ lý thủ tục — \(report.questions) câu hỏi \(stripDiacritics ? "không dấu" : "như đã ghi"), \(assistant.catalog.count) thủ tục, \(training.count) câu hỏi huấn luyện (trùng với bộ đo: \(overlap.count))")
            print("Đúng thủ tục (top-1)   \(pct(report.top1)) của \(report.answerable)")
            print("Đúng ý định            \(pct(report.intent))")
            print("Không tìm thấy đúng    \(pct(report.notFound)) của \(report.notFoundQuestions)")
            print("Ngoài phạm vi đúng     \(pct(report.outOfScope)) của \(report.outOfScopeQuestions)")
            print("Hỏi lại để chọn        \(report.clarified)")
            print(String(format: "Độ trễ                 p50 %.3f ms, p99 %.3f ms", report.p50Milliseconds, report.p99Milliseconds))
            if verbose { for miss in report.misses { print("  ✗ \(miss)") } }
        }
    }
}
