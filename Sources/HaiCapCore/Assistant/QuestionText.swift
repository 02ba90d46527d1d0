import Foundation
import VietnameseText

/// A question as the assistant reads it: folded syllables with chat spellings and abbreviations spelled out,
/// and everyday phrases rewritten to the catalogue's words (`ProcedureThesaurus`).
public struct QuestionText: Sendable {
    public let original: String
    /// Folded tokens after respelling (`ko` → `khong`, `gks` → `giay khai sinh`).
    public let tokens: [String]
    /// The folded, respelled text, for the search index. Stored: one answer reads it a dozen times.
    public let folded: String

    /// `thesaurus`: the built-in rules, or those with province officials' rules (`ProcedureThesaurus(extra:)`).
    public init(_ text: String, thesaurus: ProcedureThesaurus = .standard) {
        original = text
        tokens = Self.tokens(text, thesaurus: thesaurus)
        folded = tokens.joined(separator: " ")
    }

    /// Unigrams and bigrams, the classifiers' features.
    public var features: [String] {
        var out = tokens
        if tokens.count > 1 { for i in 1..<tokens.count { out.append(tokens[i - 1] + "_" + tokens[i]) } }
        return out
    }

    /// The folded, respelled syllables, with `thesaurus` applied when given.
    static func tokens(_ text: String, thesaurus: ProcedureThesaurus?) -> [String] {
        var out: [String] = []
        for token in Vietnamese.tokenize(text) {
            let parts = token.kind == .code ? token.folded.split(whereSeparator: { "/.-,".contains($0) }).map(String.init) : [token.folded]
            for part in parts where !part.isEmpty {
                if let respelled = respellings[part], !(part == "hong" && out.last.map(hongIsAWord.contains) == true) {
                    out += respelled.split(separator: " ").map(String.init)
                } else {
                    out.append(part)
                }
            }
        }
        return thesaurus?.apply(out) ?? out
    }

    /// After these, “hong” is hồng or hỏng (sổ hồng, bị hỏng), not chat for “không”.
    static let hongIsAWord: Set<String> = ["so", "bia", "bi", "da", "xe", "the", "may", "giay", "mau"]

    /// How people type on phones, folded: short forms, dropped letters, common abbreviations.
    static let respellings: [String: String] = [
        "k": "khong", "ko": "khong", "kh": "khong", "hok": "khong", "hong": "khong", "hem": "khong", "khg": "khong", "kg": "khong",
        "dc": "duoc", "đc": "duoc", "dk": "dang ky", "ki": "ky", "dky": "dang ky", "đk": "dang ky", "z": "vay", "v": "vay", "j": "gi",
        "ks": "khai sinh", "gks": "giay khai sinh", "kt": "khai tu", "kh0ng": "khong", "ntn": "nhu the nao",
        "bn": "bao nhieu", "bnhieu": "bao nhieu", "mik": "minh", "mk": "minh", "e": "em", "a": "a", "ak": "a",
        "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan", "cmt": "chung minh nhan dan", "ubnd": "uy ban nhan dan",
        "gpxd": "giay phep xay dung", "qsdd": "quyen su dung dat", "gcn": "giay chung nhan", "hkd": "ho kinh doanh",
        "tthc": "thu tuc hanh chinh", "hdnd": "hoi dong nhan dan", "sdd": "so do", "xnhn": "xac nhan hon nhan",
        "tamtru": "tam tru", "thuongtru": "thuong tru", "onl": "online", "onine": "online", "ol": "online",
        "trc": "truoc", "ng": "nguoi", "nc": "nuoc", "ngta": "nguoi ta", "r": "roi", "vs": "voi", "ck": "chong", "vk": "vo",
        "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi", "tp": "thanh pho", "sn": "sinh", "sdt": "so dien thoai",
    ]
}
