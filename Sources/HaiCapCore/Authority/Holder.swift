import Foundation

/// The holders of power the competence records distinguish (vocabulary of `Tests/Data/authority/README.md`).
public enum Holder {
    /// Code → Vietnamese label.
    public static let labels: [String: String] = [
        "hdnd_tinh": "Hội đồng nhân dân cấp tỉnh",
        "ubnd_tinh": "Ủy ban nhân dân cấp tỉnh",
        "chu_tich_ubnd_tinh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
        "co_quan_chuyen_mon_tinh": "Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh",
        "so_tu_phap": "Sở Tư pháp",
        "so_xay_dung": "Sở Xây dựng",
        "so_cong_thuong": "Sở Công Thương",
        "so_nong_nghiep_moi_truong": "Sở Nông nghiệp và Môi trường",
        "ubnd_xa": "Ủy ban nhân dân cấp xã",
        "chu_tich_ubnd_xa": "Chủ tịch Ủy ban nhân dân cấp xã",
        "cong_chuc_xa": "Công chức chuyên môn cấp xã",
        "co_quan_chuyen_mon_xa": "Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp xã",
        "ubnd_cac_cap": "Ủy ban nhân dân các cấp",
        "hdnd_xa": "Hội đồng nhân dân cấp xã",
        "cong_an_xa": "Công an cấp xã",
        "ubmttq_xa": "Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã",
        "van_phong_dang_ky_dat_dai": "Văn phòng đăng ký đất đai",
        "co_quan_trung_uong": "Bộ, cơ quan trung ương",
        "co_quan_dai_dien_nuoc_ngoai": "Cơ quan đại diện của Việt Nam ở nước ngoài",
        "cong_chung_vien": "Công chứng viên",
        "co_so_nuoi_duong": "Cơ sở nuôi dưỡng",
        "co_so_y_te": "Cơ sở y tế",
        "hoi_dong_pbgdpl_tinh": "Hội đồng phối hợp phổ biến, giáo dục pháp luật cấp tỉnh",
        "khac": "Chủ thể khác",
    ]

    public static func label(_ code: String) -> String { labels[code] ?? code }

    /// Holders of local government, preferred when one provision names a central and a local holder.
    public static func isLocal(_ code: String) -> Bool {
        code != "co_quan_trung_uong" && code != "co_quan_dai_dien_nuoc_ngoai" && code != "khac"
    }

    public enum Level: Sendable { case province, commune }

    /// The level of local government a holder belongs to, nil for central, other and "các cấp" holders.
    public static func level(_ code: String) -> Level? {
        if code.hasSuffix("_xa") { return .commune }
        if code.hasSuffix("_tinh") || code.hasPrefix("so_") { return .province }
        return nil
    }

    /// Holders of the abolished district level, which are only ever previous holders.
    public static let district = "cap_huyen"
}

/// A holder named in a sentence.
public struct HolderMention: Sendable, Hashable {
    /// Holder codes the phrase names ("Chủ tịch Ủy ban nhân dân cấp tỉnh, cấp xã" names two).
    public var codes: [String]
    public var range: Range<String.Index>
    public var text: String

    public var isDistrict: Bool { codes == [Holder.district] }
}

/// Finds holder phrases in legal text, longest phrase first, without overlaps.
public enum HolderMentionFinder {
    private static let u = "(?:Ủy|Uỷ|ủy|uỷ)"
    /// Ministries by name, current and former (a former one is a previous holder: "Bộ Thương mại (nay là …)").
    private static let ministries = "(?:Xây dựng|Tư pháp|Tài chính|Công Thương|Công an|Nội vụ|Ngoại giao|Quốc phòng|Y tế|Khoa học và Công nghệ"
        + "|Nông nghiệp và Môi trường|Nông nghiệp và Phát triển nông thôn|Giáo dục và Đào tạo|Văn hóa, Thể thao và Du lịch|Dân tộc và Tôn giáo"
        + "|Thương mại|Giao thông vận tải|Kế hoạch và Đầu tư|Tài nguyên và Môi trường|Lao động - Thương binh và Xã hội|Thông tin và Truyền thông)"
    private static let ub = "\(u) ban nhân dân"
    private static let patterns: [(String, [String])] = [
        ("Chủ tịch, Phó Chủ tịch \(ub) cấp xã", ["chu_tich_ubnd_xa"]),
        ("Chủ tịch hoặc Phó Chủ tịch \(ub) cấp tỉnh, cấp xã", ["chu_tich_ubnd_tinh", "chu_tich_ubnd_xa"]),
        ("Chủ tịch \(ub) cấp tỉnh, cấp xã", ["chu_tich_ubnd_tinh", "chu_tich_ubnd_xa"]),
        ("Chủ tịch \(ub) các cấp", ["chu_tich_ubnd_tinh", "chu_tich_ubnd_xa"]),
        ("Chủ tịch \(ub) (?:cấp tỉnh|tỉnh)", ["chu_tich_ubnd_tinh"]),
        ("Chủ tịch \(ub) (?:cấp xã|xã)", ["chu_tich_ubnd_xa"]),
        ("Chủ tịch \(ub) (?:cấp huyện|huyện)", [Holder.district]),
        ("Hội đồng nhân dân cấp tỉnh", ["hdnd_tinh"]),
        ("Hội đồng nhân dân cấp xã", ["hdnd_xa"]),
        ("Hội đồng nhân dân cấp huyện", [Holder.district]),
        ("Hội đồng phối hợp phổ biến, giáo dục pháp luật cấp tỉnh", ["hoi_dong_pbgdpl_tinh"]),
        ("Hội đồng phối hợp phổ biến, giáo dục pháp luật cấp huyện", [Holder.district]),
        ("\(u) ban Mặt trận [Tt]ổ quốc Việt Nam cấp xã", ["ubmttq_xa"]),
        // "cơ quan chuyên môn có chức năng quản lý quy hoạch … thuộc Bộ Quốc phòng, Bộ Công an" (NĐ 145 Điều 9): central.
        ("[Cc]ơ quan chuyên môn[^.;:]{0,90}?(?:thuộc|trực thuộc) Bộ \(ministries)(?:, Bộ \(ministries))*", ["co_quan_trung_uong"]),
        ("[Cc]ơ quan (?:chuyên môn|quản lý nhà nước|được giao)[^.;:]{0,90}?(?:thuộc|trực thuộc) \(ub) cấp tỉnh(?: \\(sau đây gọi là [^)]*\\))?", ["co_quan_chuyen_mon_tinh"]),
        ("[Cc]ơ quan (?:chuyên môn|quản lý nhà nước|được giao)[^.;:]{0,90}?thuộc \(ub) cấp xã", ["co_quan_chuyen_mon_xa"]),
        // NĐ 118: the one-stop centres and the provincial People's Committee's office are bodies under it.
        ("Trung tâm Phục vụ hành chính công (?:cấp tỉnh|một cấp)", ["co_quan_chuyen_mon_tinh"]),
        ("Trung tâm Phục vụ hành chính công cấp xã", ["co_quan_chuyen_mon_xa"]),
        ("Văn phòng \(ub) (?:cấp tỉnh|tỉnh)", ["co_quan_chuyen_mon_tinh"]),
        ("\(ub), Sở Tư pháp cấp tỉnh", ["ubnd_tinh", "so_tu_phap"]),
        ("\(ub), Phòng Tư pháp cấp huyện", [Holder.district]),
        ("\(ub) các cấp", ["ubnd_cac_cap"]),
        ("\(ub) các tỉnh(?:, thành phố trực thuộc [Tt]rung ương)?", ["ubnd_tinh"]),
        // "Tại các thành phố trực thuộc Trung ương, …, Ủy ban nhân dân thành phố quyết định …" (NĐ 118 Điều 7).
        ("\(ub) thành phố(?: trực thuộc [Tt]rung ương)?(?= quyết định| có trách nhiệm| tổ chức| chỉ đạo)", ["ubnd_tinh"]),
        ("\(ub) (?:cấp tỉnh|tỉnh, thành phố trực thuộc trung ương|tỉnh)(?: nơi [^,.;]{3,60}?(?=,| thực hiện| có trách nhiệm| chấp thuận| quyết định| tổ chức| chủ trì|[.;]))?", ["ubnd_tinh"]),
        ("\(ub) xã, phường, đặc khu(?: \\(sau đây gọi là \(ub) cấp xã\\))?", ["ubnd_xa"]),
        ("\(ub) (?:cấp xã|xã)(?: nơi [^,.;]{3,60}?(?=,| thực hiện| có | tổ chức| chủ trì| tiếp tục|[.;]))?", ["ubnd_xa"]),
        ("\(ub) (?:cấp huyện|huyện, quận, thị xã, thành phố thuộc tỉnh|huyện)(?: nơi bị thu hồi đất)?", [Holder.district]),
        ("[Cc]hính quyền (?:địa phương )?cấp xã", ["ubnd_xa"]),
        ("[Cc]hính quyền (?:địa phương )?cấp huyện", [Holder.district]),
        ("[Cc]ông chức (?:thực hiện nhiệm vụ )?tư pháp - hộ tịch(?: cấp xã)?", ["cong_chuc_xa"]),
        ("[Cc]ông chức của Sở Tư pháp[^.;]{0,50}?hộ tịch", ["so_tu_phap"]),
        ("(?:[Cc]ơ quan )?[Cc]ông an cấp xã", ["cong_an_xa"]),
        ("(?:Giám đốc )?Sở Tư pháp", ["so_tu_phap"]),
        ("(?:Giám đốc )?Sở Xây dựng", ["so_xay_dung"]),
        ("(?:Giám đốc )?Sở Công Thương", ["so_cong_thuong"]),
        ("Sở Nông nghiệp và Môi trường", ["so_nong_nghiep_moi_truong"]),
        ("Sở Tài nguyên và Môi trường", [Holder.district]),
        ("Phòng Tư pháp", [Holder.district]),
        ("Văn phòng(?:/Chi nhánh [Vv]ăn phòng)? đăng ký đất đai cấp huyện", [Holder.district]),
        ("Văn phòng đăng ký đất đai(?:/Chi nhánh Văn phòng đăng ký đất đai)?(?: đặt tại[^.;]{0,80}?phường)?", ["van_phong_dang_ky_dat_dai"]),
        ("Người đứng đầu cơ quan trung ương", ["co_quan_trung_uong"]),
        // NĐ 118: the one-stop desk and its head act in their own name ("Chủ thể khác" of the vocabulary).
        ("[Nn]gười đứng đầu (?:Bộ phận Một cửa|Trung tâm Phục vụ hành chính công(?: các cấp| cấp tỉnh| cấp xã| một cấp)?)", ["khac"]),
        ("Bộ phận Một cửa", ["khac"]),
        // NĐ 118 Điều 6: the one-stop desk of a ministry is the ministry's.
        ("Bộ phận Tiếp nhận và Trả kết quả (?:cấp bộ|tại bộ, cơ quan ngang bộ)", ["co_quan_trung_uong"]),
        ("Thủ trưởng cơ quan thuộc Chính phủ", ["co_quan_trung_uong"]),
        // NĐ 118 Điều 11: the head of the body that sends staff to the one-stop desk.
        ("Người đứng đầu cơ quan quản lý nhân sự được cử", ["khac"]),
        // NĐ 120 Điều 13: consular officials certify abroad.
        ("[Vv]iên chức ngoại giao, viên chức lãnh sự", ["co_quan_dai_dien_nuoc_ngoai"]),
        // "… thuộc nhóm nhiệm vụ của cơ quan, đơn vị nào thì Thủ trưởng cơ quan, đơn vị đó tổ chức …" (NĐ 120 Điều 24).
        ("Thủ trưởng cơ quan, đơn vị đó", ["khac"]),
        ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ", ["co_quan_trung_uong"]),
        ("Thủ tướng Chính phủ", ["co_quan_trung_uong"]),
        ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", ["co_quan_trung_uong"]),
        ("Văn phòng Chính phủ", ["co_quan_trung_uong"]),
        // NĐ 118: "Các bộ, ngành, địa phương tổ chức …" names both levels; "Văn phòng bộ, ngành" is a ministry's office.
        ("[Cc]ác bộ, ngành, địa phương", ["co_quan_trung_uong", "ubnd_tinh"]),
        ("[Cc]ác bộ, ngành", ["co_quan_trung_uong"]),
        ("Văn phòng bộ, (?:ngành|cơ quan ngang bộ)", ["co_quan_trung_uong"]),
        ("[Cc]ơ quan trung ương được tổ chức theo hệ thống ngành dọc tại địa phương", ["co_quan_trung_uong"]),
        ("(?:Bộ trưởng )?Bộ \(ministries)", ["co_quan_trung_uong"]),
        ("Bộ trưởng bộ quản lý (?:ngành, lĩnh vực|chuyên ngành)|[Bb]ộ quản lý (?:ngành, lĩnh vực|chuyên ngành|công trình chuyên ngành)", ["co_quan_trung_uong"]),
        ("Cục (?:Đường bộ|Hàng không|Đường thủy nội địa|Hàng hải và Đường thủy|Hàng hải|Đường sắt|Đăng kiểm) Việt Nam", ["co_quan_trung_uong"]),
        ("[Cc]ác bộ, cơ quan ngang bộ", ["co_quan_trung_uong"]),
        ("Cơ quan đại diện ngoại giao, Cơ quan đại diện lãnh sự của Việt Nam ở nước ngoài", ["co_quan_dai_dien_nuoc_ngoai"]),
        ("[Cc]ơ quan đại diện (?:ngoại giao|lãnh sự)[^.;,]{0,40}?nước ngoài", ["co_quan_dai_dien_nuoc_ngoai"]),
        ("[Cc]ông chứng viên", ["cong_chung_vien"]),
        ("[Cc]ơ sở nuôi dưỡng", ["co_so_nuoi_duong"]),
        ("bệnh viện đa khoa hoặc phòng khám đa khoa hoặc Trung tâm y tế khu vực", ["co_so_y_te"]),
    ]

    /// One alternation of every pattern, each in its own group, specific phrases first: a single pass per sentence.
    private static let combined: NSRegularExpression? = try? NSRegularExpression(
        pattern: patterns.map { "(" + $0.0 + ")" }.joined(separator: "|"))

    /// Cheap test before the regular expression: every pattern contains one of these.
    private static let cues = ["ban nhân dân", "Sở ", "Bộ ", "Cục ", "ông an", "ơ quan", "ông chức", "ội đồng", "ăn phòng", "ơ sở",
                               "bệnh viện", "hính quyền", "Phòng Tư pháp", "Người đứng đầu", "ông chứng", "ác bộ", "Mặt trận", "Trung tâm", "Thủ tướng",
                               "Một cửa", "Thủ trưởng", "gười đứng đầu", "bộ quản lý", "iên chức ngoại giao", "ác bộ, ngành", "ơ quan trung ương", "Bộ phận Tiếp nhận"]

    /// Every holder phrase in `text`, in order.
    public static func mentions(in text: String) -> [HolderMention] {
        guard let combined, cues.contains(where: { text.contains($0) }) else { return [] }
        var out: [HolderMention] = []
        for match in combined.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
            guard let r = Range(match.range, in: text) else { continue }
            for (i, pattern) in patterns.enumerated() where match.range(at: i + 1).location != NSNotFound {
                out.append(HolderMention(codes: pattern.1, range: r, text: String(text[r])))
                break
            }
        }
        return out
    }
}
