import Foundation

/// Every sentence the procedure assistant says, in one place, so wording is reviewed together.
public enum Phrasebook {
    static let outOfScope = "Xin lỗi, tôi chỉ hướng dẫn thủ tục hành chính (giấy tờ cần nộp, lệ phí, thời hạn, nơi nộp, cách nộp trực tuyến). Tôi không tư vấn pháp lý, không giải quyết tranh chấp, khiếu nại và không trả lời chủ đề khác. Với tranh chấp, khiếu nại, bạn có thể liên hệ Bộ phận Một cửa hoặc UBND xã, phường nơi cư trú."
    static let greeting = "Chào bạn! Tôi hướng dẫn thủ tục hành chính: hãy hỏi, ví dụ “làm giấy khai sinh cho con cần gì?”."
    static let empty = "Bạn hãy nhập câu hỏi về một thủ tục hành chính, ví dụ “đăng ký tạm trú cần giấy tờ gì?”."

    static func notFound(suggestions: [String]) -> String {
        var text = "Tôi chưa tìm thấy thủ tục nào trong danh mục khớp với câu hỏi của bạn, nên không thể trả lời chắc chắn."
        if !suggestions.isEmpty {
            text += " Có thể bạn muốn hỏi một trong các thủ tục gần nhất:\n" + numbered(suggestions)
            text += "\nHãy trả lời bằng số thứ tự, hoặc hỏi lại cụ thể hơn."
        } else {
            text += " Hãy hỏi lại với tên thủ tục, hoặc liên hệ Bộ phận Một cửa nơi bạn cư trú."
        }
        return text
    }

    static func clarify(_ names: [String]) -> String {
        "Câu hỏi của bạn có thể thuộc nhiều thủ tục. Bạn muốn hỏi thủ tục nào?\n" + numbered(names) + "\nHãy trả lời bằng số thứ tự (ví dụ “1”)."
    }

    static func numbered(_ items: [String]) -> String {
        items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    static func heading(_ name: String, code: String) -> String { "Thủ tục “\(name)” (mã \(code))." }
    static let unverified = "Lưu ý: thông tin này chưa xác minh — cán bộ chưa đối chiếu bản ghi với văn bản gốc; hãy hỏi lại Bộ phận Một cửa trước khi nộp."
    static func expired(_ date: String) -> String { "Lưu ý: bản ghi này chỉ có hiệu lực đến \(date); quy định có thể đã thay đổi." }

    // Documents
    static func documentsIntro(caseName: String?) -> String {
        caseName.map { "Giấy tờ cần nộp (trường hợp: \($0)):" } ?? "Giấy tờ cần nộp:"
    }
    static func copies(originals: Int?, copies: Int?) -> String? {
        var parts: [String] = []
        if let originals, originals > 0 { parts.append("\(originals) bản chính") }
        if let copies, copies > 0 { parts.append("\(copies) bản sao") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
    static func form(_ form: String) -> String { "mẫu: \(form)" }
    static func otherCases(_ names: [String]) -> String {
        "Thủ tục này có các trường hợp khác, mỗi trường hợp một bộ giấy tờ riêng:\n" + numbered(names) + "\nHãy nói rõ trường hợp của bạn để tôi liệt kê đúng giấy tờ."
    }
    static let documentsUnknown = "Danh mục chưa có thành phần hồ sơ của thủ tục này; hãy hỏi Bộ phận Một cửa trước khi nộp."
    static func checklist(_ path: String) -> String { "Danh sách giấy tờ in được: \(path)" }

    // Fee
    static func fee(_ channel: String, _ text: String) -> String { "- \(channel): \(text)" }
    static func feeAmount(_ amount: Int) -> String { amount == 0 ? "không thu phí, lệ phí (0 đồng)" : "\(vnd(amount)) đồng" }
    static let feeByProvince = "Mức lệ phí do Hội đồng nhân dân tỉnh quyết định (theo Nghị quyết của HĐND tỉnh); danh mục chưa ghi số tiền cụ thể, nên tôi không nêu con số. Hãy hỏi Bộ phận Một cửa để biết mức thu hiện hành."
    static let feeUnknown = "Danh mục chưa có mức phí, lệ phí của thủ tục này, nên tôi không nêu con số. Hãy hỏi Bộ phận Một cửa để biết mức thu hiện hành."
    static let feeIntro = "Phí, lệ phí:"

    // Time limit
    static let timeIntro = "Thời hạn giải quyết:"
    static let timeUnknown = "Danh mục chưa ghi thời hạn giải quyết của thủ tục này."

    // Place
    static func agency(_ agency: String) -> String { "Cơ quan thực hiện: \(agency)." }
    static func desk(unit: String, address: String, hours: String, phone: String) -> String {
        var text = "Nộp hồ sơ tại Bộ phận Một cửa của \(unit): \(address)."
        if !hours.isEmpty { text += " Giờ làm việc: \(hours)." }
        if !phone.isEmpty { text += " Điện thoại: \(phone)." }
        return text
    }
    static func deskMissing(unit: String) -> String { "Địa chỉ Bộ phận Một cửa của \(unit) chưa được cán bộ cập nhật." }
    static let askUnit = "Bạn ở xã, phường nào? Hãy cho tôi biết (ví dụ “tôi ở phường Tân An”) để tôi chỉ Bộ phận Một cửa nơi nộp."
    static let placeUnknown = "Danh mục chưa ghi cơ quan tiếp nhận hồ sơ của thủ tục này."

    // Online
    static func channels(_ labels: [String]) -> String { "Cách nộp: \(labels.joined(separator: ", "))." }
    static func onlineYes(level: String?) -> String {
        level.map { "Có thể nộp trực tuyến (dịch vụ công trực tuyến \($0))." } ?? "Có thể nộp trực tuyến."
    }
    static let onlineNo = "Danh mục không ghi cách nộp trực tuyến cho thủ tục này: hãy nộp trực tiếp hoặc qua bưu chính theo các cách được ghi."
    static let channelsUnknown = "Danh mục chưa ghi cách thức nộp hồ sơ của thủ tục này."
    static func portal(_ url: String) -> String { "Xem trên Cổng Dịch vụ công quốc gia: \(url)" }

    // Steps, conditions, result, legal basis
    static let stepsIntro = "Trình tự thực hiện:"
    static let stepsUnknown = "Danh mục chưa ghi trình tự thực hiện của thủ tục này."
    static let conditionsIntro = "Yêu cầu, điều kiện:"
    static let conditionsNone = "Danh mục không ghi yêu cầu, điều kiện riêng cho thủ tục này."
    static let resultIntro = "Kết quả:"
    static let resultUnknown = "Danh mục chưa ghi kết quả của thủ tục này."
    static let legalIntro = "Căn cứ pháp lý:"
    static let legalUnknown = "Danh mục chưa ghi căn cứ pháp lý của thủ tục này."
    static func subjects(_ s: String) -> String { "Đối tượng thực hiện: \(s)." }
    static func level(_ s: String) -> String { s.isEmpty ? "Cấp thực hiện: danh mục chưa ghi." : "Cấp thực hiện: \(s)." }
    static func documentCount(_ n: Int) -> String { "Hồ sơ gồm \(n) loại giấy tờ (hỏi “cần giấy tờ gì” để xem chi tiết)." }
    static func source(_ s: String) -> String { "Nguồn: \(s)." }
    static func factSource(_ s: String) -> String { "(theo \(s))" }

    /// 1.500.000
    static func vnd(_ amount: Int) -> String {
        let digits = String(amount)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }
}
