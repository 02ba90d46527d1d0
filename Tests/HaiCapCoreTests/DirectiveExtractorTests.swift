import Foundation
import HaiCapCore
import Testing

/// Proposals read from directive texts, against the 102 real commune-level units of Đắk Lắk.
@Suite struct DirectiveExtractorTests {
    /// The bundled unit list (HaiCapData is not a dependency of this target, so it is read from the source tree).
    static let units: [(code: String, name: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/HaiCapData/Resources/units/vietnam-units.csv").standardized
        guard let csv = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var out: [(code: String, name: String)] = []
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count > 3, fields[0] == "66" { out.append((String(fields[2]), String(fields[3]))) }
        }
        return out
    }()

    static let extractor = DirectiveExtractor(units: units)
    static let issued = CalendarDay(year: 2026, month: 11, day: 20)!

    func read(_ text: String, issued: CalendarDay = Self.issued) -> [AssignmentProposal] {
        Self.extractor.proposals(in: text, issuedOn: issued)
    }

    func day(_ iso: String?) -> CalendarDay? { iso.flatMap { CalendarDay(iso: $0) } }

    @Test func bundledUnitsAreTheProvince() {
        #expect(Self.units.count == 102)
        #expect(Self.units.contains { $0 == ("24175", "Xã Hòa Phú") })
    }

    // MARK: - Whole directives

    static let congVan = """
        ỦY BAN NHÂN DÂN
        TỈNH ĐẮK LẮK
        Số: 1234/UBND-KT
        V/v rà soát, báo cáo tình hình giải ngân vốn đầu tư công năm 2026

        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        Đắk Lắk, ngày 20 tháng 11 năm 2026

        Kính gửi:
        - Ủy ban nhân dân các xã, phường;
        - Sở Tài chính.

        Căn cứ Nghị quyết số 12/NQ-HĐND ngày 10/7/2026 của Hội đồng nhân dân tỉnh; theo đề nghị của Sở Tài chính tại Tờ trình số 456/TTr-STC ngày 15/11/2026, Ủy ban nhân dân tỉnh có ý kiến như sau:
        1. Giao Ủy ban nhân dân các xã, phường rà soát, báo cáo tình hình giải ngân vốn đầu tư công năm 2026, gửi Sở Tài chính trước ngày 15/12/2026.
        2. Yêu cầu UBND xã Hòa Phú, UBND phường Ea Kao khẩn trương hoàn thiện hồ sơ quyết toán các công trình đã hoàn thành, chậm nhất ngày 20/12.
        3. Đề nghị Ủy ban nhân dân phường Buôn Ma Thuột phối hợp với Sở Xây dựng kiểm tra hiện trạng các tuyến đường nội thị, hoàn thành trong tháng 12/2026.
        4. Giao Sở Tài chính chủ trì, phối hợp với UBND phường Tân An tổng hợp kết quả, báo cáo UBND tỉnh trước 30/11/2026.
        Đề nghị các đơn vị khẩn trương triển khai thực hiện./.

        Nơi nhận:
        - Như trên;
        - TT Tỉnh ủy, TT HĐND tỉnh (b/c);
        - UBND các xã, phường (t/h);
        - Lưu: VT, KT.

        KT. CHỦ TỊCH
        PHÓ CHỦ TỊCH

        Nguyễn Văn An
        """

    @Test func congVanWithRecipientsAndNoiNhan() {
        let p = read(Self.congVan)
        #expect(p.count == 5)
        guard p.count == 5 else { return }
        #expect(p[0].allUnits && p[0].units.isEmpty)
        #expect(p[0].content == "Rà soát, báo cáo tình hình giải ngân vốn đầu tư công năm 2026, gửi Sở Tài chính trước ngày 15/12/2026")
        #expect(p[0].deadline == day("2026-12-15"))
        #expect(p[1].units == ["24169", "24175"])
        #expect(p[1].unitNames == ["Phường Ea Kao", "Xã Hòa Phú"])
        #expect(p[1].content.hasPrefix("Khẩn trương hoàn thiện hồ sơ quyết toán"))
        #expect(p[1].deadline == day("2026-12-20"))
        #expect(p[2].units == ["24133"] && !p[2].allUnits)
        #expect(p[2].deadline == day("2026-12-31"))
        // Tân An is who the department works with, not an addressee; the department stays in the content.
        #expect(p[3].units.isEmpty && !p[3].allUnits)
        #expect(p[3].content.hasPrefix("Sở Tài chính chủ trì"))
        #expect(p[3].deadline == day("2026-11-30"))
        // "các đơn vị" are the "Kính gửi" recipients: every commune and ward.
        #expect(p[4].allUnits && p[4].deadline == nil)
        #expect(p[4].content == "Khẩn trương triển khai thực hiện")
        #expect(!p.contains { $0.sentence.contains("Như trên") || $0.sentence.contains("Lưu") || $0.sentence.contains("Nguyễn Văn An") })
        #expect(!p.contains { $0.sentence.hasPrefix("Căn cứ") || $0.sentence.hasPrefix("Ủy ban nhân dân các xã, phường;") })
    }

    static let keHoach = """
        ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK

        KẾ HOẠCH
        Triển khai chuyển đổi số cấp xã năm 2027

        I. MỤC ĐÍCH, YÊU CẦU
        1. Mục đích
        - Nâng cao hiệu quả hoạt động của chính quyền cấp xã sau sắp xếp.
        - Bảo đảm 100% thủ tục hành chính được tiếp nhận trực tuyến.
        2. Yêu cầu
        - Bám sát chỉ đạo của Trung ương và của tỉnh.

        II. TỔ CHỨC THỰC HIỆN
        1. Sở Khoa học và Công nghệ
        - Chủ trì hướng dẫn các xã, phường triển khai nền tảng số dùng chung.
        - Tổng hợp kết quả, báo cáo UBND tỉnh trong quý IV/2027.
        2. Ủy ban nhân dân các xã, phường
        a) Rà soát hạ tầng mạng, thiết bị tại bộ phận một cửa, hoàn thành trước ngày 15 tháng 01 năm 2027.
        b) Cử công chức tham gia lớp tập huấn do Sở Khoa học và Công nghệ tổ chức.
        c) Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 10/12.
        3. UBND xã Ea Kar, UBND xã Krông Pắc
        - Thí điểm triển khai trợ lý ảo hỗ trợ người dân, hoàn thành trong quý II/2027.
        4. Công an tỉnh, UBND phường Tân Lập tăng cường bảo đảm an ninh mạng tại các điểm phục vụ công cộng.
        """

    @Test func keHoachWithNumberedSections() {
        let p = read(Self.keHoach, issued: CalendarDay(year: 2026, month: 11, day: 25)!)
        #expect(p.map(\.content) == [
            "Rà soát hạ tầng mạng, thiết bị tại bộ phận một cửa, hoàn thành trước ngày 15 tháng 01 năm 2027",
            "Cử công chức tham gia lớp tập huấn do Sở Khoa học và Công nghệ tổ chức",
            "Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ trước ngày 10/12",
            "Thí điểm triển khai trợ lý ảo hỗ trợ người dân, hoàn thành trong quý II/2027",
            "Công an tỉnh, UBND phường Tân Lập tăng cường bảo đảm an ninh mạng tại các điểm phục vụ công cộng",
        ])
        guard p.count == 5 else { return }
        #expect(p[0...2].allSatisfy { $0.allUnits && $0.units.isEmpty })
        #expect(p.map(\.deadline) == [day("2027-01-15"), nil, day("2026-12-10"), day("2027-06-30"), nil])
        #expect(p[3].units == ["24373", "24490"])
        #expect(p[4].units == ["24121"])
    }

    static let thongBaoKetLuan = """
        THÔNG BÁO
        Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với các xã khu vực phía Đông

        Ngày 18/11/2026, đồng chí Chủ tịch UBND tỉnh đã làm việc với UBND các xã Ea Kar, Ea Knốp, Ea Păl và Cư Yang. Sau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch UBND tỉnh kết luận như sau:
        1. Đánh giá chung
        Năm 2026, UBND các xã đã hoàn thành cơ bản các chỉ tiêu kinh tế - xã hội. UBND xã Ea Knốp đã hoàn thành 95% kế hoạch thu ngân sách.
        2. Nhiệm vụ thời gian tới
        a) UBND xã Ea Kar khẩn trương hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới, gửi Sở Nông nghiệp và Môi trường trước ngày 05/12/2026.
        b) Yêu cầu UBND các xã Ea Knốp, Ea Păl và Cư Yang tập trung thu ngân sách, bảo đảm hoàn thành dự toán năm 2026; báo cáo kết quả trước 17 giờ ngày 25/12/2026.
        c) Giao Sở Tài chính hướng dẫn UBND xã Cư Yang thực hiện thủ tục điều chỉnh dự toán.
        d) Chủ tịch UBND tỉnh yêu cầu Chủ tịch UBND các xã, phường (trừ phường Buôn Hồ) chỉ đạo rà soát công tác phòng, chống cháy rừng mùa khô, hoàn thành trong quý I/2027.
        Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.
        """

    @Test func thongBaoKetLuan() {
        let p = read(Self.thongBaoKetLuan)
        #expect(p.count == 5)
        guard p.count == 5 else { return }
        #expect(p[0].units == ["24373"] && p[0].deadline == day("2026-12-05"))
        #expect(p[0].content.hasPrefix("Khẩn trương hoàn thiện hồ sơ"))
        // The clause after ";" keeps the addressees of the clause before it.
        #expect(p[1].units == ["24376", "24400", "24406"] && p[1].deadline == nil)
        #expect(p[2].units == ["24376", "24400", "24406"] && p[2].deadline == day("2026-12-25"))
        #expect(p[2].content == "Báo cáo kết quả trước 17 giờ ngày 25/12/2026")
        #expect(p[3].units.isEmpty && p[3].content.hasPrefix("Sở Tài chính hướng dẫn"))
        // Every unit but Buôn Hồ.
        #expect(!p[4].allUnits && p[4].units.count == 101 && !p[4].units.contains("24305"))
        #expect(p[4].content.hasPrefix("Chỉ đạo rà soát công tác phòng, chống cháy rừng"))
        #expect(p[4].deadline == day("2027-03-31"))
        // Facts ("đã làm việc", "đã hoàn thành") are not tasks.
        #expect(!p.contains { $0.sentence.contains("đã hoàn thành 95%") || $0.sentence.hasPrefix("Ngày 18/11/2026") })
    }

    static let khongDau = """
        UBND TINH DAK LAK
        So: 88/UBND-NC
        Kinh gui: UBND cac xa, phuong

        Thuc hien chi dao cua Bo Noi vu, UBND tinh yeu cau UBND cac xa, phuong ra soat danh sach can bo, cong chuc cap xa, bao cao ve So Noi vu truoc ngay 10/12/2026.
        Giao UBND xa Hoa Phu va UBND phuong Ea Kao bo tri cong chuc phu trach cong tac chuyen doi so, hoan thanh cham nhat ngay 5/1.
        De nghi ubnd xa cu mgar, xa ea hleo chu dong phoi hop voi phuong tan an trien khai tiem vac xin, hoan thanh trong thang 1/2027.
        Yeu cau UBND phuong Buon Ma Thuot hoan thanh truoc ngay 31/02/2027.
        """

    @Test func textWithoutDiacritics() {
        let p = read(Self.khongDau)
        #expect(p.count == 4)
        guard p.count == 4 else { return }
        #expect(p[0].allUnits && p[0].deadline == day("2026-12-10"))
        #expect(p[0].content.hasPrefix("Ra soat danh sach can bo"))
        #expect(p[1].units == ["24169", "24175"] && p[1].deadline == day("2027-01-05"))
        #expect(p[2].units == ["24184", "24280"] && p[2].deadline == day("2027-01-31"))
        #expect(p[2].unitNames == ["Xã Ea H'Leo", "Xã Cư M'gar"])
        #expect(p[3].units == ["24133"] && p[3].deadline == nil)
    }

    static let chiThi = """
        CHỈ THỊ
        Về tăng cường công tác phòng, chống dịch bệnh trên đàn gia súc

        Để chủ động phòng, chống dịch bệnh, Chủ tịch UBND tỉnh chỉ thị:
        1. Các địa phương chủ động bố trí kinh phí, vật tư phòng, chống dịch; tổ chức tiêm phòng đợt 2 trước ngày 15/12.
        2. UBND các xã, phường:
        - Rà soát tổng đàn gia súc, lập danh sách hộ chăn nuôi chưa tiêm phòng;
        - Báo cáo kết quả về Sở Nông nghiệp và Môi trường trước ngày 10/12/2026.
        3. UBND các xã biên giới tăng cường kiểm soát vận chuyển gia súc qua địa bàn.
        4. Đối với các xã Ea Súp, Ia Lốp, Ia Rvê: thành lập chốt kiểm dịch tạm thời, hoàn thành trong tháng 12.
        5. Sở Nông nghiệp và Môi trường chủ trì theo dõi, đôn đốc các địa phương thực hiện Chỉ thị này.

        Nơi nhận:
        - Bộ Nông nghiệp và Môi trường (b/c);
        - UBND các xã, phường (t/h);
        - Lưu: VT, NN.
        """

    @Test func chiThiWithLocalitiesAndHeadings() {
        let p = read(Self.chiThi)
        #expect(p.count == 6)
        guard p.count == 6 else { return }
        #expect(p[0...3].allSatisfy { $0.allUnits })
        #expect(p.map(\.deadline) == [nil, day("2026-12-15"), nil, day("2026-12-10"), nil, day("2026-12-31")])
        #expect(p[2].content == "Rà soát tổng đàn gia súc, lập danh sách hộ chăn nuôi chưa tiêm phòng")
        // "các xã biên giới" is some communes: the official picks them; the description stays in the content.
        #expect(!p[4].allUnits && p[4].units.isEmpty && p[4].content.hasPrefix("UBND các xã biên giới"))
        #expect(p[5].units == ["24211", "24214", "24221"])
        #expect(p[5].content == "Thành lập chốt kiểm dịch tạm thời, hoàn thành trong tháng 12")
    }

    @Test func headingItemsTakeItsAddressees() {
        let p = read("UBND các xã, phường:\n- Rà soát hộ nghèo, hộ cận nghèo;\n- Báo cáo kết quả trước ngày 10/12/2026.")
        #expect(p.map(\.content) == ["Rà soát hộ nghèo, hộ cận nghèo", "Báo cáo kết quả trước ngày 10/12/2026"])
        #expect(p.allSatisfy { $0.allUnits })
        #expect(p.map(\.deadline) == [nil, day("2026-12-10")])
        // Items run into one line, as pasted from some viewers.
        let inline = read("UBND các xã, phường: - Rà soát hộ nghèo, hộ cận nghèo; - Báo cáo kết quả trước ngày 10/12/2026.")
        #expect(inline.map(\.content) == p.map(\.content))
        // A lead-verb heading with items is not a task itself; a deadline line after the items dates them all.
        let sau = read("""
            Giao UBND xã Hòa Phú thực hiện các nội dung sau:
            - Rà soát hộ nghèo;
            - Lập danh sách đề nghị hỗ trợ.
            Thời gian hoàn thành: trước ngày 15/12/2026.
            """)
        #expect(sau.map(\.content) == ["Rà soát hộ nghèo", "Lập danh sách đề nghị hỗ trợ"])
        #expect(sau.allSatisfy { $0.units == ["24175"] && $0.deadline == day("2026-12-15") })
        // Without items it is.
        let alone = read("Giao UBND xã Hòa Phú thực hiện các nội dung sau:")
        #expect(alone.map(\.units) == [["24175"]])
    }

    @Test func wrappedLinesAreJoined() {
        let p = read("Giao UBND xã Hòa Phú rà soát, thống kê\nsố hộ nghèo trước ngày 15/12/2026.")
        #expect(p.count == 1)
        #expect(p.first?.content == "Rà soát, thống kê số hộ nghèo trước ngày 15/12/2026")
        #expect(p.first?.deadline == day("2026-12-15"))
    }

    // MARK: - Units

    @Test(arguments: [
        ("Giao UBND xã Hòa Phú rà soát hồ sơ.", ["24175"], false),
        ("Giao UBND xã Hoà Phú rà soát hồ sơ.", ["24175"], false),
        ("Giao ubnd xa hoa phu ra soat ho so.", ["24175"], false),
        ("Yêu cầu phuong Ea Kao rà soát hồ sơ.", ["24169"], false),
        ("Đề nghị Ủy ban nhân dân phường Buôn Ma Thuột rà soát hồ sơ.", ["24133"], false),
        ("Giao UBND xã Phú Hòa 1 rà soát hồ sơ.", ["22319"], false),
        ("Giao xã Cư M'gar, xã Ea H’Leo rà soát hồ sơ.", ["24184", "24280"], false),
        ("Giao các xã Ea Súp, Ia Lốp và Ia Rvê rà soát hồ sơ.", ["24211", "24214", "24221"], false),
        ("Giao Ea Kar, Krông Pắc rà soát hồ sơ.", ["24373", "24490"], false),
        ("Giao phường Tân Lập rà soát hồ sơ.", ["24121"], false),
        ("Giao UBND các xã, phường rà soát hồ sơ.", [], true),
        ("Giao các xã, phường, đặc khu rà soát hồ sơ.", [], true),
        ("Đề nghị các địa phương rà soát hồ sơ.", [], true),
        ("Đề nghị các sở, ngành, địa phương rà soát hồ sơ.", [], true),
        ("Yêu cầu UBND cấp xã rà soát hồ sơ.", [], true),
        ("Giao 102 xã, phường rà soát hồ sơ.", [], true),
        ("Các địa phương chủ động rà soát hồ sơ.", [], true),
        // A short name that is also a common word needs its type word.
        ("Giao Tân Lập rà soát hồ sơ.", [], false),
        // Former districts, towns and provinces share names with today's units.
        ("Giao UBND huyện Ea Kar (cũ) bàn giao hồ sơ.", [], false),
        ("Giao UBND thị xã Buôn Hồ (cũ) bàn giao hồ sơ.", [], false),
        ("Giao UBND tỉnh Phú Yên (cũ) bàn giao hồ sơ.", [], false),
        // Who the task is done with or for is not the addressee.
        ("Giao Sở Tài chính chủ trì, phối hợp với UBND phường Tân An rà soát hồ sơ.", [], false),
        ("Giao UBND xã Ea Kar chủ trì, phối hợp với UBND xã Ea Knốp rà soát hồ sơ.", ["24373"], false),
        ("Đề nghị Sở Y tế hướng dẫn UBND các xã, phường rà soát hồ sơ.", [], false),
        ("Đề nghị UBND các xã biên giới rà soát hồ sơ.", [], false),
        ("Đề nghị Quý cơ quan rà soát hồ sơ.", [], false),
        ("Giao UBND các xã, phường trên địa bàn tỉnh rà soát hồ sơ.", [], true),
        ("Giao cho UBND xã Hòa Phú rà soát hồ sơ.", ["24175"], false),
        ("Trong thời hạn 10 ngày kể từ ngày nhận được văn bản này, UBND xã Ea Kar báo cáo kết quả.", ["24373"], false),
    ] as [(String, [String], Bool)])
    func units(sentence: String, codes: [String], all: Bool) {
        let p = read(sentence)
        #expect(p.count == 1)
        #expect(p.first?.units == codes)
        #expect(p.first?.allUnits == all)
        #expect(p.first?.unitNames.count == codes.count)
    }

    @Test func typedCollectivesAndExclusions() {
        let phuong = read("Đề nghị UBND các phường rà soát hồ sơ.").first
        #expect(phuong?.units.count == 14)
        #expect(phuong?.unitNames.allSatisfy { $0.hasPrefix("Phường ") } == true)
        let tru = read("Giao UBND các xã, phường (trừ xã Hòa Phú) rà soát hồ sơ.").first
        #expect(tru?.allUnits == false && tru?.units.count == 101 && tru?.units.contains("24175") == false)
        #expect(tru?.content == "Rà soát hồ sơ")
    }

    @Test func sharedShortNameNeedsTheTypeWord() {
        let extractor = DirectiveExtractor(units: [("1", "Xã Tân An"), ("2", "Phường Tân An"), ("3", "Xã Hòa Bình")])
        let issued = Self.issued
        #expect(extractor.proposals(in: "Giao UBND Tân An rà soát hồ sơ.", issuedOn: issued).first?.units == [])
        #expect(extractor.proposals(in: "Giao UBND phường Tân An rà soát hồ sơ.", issuedOn: issued).first?.units == ["2"])
        #expect(extractor.proposals(in: "Giao xa Tan An rà soát hồ sơ.", issuedOn: issued).first?.units == ["1"])
        #expect(extractor.proposals(in: "Giao Hòa Bình rà soát hồ sơ.", issuedOn: issued).first?.units == ["3"])
        #expect(extractor.proposals(in: "Giao các phường: Tân An rà soát hồ sơ.", issuedOn: issued).first?.units == ["2"])
    }

    @Test func recipientsStandForCacDonVi() {
        let p = read("Kính gửi: UBND xã Ea Kar; UBND xã Ea Knốp.\n\nCác đơn vị khẩn trương triển khai.\nĐề nghị Quý Ủy ban quan tâm phối hợp.\nGiao UBND xã Hòa Phú và các đơn vị liên quan xử lý.")
        #expect(p.map(\.units) == [["24373", "24376"], ["24373", "24376"], ["24175"]])
        #expect(p.map(\.content) == ["Khẩn trương triển khai", "Quan tâm phối hợp", "UBND xã Hòa Phú và các đơn vị liên quan xử lý"])
    }

    @Test func contentKeepsOtherAddressees() {
        let mixed = read("Chủ tịch UBND tỉnh giao Sở Y tế và UBND phường Tân An kiểm tra, hoàn thành trước 16h00 ngày 5/12/2026.")
        #expect(mixed.first?.content == "Sở Y tế và UBND phường Tân An kiểm tra, hoàn thành trước 16h00 ngày 5/12/2026")
        #expect(mixed.first?.units == ["24163"])
        #expect(mixed.first?.deadline == day("2026-12-05"))
        let second = read("Giao UBND xã Ea Kar chủ trì xây dựng phương án; UBND xã Cư Yang hoàn thành trước ngày 30/12/2026.")
        #expect(second.map(\.units) == [["24373"], ["24406"]])
        #expect(second.map(\.content) == ["Chủ trì xây dựng phương án", "Hoàn thành trước ngày 30/12/2026"])
        // A clause that only names who does the next one is no task of its own.
        let list = read("Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường triển khai thực hiện nghiêm túc Chỉ thị này.")
        #expect(list.map(\.content) == ["Triển khai thực hiện nghiêm túc Chỉ thị này"])
        #expect(list.first?.allUnits == true)
    }

    // MARK: - Deadlines

    @Test(arguments: [
        ("trước ngày 15/12/2026", "2026-12-15"),
        ("chậm nhất ngày 20/12", "2026-12-20"),
        ("chậm nhất là ngày 25/11", "2026-11-25"),
        // A day without a year that would fall before the directive is next year's.
        ("chậm nhất ngày 10/01", "2027-01-10"),
        ("trước ngày 15/11", "2027-11-15"),
        ("hoàn thành trong tháng 12/2026", "2026-12-31"),
        ("hoàn thành trong tháng 11", "2026-11-30"),
        ("hoàn thành trong tháng 2", "2027-02-28"),
        ("trước 30/11/2026", "2026-11-30"),
        ("trong quý IV/2026", "2026-12-31"),
        ("trong quý I năm 2027", "2027-03-31"),
        ("trong quý IV", "2026-12-31"),
        ("trước ngày 15 tháng 12 năm 2026", "2026-12-15"),
        ("trước ngày 15 tháng 12", "2026-12-15"),
        ("trước 17 giờ ngày 05/12/2026", "2026-12-05"),
        ("trước 16h00 ngày 5/12", "2026-12-05"),
        ("trước ngày 15.12.2026", "2026-12-15"),
        ("trong năm 2027", "2027-12-31"),
        ("trước tháng 12/2026", "2026-11-30"),
        ("từ ngày 01/12/2026 đến ngày 20/12/2026", "2026-12-20"),
        ("trước ngày 29/02/2028", "2028-02-29"),
        ("báo cáo sơ bộ trước ngày 10/12, báo cáo chính thức trước ngày 20/12", "2026-12-20"),
        ("trong thời hạn 10 ngày kể từ ngày ban hành văn bản", "2026-11-30"),
        ("trong vòng 15 ngày kể từ ngày 01/12/2026", "2026-12-16"),
        ("trong 05 ngày làm việc", "2026-11-27"),
        ("trước ngày 31/02/2027", nil),
        ("trước ngày 29/02/2027", nil),
        ("trước ngày 31/4", nil),
        ("trước ngày 32/12/2026", nil),
        ("trước ngày 20 hằng tháng", nil),
        ("theo số liệu tính đến ngày 30/11/2026", nil),
        ("trong thời gian sớm nhất", nil),
        ("", nil),
    ] as [(String, String?)])
    func deadline(phrase: String, expected: String?) {
        let p = read("Giao UBND xã Ea Kar hoàn thành việc rà soát hồ sơ \(phrase).")
        #expect(p.count == 1)
        #expect(p.first?.deadline == day(expected))
    }

    // MARK: - Not tasks

    @Test(arguments: [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
        "Nơi nhận:\n- Như trên;\n- UBND các xã, phường (t/h);\n- Lưu: VT.",
        "Kính gửi: Ủy ban nhân dân các xã, phường.",
        "Kính gửi:\n- UBND xã Hòa Phú;\n- UBND phường Ea Kao.",
        "Theo đề nghị của UBND xã Hòa Phú tại Tờ trình số 10/TTr-UBND ngày 01/11/2026.",
        "UBND xã Ea Knốp đã hoàn thành 95% kế hoạch thu ngân sách.",
        "Năm 2026, UBND các xã cơ bản đã hoàn thành các chỉ tiêu.",
        "Sở Y tế hướng dẫn UBND các xã, phường thực hiện.",
        "Trong năm 2026, tình hình kinh tế - xã hội tiếp tục phát triển.",
        "Nhằm đáp ứng yêu cầu của công tác chuyển đổi số, bảo đảm tiến độ.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An",
        "Số: 1234/UBND-KT\nV/v giao nhiệm vụ cho UBND các xã, phường",
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao hiệu quả hoạt động của chính quyền cấp xã.",
        "Đắk Lắk, ngày 20 tháng 11 năm 2026",
    ])
    func notATask(text: String) {
        #expect(read(text).isEmpty)
    }

    // MARK: - Bad input

    @Test func emptyAndBlankText() {
        #expect(read("").isEmpty)
        #expect(read(" \n\n\t \r\n ").isEmpty)
        #expect(read("\u{0}\u{1}\u{FEFF}").isEmpty)
        #expect(read("- \n1.\na)\n;;;...:::").isEmpty)
    }

    @Test func megabyteOfTextFinishesQuickly() {
        let documents = [Self.congVan, Self.keHoach, Self.thongBaoKetLuan, Self.khongDau, Self.chiThi]
        var text = ""
        var i = 0
        while text.utf8.count < 1_000_000 {
            text += documents[i % documents.count] + "\n"
            i += 1
        }
        let start = Date()
        let p = read(text)
        // Debug builds take about 2 s per megabyte; a quadratic scan would take minutes.
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(p.count > 1_000)

        // One line without breaks, runs of punctuation and spaces, endless lists of names.
        let junk = String(repeating: "xã ", count: 60_000) + String(repeating: "các xã, phường, ", count: 10_000)
            + String(repeating: "Ea ", count: 30_000) + String(repeating: ".", count: 50_000) + String(repeating: " ", count: 50_000)
            + String(repeating: ";", count: 50_000) + String(repeating: "Giao UBND xã Hòa Phú, ", count: 10_000) + "rà soát."
        let junkStart = Date()
        _ = read(junk)
        #expect(Date().timeIntervalSince(junkStart) < 20)
    }

    @Test func proposalsAreCodable() throws {
        let p = read("Giao UBND xã Hòa Phú rà soát hồ sơ trước ngày 15/12/2026.")
        let data = try JSONEncoder().encode(p)
        #expect(String(decoding: data, as: UTF8.self).contains("\"deadline\":\"2026-12-15\""))
        #expect(try JSONDecoder().decode([AssignmentProposal].self, from: data) == p)
    }
}
