@testable import HaiCapCore
import LegalText
import Testing

/// As-of answers, validity warnings and the no-holder rule, on a small knowledge base built from inline text.
@Suite struct AuthorityAssistantTests {
    static let condition = "2. Nghị định này hết hiệu lực kể từ ngày 01 tháng 3 năm 2027 trừ các trường hợp sau:\na) Quốc hội quyết định kéo dài;"

    static let decree = """
    Điều 4. Nhiệm vụ, thẩm quyền về giấy phép xây dựng
    1. Thẩm quyền cấp giấy phép xây dựng quy định tại khoản 3 Điều 103 Luật Xây dựng năm 2014 do Ủy ban nhân dân cấp xã thực hiện.
    Điều 8. Nhiệm vụ, thẩm quyền về quản lý chất lượng công trình xây dựng
    3. Ủy ban nhân dân cấp xã có trách nhiệm tiếp nhận báo cáo sự cố công trình của chủ đầu tư.
    Điều 9. Nhiệm vụ, thẩm quyền về nhà ở
    1. Các nội dung về quỹ nhà ở công vụ thực hiện theo quy định của pháp luật về nhà ở.
    """

    static let law = """
    Điều 5. Đăng ký khai sinh trực tuyến
    Việc đăng ký khai sinh trực tuyến cho trẻ em được thực hiện trên cổng dịch vụ công.
    """

    static func knowledge() throws -> AuthorityKnowledge {
        let decreeInfo = LegalDocumentInfo(
            number: "999/2025/NĐ-CP", type: "Nghị định", title: "Thử nghiệm", issuer: "Chính phủ", issued: "2025-06-12",
            effective: "2025-07-01", expiry: "2027-03-01", expiryCondition: condition, delineation: true)
        let lawInfo = LegalDocumentInfo(
            number: "03/2026/QH16", type: "Luật", title: "Luật Hộ tịch", issuer: "Quốc hội", effective: "2027-03-01")
        let parsed = [try LegalCorpusBuilder.parse(decree, info: decreeInfo), try LegalCorpusBuilder.parse(law, info: lawInfo)]
        let repeal = ProvisionChange(kind: .repeal, document: "999/2025/NĐ-CP", article: "8", byDocument: "207/2026/NĐ-CP", notBefore: "2026-01-01")
        return LegalCorpusBuilder.knowledge(LegalRegistryFile(documents: [decreeInfo, lawInfo], changes: [repeal]), parsed: parsed)
    }

    static let today = CivilDate(year: 2026, month: 11, day: 27)

    @Test func namesHolderWithBasisAndChange() throws {
        let answer = AuthorityAssistant(knowledge: try Self.knowledge()).answer("Ai có thẩm quyền cấp giấy phép xây dựng?", today: Self.today)
        #expect(answer.kind == .answer)
        #expect(answer.holderCode == "ubnd_xa")
        #expect(answer.basis.first?.citation == "khoản 1 Điều 4 Nghị định số 999/2025/NĐ-CP")
        #expect(answer.basis.first?.text.contains("do Ủy ban nhân dân cấp xã thực hiện") == true)
        #expect(answer.asOf == "2026-11-27")
        // Within 6 months of 01/3/2027: the condition is quoted, not simplified.
        #expect(answer.warnings.contains { $0.contains("trừ các trường hợp sau") && $0.contains("Quốc hội quyết định kéo dài") })
    }

    @Test func repealedProvisionBeforeAndAfter() throws {
        let assistant = AuthorityAssistant(knowledge: try Self.knowledge())
        let question = "Ai tiếp nhận báo cáo sự cố công trình của chủ đầu tư?"
        let before = assistant.answer(question, asOf: CivilDate(year: 2025, month: 10, day: 1), today: Self.today)
        #expect(before.kind == .answer)
        #expect(before.holderCode == "ubnd_xa")
        #expect(before.warnings.contains { $0.contains("về sau bị bãi bỏ") })
        let after = assistant.answer(question, today: Self.today)
        #expect(after.holder == nil)
        #expect(after.kind == .provisions)
        #expect(after.warnings.contains { $0.contains("bãi bỏ bởi Nghị định số 207/2026/NĐ-CP") })
    }

    @Test func afterConditionalExpiryNoHolder() throws {
        let answer = AuthorityAssistant(knowledge: try Self.knowledge())
            .answer("Từ ngày 01/3/2027 ai cấp giấy phép xây dựng?", today: Self.today)
        #expect(answer.asOf == "2027-03-01")
        #expect(answer.holder == nil)
        #expect(answer.warnings.contains { $0.contains("trừ các trường hợp sau") })
    }

    @Test func lawNotYetInForceIsNotCited() throws {
        let assistant = AuthorityAssistant(knowledge: try Self.knowledge())
        let now = assistant.answer("dang ky khai sinh truc tuyen cho tre em", today: Self.today)
        #expect(!now.basis.contains { $0.citation.contains("03/2026/QH16") })
        let later = assistant.answer("dang ky khai sinh truc tuyen cho tre em", asOf: CivilDate(year: 2027, month: 3, day: 2), today: Self.today)
        #expect(later.kind == .provisions)
        #expect(later.holder == nil)
        #expect(later.basis.first?.citation == "Điều 5 Luật số 03/2026/QH16")
        #expect(later.answer.lowercased().contains("chưa có bản ghi thẩm quyền — trích các điều khoản liên quan"))
    }

    /// Two decrees that word one power alike with different holders, and one that cites an older decree.
    static func citingKnowledge() throws -> AuthorityKnowledge {
        let texts = [
            ("997/2025/NĐ-CP", """
            Điều 3. Hóa chất
            1. Ủy ban nhân dân cấp tỉnh thực hiện nhiệm vụ kiểm tra kho hóa chất trên địa bàn.
            2. Ủy ban nhân dân cấp xã thực hiện nhiệm vụ quản lý hóa chất quy định tại điểm g khoản 6 Điều 20 Nghị định số 113/2017/NĐ-CP.
            Điều 9. Trách nhiệm thi hành
            Ủy ban nhân dân cấp tỉnh báo cáo kết quả thực hiện Nghị định này hằng năm.
            """),
            ("996/2025/NĐ-CP", """
            Điều 5. Hóa chất
            Sở Công Thương thực hiện nhiệm vụ kiểm tra kho hóa chất trên địa bàn.
            """),
        ]
        var infos: [LegalDocumentInfo] = []
        var parsed: [LegalCorpusBuilder.Parsed] = []
        for (number, text) in texts {
            let info = LegalDocumentInfo(number: number, type: "Nghị định", title: "Thử nghiệm", issuer: "Chính phủ", issued: "2025-06-12",
                                         effective: "2025-07-01", delineation: true)
            infos.append(info)
            parsed.append(try LegalCorpusBuilder.parse(text, info: info))
        }
        // A law that shares a number with nothing asked: "NĐ 995" must not pick it.
        infos.append(LegalDocumentInfo(number: "995/2014/QH13", type: "Luật", title: "Luật Thử nghiệm", issuer: "Quốc hội", effective: "2015-01-01"))
        return LegalCorpusBuilder.knowledge(LegalRegistryFile(documents: infos, changes: []), parsed: parsed)
    }

    @Test("a decree the question names decides among alike records, points at the provision it cites, and is never left")
    func namedDecree() throws {
        let assistant = AuthorityAssistant(knowledge: try Self.citingKnowledge())
        #expect(assistant.answer("Theo NĐ 996, ai kiểm tra kho hóa chất trên địa bàn?", today: Self.today).holderCode == "so_cong_thuong")
        let in997 = assistant.answer("Theo ND 997 ai kiem tra kho hoa chat tren dia ban?", today: Self.today)
        #expect(in997.holderCode == "ubnd_tinh")
        #expect(in997.basis.first?.documentNumber == "997/2025/NĐ-CP")
        // The older decree is not in the registry: the record that cites its article answers, with little wording.
        let cited = assistant.answer("Nhiem vu ve hoa chat tai diem g khoan 6 Dieu 20 ND 113/2017 gio ai lam?", today: Self.today)
        #expect(cited.holderCode == "ubnd_xa")
        #expect(cited.basis.first?.citation == "khoản 2 Điều 3 Nghị định số 997/2025/NĐ-CP")
        // Named, but nothing in it covers the question (NĐ 997 does): no holder from another decree.
        let report = assistant.answer("Theo NĐ 996 thì ai báo cáo kết quả thực hiện hằng năm?", today: Self.today)
        #expect(report.holderCode == nil)
        #expect(report.basis.allSatisfy { $0.documentNumber == "996/2025/NĐ-CP" })
        #expect(QuestionTerms.citedDecrees(in: "khoản 3 Điều 59 NĐ 87/2018") == [.init(number: "87", year: "2018", article: "59")])
        #expect(QuestionTerms.citedDecrees(in: "Nghị định số 139 về công thương") == [.init(number: "139", year: nil, article: nil)])
        #expect(QuestionTerms.citedDecrees(in: "thành phố Nha Trang, hand made").isEmpty)
        #expect(assistant.citedDocuments(QuestionTerms.citedDecrees(in: "theo NĐ 995")).isEmpty, "a law is not a decree")
        #expect(assistant.citedDocuments(QuestionTerms.citedDecrees(in: "theo NĐ 997")) == ["997/2025/NĐ-CP"])
    }

    @Test("among the holders of one provision, the one at the level the question names")
    func levelNamedInQuestion() throws {
        let text = """
        Điều 8. Cơ quan đăng ký hộ tịch, công chức làm công tác hộ tịch
        2. Công chức làm công tác hộ tịch ở địa phương là công chức thực hiện nhiệm vụ tư pháp - hộ tịch cấp xã; công chức của Sở Tư pháp được giao thực hiện công tác hộ tịch.
        """
        let info = LegalDocumentInfo(number: "998/2025/NĐ-CP", type: "Nghị định", title: "Thử", issuer: "Chính phủ", effective: "2025-07-01")
        let knowledge = LegalCorpusBuilder.knowledge(
            LegalRegistryFile(documents: [info], changes: []), parsed: [try LegalCorpusBuilder.parse(text, info: info)])
        #expect(Set(knowledge.records.map(\.holder)) == ["cong_chuc_xa", "so_tu_phap"])
        // A definition: the power is what is defined, for each holder it names.
        #expect(knowledge.records.allSatisfy { $0.power == "Công chức làm công tác hộ tịch ở địa phương" })
        let assistant = AuthorityAssistant(knowledge: knowledge)
        #expect(assistant.answer("O xa, cong chuc nao la cong chuc lam cong tac ho tich?", today: Self.today).holderCode == "cong_chuc_xa")
        #expect(assistant.answer("Ở cấp tỉnh, công chức nào làm công tác hộ tịch?", today: Self.today).holderCode == "so_tu_phap")
    }

    @Test("abbreviations joined by & are expanded; word pairs do not cross punctuation")
    func questionTerms() {
        let terms = QuestionTerms("Trước đây Sở TN&MT làm, nay ai làm?")
        #expect(terms.content.contains("nguyen") && terms.content.contains("truong"))
        #expect(QuestionTerms("Giám đốc TTPVHCC xã ký hợp đồng").content.contains("phuc"))
        let pairs = QuestionTerms("quy hoạch đang lập, vốn thuộc huyện").bigrams
        #expect(pairs.contains("dang lap") && !pairs.contains("lap von"))
        #expect(QuestionTerms("Ở xã, công chức nào làm hộ tịch?").namedLevel == .commune)
        #expect(QuestionTerms("Ai xác nhận điều kiện mua nhà ở xã hội?").namedLevel == nil)
        #expect(QuestionTerms("Số hồ sơ cấp tỉnh").namedLevel == .province)
    }

    @Test("a term a stopword would halve is kept whole; scene-setting words weigh less than the matter")
    func compoundsAndSceneWords() throws {
        // "đô thị" folds to two stopwords ("do", "thì"), "thẩm định" to two more: both would vanish.
        let terms = QuestionTerms("Ai tổ chức thẩm định quy hoạch đô thị?")
        #expect(terms.content.contains("do thi") && terms.content.contains("tham dinh") && terms.content.contains("quy hoach"))
        #expect(!QuestionTerms("Việc này do ai làm thì đúng?").content.contains("do thi"), "“do … thì” apart is no term")
        // Words no record has: a scene word ("doanh" of doanh nghiệp) weighs a quarter of a matter word ("karaoke").
        let knowledge = try Self.knowledge()
        #expect(abs(knowledge.wordWeight("doanh") - 0.25 * knowledge.wordWeight("karaoke")) < 1e-9)
        #expect(knowledge.wordWeight("karaoke") > 0)
    }

    @Test("between records about as good, the holder the question asks about; the article over the annex for one holder")
    func tiesGoToTheAskedHolderAndTheArticle() throws {
        let text = """
        Điều 11. Nhiệm vụ, thẩm quyền về cụm công nghiệp
        Ủy ban nhân dân cấp xã thực hiện nhiệm vụ quản lý cụm công nghiệp trên địa bàn.
        Điều 12. Nhiệm vụ, thẩm quyền về cụm công nghiệp liên vùng
        Ủy ban nhân dân cấp tỉnh thực hiện nhiệm vụ quản lý cụm công nghiệp trên địa bàn.
        Điều 13. Nhiệm vụ, thẩm quyền về rượu
        Ủy ban nhân dân cấp xã cấp giấy phép sản xuất rượu thủ công.
        PHỤ LỤC I
        TRÌNH TỰ CẤP GIẤY PHÉP
        I. Giấy phép sản xuất rượu thủ công
        1. Ủy ban nhân dân cấp xã xem xét và cấp giấy phép sản xuất rượu thủ công.
        """
        let info = LegalDocumentInfo(number: "998/2025/NĐ-CP", type: "Nghị định", title: "Thử nghiệm", issuer: "Chính phủ", effective: "2025-07-01", delineation: true)
        let knowledge = LegalCorpusBuilder.knowledge(LegalRegistryFile(documents: [info], changes: []), parsed: [try LegalCorpusBuilder.parse(text, info: info)])
        let assistant = AuthorityAssistant(knowledge: knowledge)
        let commune = assistant.answer("Xã có nhiệm vụ quản lý cụm công nghiệp không, hay tỉnh làm hết?", today: Self.today)
        let province = assistant.answer("Tỉnh có phải quản lý cụm công nghiệp không?", today: Self.today)
        #expect(commune.holderCode == "ubnd_xa" && province.holderCode == "ubnd_tinh")
        var noMargin = assistant
        noMargin.tuning.namedHolderMargin = 0
        let plain: [String?] = [commune.holderCode, province.holderCode]
        let without = ["Xã có nhiệm vụ quản lý cụm công nghiệp không, hay tỉnh làm hết?", "Tỉnh có phải quản lý cụm công nghiệp không?"]
            .map { noMargin.answer($0, today: Self.today).holderCode }
        #expect(plain != without, "the rule decides one of the two")
        let licence = assistant.answer("Ai cấp giấy phép sản xuất rượu thủ công?", today: Self.today)
        #expect(licence.holderCode == "ubnd_xa" && licence.basis.first?.article == "13")
    }

    @Test("final and transitional provisions yield to the article that gives the power, for one holder")
    func transitionalProvisionYields() throws {
        let text = """
        Điều 7. Tổ chức Trung tâm Phục vụ hành chính công
        2. Ủy ban nhân dân cấp tỉnh quyết định thành lập Trung tâm Phục vụ hành chính công cấp tỉnh là tổ chức hành chính thuộc Văn phòng Ủy ban nhân dân cấp tỉnh, có tư cách pháp nhân, con dấu và tài khoản riêng.
        Điều 40. Điều khoản thi hành
        3. Ủy ban nhân dân các tỉnh đang thí điểm quyết định thành lập Trung tâm Phục vụ hành chính công cấp tỉnh.
        """
        let info = LegalDocumentInfo(number: "997/2025/NĐ-CP", type: "Nghị định", title: "Thử nghiệm", issuer: "Chính phủ", effective: "2025-07-01", delineation: true)
        let knowledge = LegalCorpusBuilder.knowledge(LegalRegistryFile(documents: [info], changes: []), parsed: [try LegalCorpusBuilder.parse(text, info: info)])
        let assistant = AuthorityAssistant(knowledge: knowledge)
        let question = "Trung tâm Phục vụ hành chính công cấp tỉnh do ai quyết định thành lập?"
        // Both records cover the question; the search ranks the short transitional clause first.
        let ranked = assistant.rankedCandidates(question, today: Self.today)
        #expect(ranked.first?.record.article == "40")
        let answer = assistant.answer(question, today: Self.today)
        #expect(answer.holderCode == "ubnd_tinh")
        #expect(answer.basis.first?.article == "7")
    }

    @Test("the title of a cited decree does not make a record match another matter")
    func citedTitleIsNotThePower() {
        let quote = "Trách nhiệm khi xảy ra sự cố tại khoản 3 Điều 27 Nghị định số 161/2024/NĐ-CP ngày 18 tháng 12 năm 2024 của Chính phủ quy định trình tự, thủ tục cấp giấy phép cho người lái xe do Ủy ban nhân dân cấp xã thực hiện."
        let kept = AuthorityKnowledge.withoutCitedTitles(quote)
        #expect(!kept.contains("lái xe") && kept.contains("do Ủy ban nhân dân cấp xã thực hiện") && kept.contains("sự cố"))
    }

    /// Two decrees with the same fee article, each with the records of its own field, and one that re-reads a law.
    static func fieldKnowledge() throws -> AuthorityKnowledge {
        let archive = "Điều 5. Lưu trữ hồ sơ\nHồ sơ giải quyết thủ tục hành chính được lưu trữ, bảo quản theo quy định của pháp luật về lưu trữ.\n"
        let fee = archive + "Điều 3. Về phí, lệ phí\nViệc giải quyết thủ tục hành chính có yêu cầu nộp phí, lệ phí theo quy định của pháp luật thì tổ chức, cá nhân nộp phí, lệ phí cho cơ quan tiếp nhận hồ sơ. Mức phí, lệ phí, việc quản lý, sử dụng phí, lệ phí thực hiện theo quy định của Bộ trưởng Bộ Tài chính hoặc Hội đồng nhân dân cấp tỉnh đối với phí, lệ phí tương ứng.\n"
        let civil = fee + """
        Điều 4. Thẩm quyền về hộ tịch
        1. Ủy ban nhân dân cấp xã thực hiện đăng ký khai sinh, hộ tịch có yếu tố nước ngoài, chứng thực giấy tờ kèm theo.
        2. Ủy ban nhân dân cấp xã cải chính hộ tịch, chứng thực bản sao.
        3. Chủ tịch Ủy ban nhân dân cấp xã ký giấy tờ hộ tịch, chứng thực chữ ký.
        """
        let trade = fee + """
        Điều 4. Thẩm quyền về rượu, thuốc lá
        1. Ủy ban nhân dân cấp xã cấp Giấy phép bán lẻ rượu, thuốc lá.
        2. Ủy ban nhân dân cấp xã kiểm tra việc kinh doanh rượu, thuốc lá.
        3. Ủy ban nhân dân cấp tỉnh cấp Giấy phép sản xuất rượu, thuốc lá.
        Điều 11. Tổ chức thực hiện
        Kể từ ngày 01 tháng 7 năm 2025, các quy định tại điều, khoản, điểm sau đây của Luật Thương mại điện tử được thực hiện như sau:
        1. “Ủy ban nhân dân cấp huyện” quy định tại khoản 3 Điều 48 và khoản 7 Điều 59 là “Ủy ban nhân dân cấp xã”.
        """
        var infos: [LegalDocumentInfo] = []
        var parsed: [LegalCorpusBuilder.Parsed] = []
        for (number, title, text) in [("992/2025/NĐ-CP", "Quy định về phân định thẩm quyền trong lĩnh vực quản lý nhà nước của Bộ Công Thương", trade),
                                      ("991/2025/NĐ-CP", "Quy định về phân định thẩm quyền trong lĩnh vực quản lý nhà nước của Bộ Tư pháp", civil)] {
            let info = LegalDocumentInfo(number: number, type: "Nghị định", title: title, issuer: "Chính phủ", effective: "2025-07-01", delineation: true)
            infos.append(info)
            parsed.append(try LegalCorpusBuilder.parse(text, info: info))
        }
        return LegalCorpusBuilder.knowledge(LegalRegistryFile(documents: infos, changes: []), parsed: parsed)
    }

    @Test("the field a question names picks among decrees that say the same; a law's clause the question names finds the record that re-reads it")
    func fieldAndLawClause() throws {
        let assistant = AuthorityAssistant(knowledge: try Self.fieldKnowledge())
        let civil = assistant.answer("Mức phí, lệ phí các thủ tục hộ tịch, chứng thực do cơ quan nào quy định?", today: Self.today)
        #expect(civil.holderCode == "hdnd_tinh")
        #expect(civil.basis.first?.citation == "Điều 3 Nghị định số 991/2025/NĐ-CP")
        let trade = assistant.answer("Mức phí, lệ phí các thủ tục về rượu, thuốc lá do ai quy định?", today: Self.today)
        #expect(trade.holderCode == "hdnd_tinh")
        #expect(trade.basis.first?.citation == "Điều 3 Nghị định số 992/2025/NĐ-CP")
        // No record says who keeps the files; the provisions quoted are those of the field asked about.
        let kept = assistant.answer("Hồ sơ hộ tịch, chứng thực được lưu trữ, bảo quản theo quy định nào?", today: Self.today)
        #expect(kept.kind == .provisions && kept.holderCode == nil)
        #expect(kept.basis.first?.citation == "Điều 5 Nghị định số 991/2025/NĐ-CP")
        let reread = assistant.answer("Luật Thương mại điện tử còn ghi UBND cấp huyện ở khoản 7 Điều 59, giờ hiểu là cấp nào?", today: Self.today)
        #expect(reread.holderCode == "ubnd_xa")
        #expect(reread.basis.first?.citation == "khoản 1 Điều 11 Nghị định số 992/2025/NĐ-CP")
        #expect(QuestionTerms.citedProvisions(in: "điểm b khoản 1 Điều 39 Luật Quy hoạch") == [.init(article: "39", clause: "1")])
        #expect(QuestionTerms.citedProvisions(in: "Dieu 77 Luat BVQLNTD") == [.init(article: "77", clause: nil)])
        #expect(QuestionTerms.citedProvisions(in: "khoản 9 Điều 53 Nghị định 175/2024").isEmpty, "a decree's article is a cited decree")
        let clause = QuestionTerms.CitedProvision(article: "59", clause: "7")
        #expect(clause.match(foldedRefers: ["khoan 3 dieu 48 va khoan 7 dieu 59 luat thuong mai dien tu"]) == 2)
        #expect(clause.match(foldedRefers: ["khoan 7 dieu 590 luat x", "khoan 17 dieu 59 luat x"]) == 0)
    }

    @Test("a holder outside the categories is named in the decree's words, not as “Chủ thể khác”")
    func otherHolderInItsOwnWords() throws {
        let info = LegalDocumentInfo(number: "993/2025/NĐ-CP", type: "Nghị định", title: "Thử nghiệm", issuer: "Chính phủ", effective: "2025-07-01", delineation: true)
        let text = """
        Điều 9. Trách nhiệm quản lý Bộ phận Một cửa
        1. Người đứng đầu Bộ phận Một cửa quản lý thời gian làm việc, thái độ, tác phong của công chức được cử đến.
        2. Bộ trưởng Bộ Tư pháp ban hành mẫu sổ theo dõi hồ sơ.
        """
        let knowledge = LegalCorpusBuilder.knowledge(LegalRegistryFile(documents: [info], changes: []), parsed: [try LegalCorpusBuilder.parse(text, info: info)])
        let assistant = AuthorityAssistant(knowledge: knowledge)
        let other = assistant.answer("Ai quản lý thời gian làm việc, thái độ, tác phong của công chức được cử đến Bộ phận Một cửa?", today: Self.today)
        #expect(other.holderCode == "khac" && other.holder == "Người đứng đầu Bộ phận Một cửa")
        #expect(other.answer.contains("Người đứng đầu Bộ phận Một cửa") && !other.answer.contains("Chủ thể khác"))
        let central = assistant.answer("Ai ban hành mẫu sổ theo dõi hồ sơ?", today: Self.today)
        #expect(central.holderCode == "co_quan_trung_uong" && central.holder == "Bộ trưởng Bộ Tư pháp")
    }

    @Test func unrelatedQuestionIsNotFound() throws {
        let answer = AuthorityAssistant(knowledge: try Self.knowledge()).answer("Ai cấp giấy phép lái xe mô tô?", today: Self.today)
        #expect(answer.kind == .notFound)
        #expect(answer.holder == nil)
        #expect(answer.basis.isEmpty)
    }

    @Test func reviewTransitions() throws {
        let record = CompetenceRecord(power: "cấp giấy phép", holder: "ubnd_xa", holderText: "Ủy ban nhân dân cấp xã", document: "999/2025/NĐ-CP", article: "4", quote: "…")
        let verified = try CompetenceReview.apply(.verify, to: record)
        #expect(verified.status == .verified)
        #expect(throws: HaiCapError.self) { try CompetenceReview.apply(.verify, to: verified) }
        #expect(throws: HaiCapError.self) { try CompetenceReview.apply(.reject(reason: " "), to: verified) }
        let rejected = try CompetenceReview.apply(.reject(reason: "trùng"), to: verified)
        #expect(rejected.status == .rejected)
        #expect(rejected.notes.contains("trùng"))
        #expect(throws: HaiCapError.self) { try CompetenceReview.apply(.edit(CompetenceEdit(power: "x")), to: rejected) }
        let reopened = try CompetenceReview.apply(.reopen, to: rejected)
        #expect(reopened.status == .extracted)
        let edited = try CompetenceReview.apply(.edit(CompetenceEdit(holder: "chu_tich_ubnd_xa", mode: .delegation)), to: reopened)
        #expect(edited.holder == "chu_tich_ubnd_xa" && edited.mode == .delegation && edited.status == .verified)
        #expect(throws: HaiCapError.self) { try CompetenceReview.apply(.edit(CompetenceEdit(holder: "khong_co")), to: reopened) }
    }
}
