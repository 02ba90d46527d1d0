import Foundation

/// Chooses the assistant's thresholds by k-fold cross-validation on the training questions only,
/// so the evaluation set stays unseen.
public enum AssistantTuning {
    public struct Setting: Sendable, Hashable, CustomStringConvertible {
        public var minCoverage: Double
        public var notFoundPenalty: Double
        public var outOfScopePenalty: Double
        public var modelWeight: Double
        public init(minCoverage: Double, notFoundPenalty: Double, outOfScopePenalty: Double, modelWeight: Double) {
            self.minCoverage = minCoverage
            self.notFoundPenalty = notFoundPenalty
            self.outOfScopePenalty = outOfScopePenalty
            self.modelWeight = modelWeight
        }
        public var description: String { "confidence ≥ \(minCoverage), not_found × \(notFoundPenalty), out_of_scope × \(outOfScopePenalty), model \(modelWeight)" }
    }

    /// The mean of top-1, not-found and out-of-scope accuracy per setting, over `folds` folds.
    public static func crossValidate(
        training: [LabelledQuestion], procedures: [Procedure], settings: [Setting], folds: Int = 5, keepMisses: Bool = false
    ) -> [(Setting, AssistantEvaluation)] {
        settings.map { setting in
            var pooled: [AssistantEvaluation] = []
            for fold in 0..<folds {
                let held = training.enumerated().filter { $0.offset % folds == fold }.map(\.element)
                let rest = training.enumerated().filter { $0.offset % folds != fold }.map(\.element)
                var assistant = ProcedureAssistant(
                    catalog: ProcedureCatalog(procedures: procedures, examples: rest, modelWeight: setting.modelWeight),
                    classifier: IntentClassifier(training: rest))
                assistant.minCoverage = setting.minCoverage
                assistant.notFoundPenalty = setting.notFoundPenalty
                assistant.outOfScopePenalty = setting.outOfScopePenalty
                pooled.append(AssistantEvaluation.run(held, assistant: assistant, stripDiacritics: false, today: "2026-11-27"))
            }
            func mean(_ f: (AssistantEvaluation) -> Double) -> Double { pooled.map(f).reduce(0, +) / Double(pooled.count) }
            var summary = pooled[0]
            summary.top1 = mean(\.top1)
            summary.intent = mean(\.intent)
            summary.notFound = mean(\.notFound)
            summary.outOfScope = mean(\.outOfScope)
            summary.misses = keepMisses ? pooled.flatMap(\.misses) : []
            return (setting, summary)
        }
    }

    /// Intent accuracy per (cue weight, smoothing), by k-fold cross-validation on the training questions.
    public static func intentCrossValidation(training: [LabelledQuestion], cueWeights: [Double], smoothings: [Double], folds: Int = 5) -> [(Double, Double, Double)] {
        var out: [(Double, Double, Double)] = []
        for w in cueWeights {
            for a in smoothings {
                var right = 0, total = 0
                for fold in 0..<folds {
                    let held = training.enumerated().filter { $0.offset % folds == fold && $0.element.kind != .outOfScope }.map(\.element)
                    let rest = training.enumerated().filter { $0.offset % folds != fold }.map(\.element)
                    var classifier = IntentClassifier(training: rest, smoothing: a)
                    classifier.cueWeight = w
                    classifier.exclusiveCues = a >= 1
                    right += held.filter { classifier.intent(QuestionText($0.question)) == $0.intent }.count
                    total += held.count
                }
                out.append((w, a, Double(right) / Double(max(total, 1))))
            }
        }
        return out
    }
}
