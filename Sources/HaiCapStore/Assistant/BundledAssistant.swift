import Foundation
import HaiCapCore
import HaiCapData

/// Builds the procedure assistant from the bundled training questions and a list of records.
public enum BundledAssistant {
    public static let trainingFile = "assistant/questions-train.jsonl"

    /// The labelled training questions shipped with HaiCap (empty when the file is missing).
    public static func trainingQuestions() throws -> [LabelledQuestion] {
        guard let url = try? BundledData.file(trainingFile) else { return [] }
        return try LabelledQuestion.decode(try Data(contentsOf: url), file: trainingFile)
    }

    /// Every bundled record, read straight from the files (no database), for evaluation and benchmarks.
    public static func bundledProcedures() throws -> [Procedure] {
        var out: [Procedure] = []
        var seen = Set<String>()
        for file in ProcedureSeeder.files {
            guard let url = try? BundledData.file(file) else { continue }
            for row in try ProcedureImport.read(try Data(contentsOf: url), format: .jsonLines, fileName: file) {
                if case .success(let p) = row.outcome, seen.insert(p.code).inserted { out.append(p) }
            }
        }
        return out
    }

    /// An assistant over `procedures`, trained on `training`, reading with the built-in phrases plus `phrases`.
    public static func make(
        procedures: [Procedure], training: [LabelledQuestion], units: [UnitMatcher.Unit] = [], portalURLTemplate: String? = nil,
        phrases: [ThesaurusRule] = []
    ) -> ProcedureAssistant {
        let thesaurus = phrases.isEmpty ? ProcedureThesaurus.standard : ProcedureThesaurus(extra: phrases)
        return ProcedureAssistant(
            catalog: ProcedureCatalog(procedures: procedures, examples: training, thesaurus: thesaurus),
            classifier: IntentClassifier(training: training, thesaurus: thesaurus), units: UnitMatcher(units: units, thesaurus: thesaurus),
            composer: AnswerComposer(portalURLTemplate: portalURLTemplate))
    }
}
