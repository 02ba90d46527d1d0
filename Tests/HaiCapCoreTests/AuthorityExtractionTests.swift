@testable import HaiCapCore
import LegalText
import Testing

/// The extractor on one sentence of each assignment form the delineation decrees use.
@Suite struct AuthorityExtractionTests {
    /// Holders proposed for a one-article decree whose article is `sentence`.
    func holders(_ sentence: String, title: String = "Nhiệm vụ, thẩm quyền về thử nghiệm") throws -> [CompetenceRecord] {
        let text = "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về thử nghiệm.\nĐiều 4. \(title)\n1. \(sentence)\n"
        let document = try LegalDocumentParser().parse(text)
        return AssignmentExtractor().extract(document, number: "999/2025/NĐ-CP")
    }

    @Test(arguments: [
        ("Thẩm quyền cấp giấy phép xây dựng quy định tại khoản 2, khoản 3 Điều 103 Luật Xây dựng năm 2014 do Ủy ban nhân dân cấp xã thực hiện.", ["ubnd_xa"]),
        ("Trách nhiệm quyết định nguồn vốn cho vay ưu đãi quy định tại khoản 3 Điều 9 Nghị định số 100/2024/NĐ-CP do Hội đồng nhân dân cấp xã thực hiện.", ["hdnd_xa"]),
        ("Nhiệm vụ quản lý nhà nước về xây dựng của Ủy ban nhân dân huyện, quận, thị xã, thành phố thuộc tỉnh quy định tại Điều 5 Nghị định số 175/2024/NĐ-CP do Ủy ban nhân dân cấp xã thực hiện.", ["ubnd_xa"]),
        ("Việc quản lý trật tự xây dựng trên địa bàn do Ủy ban nhân dân cấp xã thực hiện khi được Ủy ban nhân dân cấp tỉnh phân cấp.", ["ubnd_xa"]),
        ("Trách nhiệm tổ chức cưỡng chế di dời do Ủy ban nhân dân cấp tỉnh thực hiện hoặc Ủy ban nhân dân cấp xã nơi có nhà chung cư thực hiện trong trường hợp được Ủy ban nhân dân cấp tỉnh giao.", ["ubnd_tinh", "ubnd_xa"]),
        ("Việc giải tỏa hành lang an toàn do Cục Đường bộ Việt Nam, Sở Xây dựng, Ủy ban nhân dân cấp xã thực hiện theo phạm vi quản lý.", ["co_quan_trung_uong", "so_xay_dung", "ubnd_xa"]),
        ("Ủy ban nhân dân cấp xã thực hiện thẩm quyền đăng ký hộ tịch quy định tại khoản 2 Điều 7 Luật Hộ tịch năm 2014.", ["ubnd_xa"]),
        ("Sở Xây dựng chủ trì, phối hợp với các cơ quan liên quan tổ chức kiểm tra.", ["so_xay_dung"]),
        ("Ủy ban nhân dân cấp xã thực hiện chức năng là cơ quan quản lý đường bộ thuộc Ủy ban nhân dân cấp huyện quy định tại Điều 8 Nghị định số 165/2024/NĐ-CP.", ["ubnd_xa"]),
        ("Ủy ban nhân dân cấp xã có trách nhiệm tiếp nhận báo cáo sự cố của chủ đầu tư.", ["ubnd_xa"]),
        ("Việc xác nhận công dân thường trú ở khu vực biên giới thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp xã.", ["chu_tich_ubnd_xa"]),
        ("Việc bảo đảm an ninh trật tự cho buổi xin lỗi công khai thuộc trách nhiệm của Công an cấp xã.", ["cong_an_xa"]),
        ("Sở Tư pháp là cơ quan giải quyết bồi thường trong trường hợp này.", ["so_tu_phap"]),
        ("Cơ quan đăng ký hộ tịch bao gồm Ủy ban nhân dân cấp xã, Cơ quan đại diện ngoại giao, Cơ quan đại diện lãnh sự của Việt Nam ở nước ngoài.", ["ubnd_xa", "co_quan_dai_dien_nuoc_ngoai"]),
        ("Căn cứ điều kiện thực tế của địa phương, Ủy ban nhân dân cấp tỉnh có thể phân cấp cho Ủy ban nhân dân cấp xã chủ trì giải quyết sự cố.", ["ubnd_tinh"]),
        ("Trình tự, thủ tục chấp thuận thực hiện theo quy định của Ủy ban nhân dân cấp tỉnh.", ["ubnd_tinh"]),
        ("Việc Ủy ban nhân dân cấp tỉnh hướng dẫn công tác phối hợp được thực hiện đối với Ủy ban nhân dân cấp xã.", ["ubnd_tinh"]),
        ("Chủ tịch Ủy ban nhân dân cấp tỉnh giao Thủ trưởng các sở, ban, ngành của tỉnh; Chủ tịch Ủy ban nhân dân cấp xã chịu trách nhiệm thi hành quyết định.", ["chu_tich_ubnd_tinh"]),
        ("Trường hợp hồ sơ mà Ủy ban nhân dân cấp huyện đã tiếp nhận nhưng chưa giải quyết xong thì chuyển giao cho Ủy ban nhân dân cấp xã nơi cư trú của người có yêu cầu tiếp tục giải quyết.", ["ubnd_xa"]),
        ("Người dịch là cộng tác viên phải đăng ký chữ ký mẫu tại Ủy ban nhân dân cấp xã.", ["ubnd_xa"]),
        // After "… thì", the actor may approve; a passive subject is acted on unless it is given a power.
        ("Quy hoạch đang được Ủy ban nhân dân cấp xã tổ chức lập, thuộc thẩm quyền phê duyệt của Ủy ban nhân dân cấp huyện thì Ủy ban nhân dân cấp tỉnh phê duyệt quy hoạch.", ["ubnd_tinh"]),
        ("Bộ phận Một cửa được bố trí ở vị trí thuận tiện, dễ tìm.", []),
        ("Người đứng đầu Trung tâm Phục vụ hành chính công các cấp được phân cấp, ủy quyền ký hợp đồng có thời hạn với doanh nghiệp.", ["khac"]),
        ("Đối với vụ việc mà Ủy ban nhân dân cấp huyện đã giải quyết bồi thường xong thì Thủ trưởng cơ quan, đơn vị đó tổ chức xem xét trách nhiệm hoàn trả.", ["khac"]),
        ("Tại các thành phố trực thuộc Trung ương, Ủy ban nhân dân thành phố quyết định thành lập Trung tâm Phục vụ hành chính công một cấp.", ["ubnd_tinh"]),
        // Eighth session: ministries by name, a ministry's own specialised body, the Government before the listed setters.
        ("Thẩm quyền của Thủ tướng Chính phủ quy định tại điểm đ khoản 1 Điều 41 Luật Quy hoạch đô thị và nông thôn về phê duyệt quy hoạch chi tiết của dự án quốc phòng, an ninh do Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an thực hiện.", ["co_quan_trung_uong"]),
        ("Trách nhiệm của Bộ Xây dựng về thẩm định quy hoạch chi tiết của dự án quốc phòng, an ninh do cơ quan chuyên môn có chức năng quản lý quy hoạch đô thị và nông thôn thuộc Bộ Quốc phòng, Bộ Công an thực hiện.", ["co_quan_trung_uong"]),
        ("Mức phí, lệ phí thực hiện theo quy định của Chính phủ, Bộ trưởng Bộ Tài chính hoặc Hội đồng nhân dân cấp tỉnh đối với phí, lệ phí tương ứng.", ["co_quan_trung_uong", "hdnd_tinh"]),
        ("Người đứng đầu cơ quan quản lý nhân sự được cử quyết định thời hạn thực hiện nhiệm vụ của công chức được cử đến Bộ phận Một cửa.", ["khac"]),
        // A law's words read anew: the new words' holder, not the level both name.
        ("“Ủy ban nhân dân cấp huyện” quy định tại khoản 7 Điều 59 là “Ủy ban nhân dân cấp xã”.", ["ubnd_xa"]),
        ("“Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân cấp tỉnh, cấp huyện” quy định tại điểm b khoản 1 Điều 39 là “Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân cấp tỉnh, cấp xã”.", ["chu_tich_ubnd_xa"]),
        // Taking a power away gives none.
        ("Cục Hàng hải và Đường thủy Việt Nam không thực hiện việc cấp Giấy chứng nhận đủ điều kiện kinh doanh khai thác cảng biển.", []),
        // Twelfth session (NĐ 118): the last item of a list left to a central holder; central bodies by the names NĐ 118 uses.
        ("Các yêu cầu khác theo quyết định của Thủ tướng Chính phủ.", ["co_quan_trung_uong"]),
        ("Các hợp phần khác theo yêu cầu của Chính phủ, Thủ tướng Chính phủ.", ["co_quan_trung_uong"]),
        ("Hồ sơ được xử lý theo yêu cầu của Ủy ban nhân dân cấp tỉnh.", []),
        ("Các bộ, ngành, địa phương tổ chức việc chuyển đổi hồ sơ thủ tục hành chính giấy thành hồ sơ điện tử.", ["co_quan_trung_uong", "ubnd_tinh"]),
        ("Văn phòng bộ, ngành, Ủy ban nhân dân cấp tỉnh có trách nhiệm tổng hợp kết quả đánh giá.", ["co_quan_trung_uong", "ubnd_tinh"]),
        ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ quy định về thông tin dữ liệu được kết nối, chia sẻ.", ["co_quan_trung_uong"]),
        ("Cơ quan trung ương được tổ chức theo hệ thống ngành dọc tại địa phương bố trí công chức làm việc tại Trung tâm Phục vụ hành chính công cấp xã.", ["co_quan_trung_uong"]),
    ] as [(String, [String])])
    func eachForm(sentence: String, expected: [String]) throws {
        #expect(try holders(sentence).map(\.holder) == expected)
    }

    @Test("a sentence with no actor of its own carries on the task of the sentence before it")
    func continuationSentence() throws {
        let records = try holders("Sở Công Thương tổng hợp tình hình sử dụng hóa chất trên địa bàn. Báo cáo Bộ Công Thương kết quả thực hiện trước ngày 10 tháng 12 hằng năm.")
        #expect(records.map(\.holder) == ["so_cong_thuong"])
        #expect(records.first?.quote.contains("Báo cáo Bộ Công Thương kết quả thực hiện") == true)
        // A case or a time limit is not a continuation: it does not join the quote.
        let cased = try holders("Sở Công Thương tổng hợp tình hình sử dụng hóa chất. Trường hợp có sự cố thì báo cáo ngay.")
        #expect(cased.first?.quote.contains("Trường hợp có sự cố") == false)
    }

    @Test func previousHolderAndMode() throws {
        let records = try holders("Trách nhiệm xác nhận đối tượng của Ủy ban nhân dân cấp huyện quy định tại khoản 1 Điều 37 Nghị định số 100/2024/NĐ-CP do Ủy ban nhân dân cấp xã thực hiện.")
        #expect(records.first?.previousHolder == "Ủy ban nhân dân cấp huyện")
        #expect(records.first?.mode == .delineation)
        #expect(records.first?.refersTo == ["khoản 1 Điều 37 Nghị định số 100/2024/NĐ-CP"])
        let decentralised = try holders("Ủy ban nhân dân cấp xã tổ chức thực hiện kiểm tra công tác nghiệm thu theo phân cấp của Ủy ban nhân dân cấp tỉnh.")
        #expect(decentralised.first?.mode == .decentralisation)
        #expect(decentralised.first?.condition == "theo phân cấp của Ủy ban nhân dân cấp tỉnh")
        let delegated = try holders("Ủy ban nhân dân cấp xã chấp thuận phương án bảo đảm an toàn giao thông khi được Ủy ban nhân dân cấp tỉnh ủy quyền, phân cấp.")
        #expect(delegated.first?.mode == .delegation)
    }

    @Test(arguments: [
        "Không thực hiện thành lập Ban quản lý dự án khu vực theo quy định tại điểm c khoản 3 Điều 25 Nghị định số 175/2024/NĐ-CP.",
        "Trách nhiệm phối hợp báo cáo Ủy ban nhân dân cấp tỉnh phê duyệt phương án được thực hiện theo quy định.",
        "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.",
    ])
    func noHolder(sentence: String) throws {
        #expect(try holders(sentence).isEmpty)
    }

    @Test("the power is what the sentence gives, after “về” when it first says whose it was; the sentence when that is too short")
    func powerWording() throws {
        let moved = try holders("Nhiệm vụ, quyền hạn của Bộ Công Thương về cấp Giấy phép sản xuất hóa chất Bảng 2 quy định tại khoản 1 Điều 12 Nghị định số 33/2024/NĐ-CP do Ủy ban nhân dân cấp tỉnh thực hiện.")
        #expect(moved.first?.power == "cấp Giấy phép sản xuất hóa chất Bảng 2")
        let fees = try holders("Mức phí, lệ phí, việc quản lý phí thực hiện theo quy định của Bộ trưởng Bộ Tài chính hoặc Hội đồng nhân dân cấp tỉnh.")
        #expect(fees.map(\.power) == ["Mức phí, lệ phí, việc quản lý phí", "Mức phí, lệ phí, việc quản lý phí"])
        let terse = try holders("Sở Xây dựng ban hành.")
        #expect(terse.first?.power == "Sở Xây dựng ban hành")
    }

    @Test("a power moved from a ministry names it as the previous holder; the article's title gives the mode")
    func formerOwnerAndTitleMode() throws {
        let moved = try holders("Nhiệm vụ, quyền hạn của Bộ Công Thương về cấp Giấy phép sản xuất hóa chất Bảng 2 quy định tại khoản 1 Điều 12 Nghị định số 33/2024/NĐ-CP do Ủy ban nhân dân cấp tỉnh thực hiện.",
                                title: "Phân cấp nhiệm vụ, quyền hạn của Bộ Công Thương tại Nghị định số 33/2024/NĐ-CP")
        #expect(moved.first?.previousHolder == "Bộ Công Thương")
        #expect(moved.first?.mode == .decentralisation)
        let devolved = try holders("Thẩm quyền của Thủ tướng Chính phủ quy định tại điểm đ khoản 1 Điều 41 Luật Quy hoạch đô thị và nông thôn về phê duyệt quy hoạch chi tiết do Bộ trưởng Bộ Quốc phòng thực hiện.",
                                   title: "Phân quyền, phân cấp thẩm quyền phê duyệt quy hoạch")
        #expect(devolved.first?.previousHolder == "Thủ tướng Chính phủ" && devolved.first?.mode == .devolution)
        // The holder that keeps acting is no previous holder; a condition's mode wins over the title's.
        let kept = try holders("Trách nhiệm của Ủy ban nhân dân cấp tỉnh về quản lý chợ do Ủy ban nhân dân cấp tỉnh thực hiện.")
        #expect(kept.first?.previousHolder == nil && kept.first?.mode == .delineation)
        let conditional = try holders("Ủy ban nhân dân cấp xã cấp giấy phép khi được Ủy ban nhân dân cấp tỉnh ủy quyền.", title: "Phân cấp nhiệm vụ về chợ")
        #expect(conditional.first?.mode == .delegation)
        #expect(AuthorityPhrasebook.change(previous: "Thủ tướng Chính phủ", holder: "Bộ Quốc phòng").contains("bỏ cấp huyện") == false)
        #expect(AuthorityPhrasebook.change(previous: "Ủy ban nhân dân cấp huyện", holder: "Ủy ban nhân dân cấp xã").contains("(bỏ cấp huyện)"))
    }

    @Test("a clause's own sentences before the one that opens its points are read; the opening one is not")
    func clauseLeadSentences() throws {
        let text = """
        Điều 4. Nhiệm vụ, thẩm quyền về đường sắt
        1. Việc chấp thuận chủ trương xây dựng đường ngang theo quy định tại Nghị định số 65/2018/NĐ-CP. Ủy ban nhân dân cấp tỉnh nơi có công trình chấp thuận đối với đường ngang chuyên dùng. Hồ sơ gồm:
        a) Văn bản đề nghị;
        b) Bình đồ vị trí.
        2. Sở Xây dựng thực hiện các nhiệm vụ sau:
        a) Kiểm tra an toàn đường ngang;
        b) Báo cáo định kỳ.
        """
        let records = AssignmentExtractor().extract(try LegalDocumentParser().parse(text), number: "999/2025/NĐ-CP")
        let found = Set(records.map { "\($0.clause ?? "-")/\($0.point ?? "-")/\($0.holder)" })
        #expect(found == ["1/-/ubnd_tinh", "2/a/so_xay_dung", "2/b/so_xay_dung"])
        #expect(records.first { $0.clause == "1" }?.holderText == "Ủy ban nhân dân cấp tỉnh nơi có công trình")
    }

    @Test("a sentence opening the cases one power covers is one record for the clause, its points quoted with it")
    func scopeListOpener() throws {
        let text = """
        Điều 4. Phạm vi tiếp nhận thủ tục hành chính
        2. Trung tâm Phục vụ hành chính công cấp tỉnh và Trung tâm Phục vụ hành chính công cấp xã tiếp nhận thủ tục hành chính không phụ thuộc vào địa giới hành chính, bao gồm:
        a) Thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp tỉnh;
        b) Thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã.
        3. Căn cứ vào yêu cầu quản lý, Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định các thủ tục hành chính không tiếp nhận hồ sơ trực tiếp tại Bộ phận Một cửa, bao gồm các trường hợp:
        a) Thủ tục hành chính được thực hiện lưu động;
        b) Thủ tục hành chính chỉ thực hiện trên môi trường điện tử.
        4. Sở Xây dựng có các nhiệm vụ sau đây:
        a) Kiểm tra an toàn;
        b) Báo cáo định kỳ.
        """
        let records = AssignmentExtractor().extract(try LegalDocumentParser().parse(text), number: "999/2025/NĐ-CP")
        let found = Set(records.map { "\($0.clause ?? "-")/\($0.point ?? "-")/\($0.holder)" })
        #expect(found == ["2/-/co_quan_chuyen_mon_tinh", "2/-/co_quan_chuyen_mon_xa", "3/-/co_quan_trung_uong", "3/-/chu_tich_ubnd_tinh",
                          "4/a/so_xay_dung", "4/b/so_xay_dung"])
        let decides = try #require(records.first { $0.clause == "3" && $0.holder == "chu_tich_ubnd_tinh" })
        #expect(decides.quote.contains("được thực hiện lưu động"))
        // Each holder of a list of subjects gets the power, not the other holders' names.
        #expect(decides.power.hasPrefix("quyết định các thủ tục hành chính"))
        #expect(records.first { $0.clause == "3" && $0.holder == "co_quan_trung_uong" }?.power.hasPrefix("quyết định") == true)
        #expect(records.first { $0.clause == "2" && $0.holder == "co_quan_chuyen_mon_tinh" }?.power.hasPrefix("tiếp nhận") == true)
    }

    @Test func procedureStepsAreNotRecords() throws {
        let text = """
        Điều 4. Nhiệm vụ, thẩm quyền về thử nghiệm
        1. Trình tự, thủ tục phê duyệt được thực hiện như sau:
        a) Sở Xây dựng lập tờ trình gửi Ủy ban nhân dân cấp tỉnh;
        b) Trong thời hạn 20 ngày, Ủy ban nhân dân cấp tỉnh xem xét, phê duyệt.
        """
        let document = try LegalDocumentParser().parse(text)
        #expect(AssignmentExtractor().extract(document, number: "999/2025/NĐ-CP").isEmpty)
        let readings = AssignmentExtractor(includeProcedureSteps: true).extract(document, number: "999/2025/NĐ-CP")
        #expect(readings.map(\.holder) == ["so_xay_dung", "ubnd_tinh"])
    }

    @Test("an article titled “Trách nhiệm của X” gives X the clauses that name no actor; not procedures, not negatives")
    func holderFromTheTitle() throws {
        let text = """
        Điều 9. Trách nhiệm của Ủy ban nhân dân cấp xã trong lĩnh vực hóa chất
        1. Kiểm tra việc chấp hành quy định về an toàn hóa chất trên địa bàn.
        2. Sở Công Thương hướng dẫn, kiểm tra việc thực hiện khoản 1 Điều này.
        3. Trình tự kiểm tra thực hiện theo quy định của pháp luật về hóa chất.
        4. Không thực hiện thủ tục cấp phép đối với hóa chất thuộc danh mục cấm.
        Điều 10. Trách nhiệm của Bộ Công Thương và Ủy ban nhân dân cấp tỉnh
        Phối hợp kiểm tra an toàn hóa chất trên địa bàn nhiều xã.
        Điều 11. Nhiệm vụ của Trung tâm Phục vụ hành chính công cấp xã
        Hướng dẫn tổ chức, cá nhân thực hiện thủ tục hành chính tại Trung tâm.
        """
        let records = AssignmentExtractor().extract(try LegalDocumentParser().parse(text), number: "999/2025/NĐ-CP")
        let found = Set(records.map { "\($0.article)/\($0.clause ?? "-")/\($0.holder)" })
        // Clause 2 names its own actor; clauses 3 and 4 are a procedure and a negative; Điều 10's title names two.
        #expect(found == ["9/1/ubnd_xa", "9/2/so_cong_thuong", "11/-/co_quan_chuyen_mon_xa"])
        #expect(records.first { $0.article == "9" && $0.clause == "1" }?.quote == "Kiểm tra việc chấp hành quy định về an toàn hóa chất trên địa bàn.")
    }

    @Test("under a lead-in naming a law, a bare citation is of that law")
    func leadInLawCompletesCitations() throws {
        let text = """
        Điều 11. Tổ chức thực hiện
        Kể từ ngày 01 tháng 7 năm 2025, các quy định tại điều, khoản, điểm sau đây của Luật Quy hoạch đô thị và nông thôn được thực hiện như sau:
        1. “Ủy ban nhân dân cấp huyện” quy định tại khoản 3 Điều 48 và khoản 7 Điều 59 là “Ủy ban nhân dân cấp xã”.
        Điều 12. Nhiệm vụ về thử nghiệm
        1. Ủy ban nhân dân cấp xã kiểm tra việc thực hiện khoản 2 Điều 5.
        """
        let records = AssignmentExtractor().extract(try LegalDocumentParser().parse(text), number: "999/2025/NĐ-CP")
        let read = try #require(records.first { $0.article == "11" })
        #expect(read.holder == "ubnd_xa" && read.previousHolder == "Ủy ban nhân dân cấp huyện")
        #expect(read.refersTo == ["khoản 3 Điều 48 và khoản 7 Điều 59 Luật Quy hoạch đô thị và nông thôn"])
        // Without such a lead-in a bare citation stays the decree's own and is no reference.
        #expect(records.first { $0.article == "12" }?.refersTo == [])
        #expect(AssignmentExtractor.lawNamed(inLeadIn: "Nghị định này quy định về:") == nil)
    }
}
