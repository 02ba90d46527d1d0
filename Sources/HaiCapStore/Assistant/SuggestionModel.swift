import Foundation
import HaiCapCore
import HaiCapData
import VietnameseText

/// The diacritic restorer behind "Có phải bạn muốn hỏi: …?", trained once per process on the bundled
/// legal texts and procedure records (see docs/decisions/0002-diacritic-restoration.md).
enum SuggestionModel {
    static let files = [
        "procedures/curated.jsonl", "procedures/national-db-records.jsonl",
        "legal/nghi-dinh-ho-tich-401-VBHN-BTP-2026.txt", "legal/luat-cu-tru-06-VBHN-VPQH-2026.txt",
        "legal/luat-can-cuoc-09-VBHN-VPQH-2026.txt", "legal/luat-hon-nhan-gia-dinh-121-VBHN-VPQH-2025.txt",
        "legal/luat-dat-dai-133-VBHN-VPQH-2025.txt", "legal/luat-xay-dung-154-VBHN-VPQH-2025.txt",
        "legal/thong-tu-chung-thuc-01-2020-TT-BTP.txt", "legal/120-2025-ND-CP.txt", "legal/140-2025-ND-CP.txt",
    ]

    /// Everyday question phrasing, which the legal texts rarely contain ("cần gì", "bao lâu"), weighted so
    /// that it outvotes look-alike legal words ("căn cước").
    static let phrasesFile = "assistant/common-phrases.txt"
    static let phraseWeight = 20

    static let shared: DiacriticRestorer = {
        var texts = files.compactMap { try? BundledData.text($0) }
        if let phrases = try? BundledData.text(phrasesFile) {
            let lines = phrases.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            texts += Array(repeating: lines, count: phraseWeight)
        }
        return DiacriticRestorer(trainingTexts: texts)
    }()

    /// The question with diacritics restored, when it was typed without any and restoring changes it.
    static func suggestion(for question: String) -> String? {
        let trimmed = question.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.count <= 500, !Vietnamese.hasDiacritics(trimmed) else { return nil }
        let restored = shared.restore(trimmed)
        return restored == trimmed ? nil : restored
    }
}
