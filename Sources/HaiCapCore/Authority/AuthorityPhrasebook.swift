import Foundation
import LegalText

/// Every Vietnamese sentence the authority assistant says, in one place.
public enum AuthorityPhrasebook {
    public static let noRecordLabel = "chưa có bản ghi thẩm quyền — trích các điều khoản liên quan"
    public static let notFound = "Không tìm thấy quy định nào liên quan trong các văn bản đã nạp. Hãy hỏi cụ thể hơn (tên việc, lĩnh vực) hoặc tra cứu văn bản chuyên ngành."
    public static let noHolderNote = "Trợ lý không nêu chủ thể có thẩm quyền khi không có bản ghi thẩm quyền nào khớp: hãy đọc nguyên văn các điều khoản dưới đây."
    public static let emptyQuestion = "Hãy nhập câu hỏi, ví dụ: “Ai có thẩm quyền cấp giấy phép xây dựng nhà ở riêng lẻ?”"
    public static let unverifiedRecord = "Bản ghi thẩm quyền này do máy trích từ văn bản, chưa được cán bộ tỉnh xác minh: hãy đối chiếu nguyên văn căn cứ."

    public static let procedureStep = "Chủ thể này được đọc từ một bước của trình tự, thủ tục trong điều khoản (không phải bản ghi thẩm quyền đã lập): hãy đọc nguyên văn căn cứ."

    public static func holderAnswer(holder: String, power: String, citation: String, asOf: CivilDate) -> String {
        "Tính đến ngày \(asOf.vietnamese), \(holder) có thẩm quyền/trách nhiệm: \(power) (căn cứ \(citation))."
    }

    public static func change(previous: String?, holder: String) -> String {
        if let previous {
            // A district holder went with the district level; a ministry's power was decentralised or devolved.
            let why = previous.lowercased().contains("huyện") ? " (bỏ cấp huyện)" : ""
            return "Từ ngày 01/7/2025\(why), việc này chuyển từ \(previous) sang \(holder)."
        }
        return "Văn bản không nêu chủ thể trước ngày 01/7/2025; từ ngày 01/7/2025 việc này do \(holder) thực hiện."
    }

    public static func conditional(_ condition: String) -> String {
        "Thẩm quyền có điều kiện: “\(condition)”."
    }

    public static func provisionsAnswer(count: Int, asOf: CivilDate) -> String {
        "Chưa có bản ghi thẩm quyền khớp câu hỏi (tính đến ngày \(asOf.vietnamese)). Dưới đây là \(count) điều khoản liên quan nhất, trích nguyên văn. \(noHolderNote)"
    }

    public static func repealed(citation: String, by: String, from: CivilDate?, unverifiedDate: Bool) -> String {
        let when = from.map { unverifiedDate ? " (ngày hiệu lực của việc bãi bỏ chưa xác minh; muộn nhất coi là từ \($0.vietnamese))" : " từ ngày \($0.vietnamese)" } ?? ""
        return "\(citation) đã bị bãi bỏ bởi \(DocumentReference(number: by).formatted())\(when). Các văn bản đã nạp không nêu chủ thể thay thế: không thể kết luận ai có thẩm quyền."
    }

    public static func repealPending(citation: String, by: String) -> String {
        "Lưu ý: \(citation) về sau bị bãi bỏ bởi \(DocumentReference(number: by).formatted()); câu trả lời chỉ đúng cho ngày đã hỏi."
    }

    public static func amended(citation: String, by: String, note: String) -> String {
        "\(citation) đã được sửa đổi, bổ sung bởi \(DocumentReference(number: by).formatted())" + (note.isEmpty ? "." : ": \(note)")
    }

    public static func expiring(document: String, expiry: CivilDate, condition: String?) -> String {
        "\(DocumentReference(number: document).formatted()) hết hiệu lực kể từ ngày \(expiry.vietnamese)" + conditionTail(condition)
    }

    public static func expired(document: String, expiry: CivilDate, condition: String?) -> String {
        "Từ ngày \(expiry.vietnamese), \(DocumentReference(number: document).formatted()) hết hiệu lực" + conditionTail(condition)
            + " Dữ liệu hiện có không cho biết trường hợp nào xảy ra: không thể kết luận ai có thẩm quyền vào ngày đã hỏi."
    }

    static func conditionTail(_ condition: String?) -> String {
        guard let condition else { return "." }
        return ", nguyên văn: “\(condition)”"
    }

    public static func notYetInForce(_ title: String, effective: CivilDate) -> String {
        "\(title) chỉ có hiệu lực từ ngày \(effective.vietnamese): trước ngày đó chưa áp dụng."
    }

    public static func delegation(_ d: DelegationDecision) -> String {
        "Quyết định ủy quyền số \(d.number) của tỉnh: \(Holder.label(d.delegator)) ủy quyền cho \(d.delegate) — \(d.scope) (từ \(d.validFrom)\(d.validTo.map { " đến \($0)" } ?? ""))."
    }

    public static func answerNotFound(asOf: CivilDate) -> String {
        notFound + " (Tính đến ngày \(asOf.vietnamese).)"
    }
}
