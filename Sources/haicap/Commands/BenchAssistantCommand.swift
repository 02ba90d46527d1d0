import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore

extension BenchCommand {
    /// `haicap bench assistant`: in-process answer latency with the catalogue scaled up synthetically.
    struct AssistantBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assistant",
            abstract: "Đo độ trễ trả lời của trợ lý thủ tục (trong tiến trình) với danh mục nhân bản lên N thủ tục.",
            discussion: "Ví dụ: haicap bench assistant --procedures 2000 --questions Tests/Data/assistant-eval.jsonl")

        @Option(help: "Số thủ tục trong danh mục (nhân bản danh mục đi kèm với mã và tên biến đổi).")
        var procedures = 2000

        @Option(help: "Tệp câu hỏi JSON Lines để hỏi.")
        var questions: String

        @Option(help: "Số lượt hỏi lại toàn bộ bộ câu hỏi.")
        var rounds = 5

        func run() async throws {
            let labelled: [LabelledQuestion]
            do { labelled = try LabelledQuestion.decode(try Data(contentsOf: URL(fileURLWithPath: questions)), file: questions) } catch { throw CLIError(error) }
            let base = try BundledAssistant.bundledProcedures()
            guard !base.isEmpty else { throw CLIError("Không có thủ tục đi kèm.") }
            var scaled = base
            var copy = 1
            while scaled.count < procedures {
                // Synthetic copies: the same text under another code and a varied name, so the index grows realistically.
                for p in base where scaled.count < procedures {
                    var clone = p
                    clone.code = "\(p.code).S\(copy)"
                    clone.name = p.name + " (bản sao tổng hợp \(copy))"
                    scaled.append(clone)
                }
                copy += 1
            }
            let clock = ContinuousClock()
            var assistant: ProcedureAssistant?
            let build = clock.measure {
                assistant = BundledAssistant.make(procedures: scaled, training: (try? BundledAssistant.trainingQuestions()) ?? [])
            }
            guard let assistant else { return }
            var latencies: [Double] = []
            for _ in 0..<rounds {
                for item in labelled {
                    let elapsed = clock.measure { _ = assistant.respond(item.question, state: DialogueState(), place: nil, today: "2026-11-27") }
                    latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                }
            }
            latencies.sort()
            func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)] }
            let buildMs = Double(build.components.seconds) * 1000 + Double(build.components.attoseconds) / 1e15
            print("Trợ lý thủ tục — \(assistant.catalog.count) thủ tục, \(latencies.count) lượt hỏi")
            print(String(format: "Lập chỉ mục: %.0f ms", buildMs))
            print(String(format: "Độ trễ: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, lớn nhất %.3f ms", pct(0.5), pct(0.9), pct(0.99), latencies.last ?? 0))
        }
    }
}
