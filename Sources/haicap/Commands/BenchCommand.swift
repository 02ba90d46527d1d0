import ArgumentParser
import Foundation
import Retrieval

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "So sánh HaiCap với công cụ thông dụng trên cùng dữ liệu.",
        subcommands: [RetrievalBench.self, AssistantBench.self, ReportingBench.self, MonitoringBench.self, OutboxBench.self, LoadFixture.self])

    struct RetrievalBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retrieval",
            abstract: "Chỉ mục HaiCap và SQLite FTS5 trên cùng bộ luật và câu hỏi: chất lượng, độ trễ, thời gian lập chỉ mục, bộ nhớ.",
            discussion: "Chạy có dấu và không dấu (với --strip-diacritics: chỉ không dấu). Dùng bản build release để đo độ trễ.")

        @OptionGroup var input: RetrievalInputOptions

        func run() async throws {
            let workload = try RetrievalWorkload.load(input)
            let clock = ContinuousClock()
            let variants = input.stripDiacritics ? [true] : [false, true]

            progress("Lập chỉ mục HaiCap cho \(workload.articleCount) điều…")
            var engine: HaiCapEngine?
            let haicapBuild = clock.measure { engine = HaiCapEngine(workload.corpora) }
            guard let engine else { return }
            progress("Lập chỉ mục FTS5…")
            let start = clock.now
            let fts = try await FTS5Baseline.build(workload.corpora)
            let ftsBuild = clock.now - start

            var rows: [Row] = []
            do {
                for stripped in variants {
                    let cases = workload.cases(stripDiacritics: stripped)
                    progress("Chạy \(cases.count) câu hỏi \(stripped ? "không dấu" : "có dấu") trên HaiCap và FTS5…")
                    rows.append(Row(system: "HaiCap", stripped: stripped, report: engine.evaluate(cases)))
                    rows.append(Row(system: "FTS5", stripped: stripped, report: try await fts.evaluate(cases)))
                }
            } catch {
                await fts.close()
                throw CLIError("FTS5 lỗi khi truy vấn: \(error)")
            }
            let summary = Summary(
                rows: rows, articles: workload.articleCount,
                haicapBuildMs: milliseconds(haicapBuild), ftsBuildMs: milliseconds(ftsBuild),
                haicapBytes: engine.indexBytes, ftsBytes: try await fts.indexBytes(),
                hopMs: try await fts.roundTripMilliseconds())
            await fts.close()
            print(input.json ? summary.json : summary.markdown)
        }
    }

    struct Row {
        var system: String
        var stripped: Bool
        var report: EvaluationReport
    }

    /// Everything one bench run measured, printed as Markdown tables (for `docs/benchmarks.md`) or JSON.
    struct Summary {
        var rows: [Row]
        var articles: Int
        var haicapBuildMs, ftsBuildMs: Double
        var haicapBytes, ftsBytes: Int
        var hopMs: Double

        func report(_ system: String, stripped: Bool) -> EvaluationReport? {
            rows.first { $0.system == system && $0.stripped == stripped }?.report
        }

        /// FTS5's latency over HaiCap's on the same questions (accented when they were run).
        var speedup: (p50: Double, p99: Double)? {
            let stripped = report("HaiCap", stripped: false) == nil
            guard let haicap = report("HaiCap", stripped: stripped), let fts = report("FTS5", stripped: stripped),
                  haicap.p50Milliseconds > 0, haicap.p99Milliseconds > 0 else { return nil }
            return (fts.p50Milliseconds / haicap.p50Milliseconds, fts.p99Milliseconds / haicap.p99Milliseconds)
        }

        var markdown: String {
            let questions = rows.first?.report.questions ?? 0
            var lines = [
                "Chất lượng và độ trễ — \(questions) câu hỏi, \(articles) điều luật", "",
                "| hệ thống | câu hỏi | R@1 | R@5 | R@10 | MRR@10 | p50 (ms) | p99 (ms) |",
                "|---|---|---:|---:|---:|---:|---:|---:|",
            ]
            for row in rows {
                let r = row.report
                lines.append("| \(row.system) | \(row.stripped ? "không dấu" : "có dấu") | \(decimal(r.recallAt1)) | \(decimal(r.recallAt5)) | "
                    + "\(decimal(r.recallAt10)) | \(decimal(r.mrrAt10)) | \(decimal(r.p50Milliseconds)) | \(decimal(r.p99Milliseconds)) |")
            }
            lines += [
                "", "| hệ thống | lập chỉ mục (ms) | bộ nhớ chỉ mục (MB) |", "|---|---:|---:|",
                "| HaiCap | \(decimal(haicapBuildMs, 0)) | \(decimal(Double(haicapBytes) / 1_048_576, 1)) |",
                "| FTS5 | \(decimal(ftsBuildMs, 0)) | \(decimal(Double(ftsBytes) / 1_048_576, 1)) |", "",
            ]
            if let speedup {
                lines.append("HaiCap nhanh hơn FTS5: ×\(decimal(speedup.p50, 1)) ở p50, ×\(decimal(speedup.p99, 1)) ở p99.")
            }
            lines.append("Mỗi truy vấn FTS5 gồm cả một lượt qua luồng của SQLiteNIO: SELECT 1 mất \(decimal(hopMs)) ms (p50).")
            lines += ["", "Mục tiêu:"] + targets.map { "- \($0.holds ? "ĐẠT" : "CHƯA ĐẠT"): \($0.text)" }
            return lines.joined(separator: "\n")
        }

        /// The targets of issue 3 that this run can check.
        var targets: [(text: String, holds: Bool)] {
            var result: [(String, Bool)] = []
            if let haicap = report("HaiCap", stripped: false), let fts = report("FTS5", stripped: false) {
                result.append(("MRR@10 có dấu ≥ FTS5 + 0.10 (\(decimal(haicap.mrrAt10)) so với \(decimal(fts.mrrAt10)))",
                               haicap.mrrAt10 >= fts.mrrAt10 + 0.10))
                result.append(("Recall@5 có dấu ≥ FTS5 + 0.045 (\(decimal(haicap.recallAt5)) so với \(decimal(fts.recallAt5)))",
                               haicap.recallAt5 >= fts.recallAt5 + 0.045))
                if let unaccented = report("HaiCap", stripped: true) {
                    result.append(("MRR@10 không dấu cách có dấu ≤ 0.02 (\(decimal(unaccented.mrrAt10)) so với \(decimal(haicap.mrrAt10)))",
                                   haicap.mrrAt10 - unaccented.mrrAt10 <= 0.02))
                }
            }
            let p99 = rows.filter { $0.system == "HaiCap" }.map(\.report.p99Milliseconds).max() ?? 0
            result.append(("độ trễ p99 ≤ 1 ms (\(decimal(p99)) ms)", p99 <= 1))
            if let speedup {
                result.append(("nhanh hơn FTS5 ≥ 5 lần ở cả p50 và p99 (×\(decimal(speedup.p50, 1)), ×\(decimal(speedup.p99, 1)))",
                               speedup.p50 >= 5 && speedup.p99 >= 5))
            }
            result.append(("lập chỉ mục < 1 s (\(decimal(haicapBuildMs, 0)) ms)", haicapBuildMs < 1000))
            result.append(("bộ nhớ chỉ mục < 50 MB (\(decimal(Double(haicapBytes) / 1_048_576, 1)) MB)", haicapBytes < 50 * 1_048_576))
            return result
        }

        var json: String {
            func system(_ name: String) -> String {
                var parts: [String] = []
                if let r = report(name, stripped: false) { parts.append("\"accented\":\(EvalCommand.RetrievalEval.json(r))") }
                if let r = report(name, stripped: true) { parts.append("\"unaccented\":\(EvalCommand.RetrievalEval.json(r))") }
                let build = name == "HaiCap" ? haicapBuildMs : ftsBuildMs
                let bytes = name == "HaiCap" ? haicapBytes : ftsBytes
                return "{" + (parts + ["\"build_ms\":\(decimal(build, 1))", "\"index_bytes\":\(bytes)"]).joined(separator: ",") + "}"
            }
            var fields = ["\"haicap\":\(system("HaiCap"))", "\"fts5\":\(system("FTS5"))", "\"sqlite_round_trip_ms\":\(decimal(hopMs, 4))"]
            if let speedup {
                fields += ["\"speedup_p50\":\(decimal(speedup.p50, 2))", "\"speedup_p99\":\(decimal(speedup.p99, 2))"]
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
    }
}
