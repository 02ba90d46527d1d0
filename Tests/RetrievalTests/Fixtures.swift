import Retrieval

/// A small corpus whose rankings are known by construction.
enum Fixture {
    static let schema = IndexSchema(fields: [FieldSpec("title", weight: 2.5, lengthNormalization: 0.5), FieldSpec("body")])

    static let documents: [SearchDocument] = [
        doc("ho-kinh-doanh", "Đăng ký hộ kinh doanh",
            "Hộ kinh doanh đăng ký tại Ủy ban nhân dân cấp xã nơi đặt địa điểm kinh doanh.", level: "commune"),
        doc("doanh-nghiep", "Thành lập doanh nghiệp",
            "Doanh nghiệp đăng ký tại cơ quan đăng ký kinh doanh cấp tỉnh; hộ kinh doanh chuyển đổi thành doanh nghiệp.",
            level: "province"),
        doc("dang-uy", "Đảng ủy xã", "Đảng ủy lãnh đạo các tổ chức trong hệ thống chính trị ở xã.", level: "commune"),
        doc("tam-tru", "Đăng ký tạm trú", "Công dân đăng ký tạm trú với cơ quan đăng ký cư trú.", level: "commune"),
        doc("hoa-giai", "Hoà giải ở cơ sở", "Tổ hoà giải giúp các bên thương lượng, hoà giải với nhau.", level: "commune"),
        doc("suc-khoe", "Khám sức khoẻ", "Người lao động được khám sức khoẻ định kỳ.", level: "province"),
        doc("nghi-dinh-120", "Phân cấp thẩm quyền",
            "Theo Nghị định 120/2025/NĐ-CP, thẩm quyền được giao cho cấp xã từ ngày 01/7/2025.", level: "province"),
        doc("le-phi", "Lệ phí", "Lệ phí cấp giấy phép xây dựng là 1.000.000 đồng.", level: "province"),
    ]

    static func doc(_ id: String, _ title: String, _ body: String, level: String) -> SearchDocument {
        SearchDocument(id: id, fields: ["title": title, "body": body], metadata: ["level": level])
    }

    static func snapshot() -> IndexSnapshot {
        var builder = IndexBuilder(schema: schema)
        builder.add(contentsOf: documents)
        return builder.snapshot()
    }
}
