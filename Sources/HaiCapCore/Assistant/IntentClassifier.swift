import Foundation
import VietnameseText

/// What is asked (papers, fee, time, …) and whether it is a question for the procedure assistant at all:
/// naive Bayes over folded unigrams and bigrams, trained from the shipped labelled questions, plus cue phrases.
public struct IntentClassifier: Sendable {
    let intents: NaiveBayes
    let scope: NaiveBayes
    /// Weight of one matched cue phrase, in log-probability units.
    public var cueWeight = 4.0
    /// Whether a single specific cue decides the intent outright.
    public var exclusiveCues = true

    /// Trains both models on labelled questions.
    public init(training: [LabelledQuestion], smoothing: Double = 1, thesaurus: ProcedureThesaurus = .standard) {
        let read = training.map { QuestionText($0.question, thesaurus: thesaurus) }
        intents = NaiveBayes(examples: zip(training, read).map { (Self.unique($1.features), $0.intent.rawValue) }, smoothing: smoothing)
        // Unigrams only: with few out-of-scope examples, bigrams make the model overconfident.
        scope = NaiveBayes(examples: zip(training, read).map { ($1.tokens, $0.kind.rawValue) }, smoothing: 1)
    }

    /// Cue phrases, folded, for each intent; a match adds `cueWeight` to that intent's score.
    static let cues: [Intent: [String]] = [
        .fee: ["le phi", "phi", "bao nhieu tien", "ton tien", "mat tien", "ton xu", "dong tien", "mien phi", "het bao nhieu", "dong phi", "nop phi", "thu phi", "mat phi", "ton phi", "ton kem"],
        .timeLimit: ["bao lau", "may ngay", "bao nhieu ngay", "thoi han", "khi nao co", "khi nao lay", "trong ngay", "mat may", "lau khong", "may hom", "bao gio", "lay ngay", "cap ngay", "phai hen", "lau ko", "bao nhieu lau", "xong trong", "may tuan"],
        .place: ["o dau", "cho nao", "noi nao", "dia chi", "nop o", "lam o", "den dau", "o xa hay", "mot cua", "toi dau", "uy ban nao", "co quan nao", "o phuong", "den cong an", "toi uy ban", "xin o"],
        .documents: ["giay to", "ho so", "can gi", "mang theo", "mang gi", "chuan bi", "can nhung", "gom nhung", "can nhung gi", "giay gi", "nop gi", "nop nhung", "can mang", "mang nhung"],
        .online: ["online", "truc tuyen", "qua mang", "tren mang", "dich vu cong", "qua dien thoai", "tren app", "qua app", "ung dung", "vneid", "qua zalo", "buu dien", "buu chinh", "gui qua"],
        .steps: ["cac buoc", "trinh tu", "quy trinh", "buoc nao", "tien hanh", "xu ly ra sao", "xu ly the nao", "giai quyet nhu the nao"],
        .conditions: ["dieu kien", "du tuoi", "bat buoc", "qua han", "tre han", "co bi phat", "truong hop nao", "ai duoc", "co can"],
        .result: ["nhan duoc gi", "ket qua", "duoc cap gi", "nhan giay gi", "duoc giay gi", "nhan duoc giay", "nhan kem", "dung duoc", "gia tri", "may nam", "van ban gi"],
        .legalBasis: ["can cu", "luat nao", "van ban nao", "nghi dinh nao", "quy dinh tai", "dieu may", "theo luat", "dieu nao", "nghi dinh so", "van ban phap luat", "quy dinh nao", "theo quy dinh cua"],
    ]

    /// Each feature once: repeated words in a long question should not outvote a cue.
    static func unique(_ features: [String]) -> [String] {
        var seen = Set<String>()
        return features.filter { seen.insert($0).inserted }
    }

    /// The cue phrases with a space on each side, in `Intent.allCases` order: padded once, not per question.
    static let paddedCues: [(intent: Intent, phrases: [String])] = Intent.allCases.map { intent in
        (intent, (cues[intent] ?? []).map { " " + $0 + " " })
    }

    /// Each intent whose cue phrases the question contains, with how many it contains.
    static func cueHits(_ question: QuestionText) -> [(intent: Intent, hits: Int)] {
        let padded = " " + question.folded + " "
        return paddedCues.compactMap { intent, phrases in
            let hits = phrases.reduce(0) { $0 + (padded.containsExactly($1) ? 1 : 0) }
            return hits > 0 ? (intent, hits) : nil
        }
    }

    /// The intents whose cue phrases the question contains.
    public static func cueIntents(_ question: QuestionText) -> [Intent] {
        cueHits(question).map(\.intent)
    }

    /// The most likely intent.
    public func intent(_ question: QuestionText) -> Intent {
        var scores = intents.scores(Self.unique(question.features))
        let cued = Self.cueHits(question)
        for (intent, hits) in cued {
            scores[intent.rawValue, default: -.infinity] += cueWeight * Double(min(hits, 2))
        }
        // One specific cue and no other is the asker's own word for what they want: it wins.
        let specific = cued.map(\.intent).filter { $0 != .conditions && $0 != .documents }
        if exclusiveCues, specific.count == 1, let only = specific.first { return only }
        let best = scores.max { $0.value < $1.value }?.key
        return best.flatMap(Intent.init(rawValue:)) ?? .overview
    }

    /// Probability that the question is outside the assistant's scope (disputes, advice, chit-chat).
    public func outOfScopeProbability(_ question: QuestionText) -> Double {
        kindProbabilities(question)[.outOfScope] ?? 0
    }

    /// Probabilities of answer, not_found (a procedure the catalogue lacks) and out_of_scope, from wording alone.
    public func kindProbabilities(_ question: QuestionText) -> [ReplyKind: Double] {
        var out: [ReplyKind: Double] = [:]
        for (label, p) in scope.probabilities(question.tokens) { if let kind = ReplyKind(rawValue: label) { out[kind] = p } }
        return out
    }
}
