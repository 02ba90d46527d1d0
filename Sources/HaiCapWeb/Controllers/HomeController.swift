import Foundation
import HaiCapCore
import Hummingbird

/// The home page, the four platforms' pages, and the stylesheet.
struct HomeController {
    let views: Views
    let provinceCode: String
    let provinceUnitCount: Int

    struct Platform {
        var href: String
        var name: String
        var summary: String
        var status: String
        var statusClass: String
        var plans: [String]
    }

    static let platforms: [Platform] = [
        Platform(
            href: "/tham-quyen", name: "Trợ lý thẩm quyền",
            summary: "Hỏi “ai có thẩm quyền …?” và nhận chủ thể có thẩm quyền sau 01/7/2025, điểm thay đổi và căn cứ pháp lý kèm nguyên văn, thời hạn hiệu lực.",
            status: "Đang hoạt động: hỏi đáp thẩm quyền, văn bản và bản ghi thẩm quyền", statusClass: "ready",
            plans: ["Tra cứu thẩm quyền sau khi bỏ cấp huyện (phân cấp, phân quyền, phân định thẩm quyền).", "Trích dẫn chính xác điều, khoản, điểm của nghị định kèm ngày hiệu lực.", "Cảnh báo quy định đã sửa đổi, bãi bỏ hoặc sắp hết hiệu lực."]),
        Platform(
            href: "/thu-tuc", name: "Trợ lý thủ tục hành chính",
            summary: "Người dân, doanh nghiệp hỏi bằng điện thoại, có dấu hay không dấu: thủ tục nào, giấy tờ gì, lệ phí, thời hạn, nộp ở đâu.",
            status: "Đang hoạt động: hỏi đáp thủ tục, danh mục, danh sách giấy tờ in được", statusClass: "ready",
            plans: ["Danh mục thủ tục theo cơ sở dữ liệu quốc gia, có nguồn và ngày cập nhật.", "Trả lời từ dữ liệu đã xác minh, không đoán lệ phí hay thời hạn.", "Danh sách giấy tờ in được để mang theo."]),
        Platform(
            href: "/bao-cao", name: "Báo cáo hai cấp",
            summary: "Tỉnh ban hành mẫu và kỳ báo cáo, xã gửi báo cáo, tỉnh duyệt, theo dõi đủ và đúng hạn, tổng hợp và xuất số liệu.",
            status: "Đang hoạt động: biểu mẫu, chế độ và kỳ báo cáo, lịch làm việc", statusClass: "ready",
            plans: ["Mẫu báo cáo có chỉ tiêu, công thức và quy tắc kiểm tra.", "Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP, hạn nộp tính theo ngày làm việc.", "Tổng hợp, biểu đồ, xuất CSV/XLSX và dự thảo nhận xét từ số liệu."]),
        Platform(
            href: "/dieu-hanh", name: "Giám sát, điều hành",
            summary: "Tỉnh giao nhiệm vụ cho xã có hạn, xã xác nhận và báo cáo tiến độ; hệ thống nhắc việc, cảnh báo quá hạn và xếp hạng đúng hạn.",
            status: "Đang hoạt động: văn bản chỉ đạo, giao nhiệm vụ, tiến độ, bảng theo dõi đúng hạn", statusClass: "ready",
            plans: ["Văn bản chỉ đạo và nhiệm vụ: rõ người, rõ việc, rõ tiến độ.", "Cảnh báo sắp đến hạn, quá hạn; bảng xếp hạng tỷ lệ đúng hạn.", "Thông báo trong ứng dụng, e-mail, webhook và Zalo OA."]),
    ]

    struct HomeContent {
        var platforms: [Platform]
        var provinceCode: String
        var unitCount: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, context in
            try views.page(
                "home", title: "Trang chủ",
                HomeContent(platforms: Self.platforms, provinceCode: provinceCode, unitCount: VietnameseNumber.integer(provinceUnitCount)),
                context: context, path: "/")
        }
        // "/tham-quyen" is served by AuthorityController.
        // "/thu-tuc" is served by ProceduresController.
        // "/bao-cao" is served by ReportingPages.
        // "/dieu-hanh" is served by DirectivePages.
        for platform in Self.platforms where platform.href != "/tham-quyen" && platform.href != "/thu-tuc" && platform.href != "/bao-cao" && platform.href != "/dieu-hanh" {
            router.get(RouterPath(platform.href)) { _, context in
                try views.page("platform", title: platform.name, platform, context: context, path: platform.href)
            }
        }
        router.get("/static/app.css") { _, _ in views.stylesheetResponse() }
    }
}
