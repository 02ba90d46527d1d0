import Testing
import VietnameseText

@Suite struct AbbreviationTests {
    let table = AbbreviationTable.standard

    @Test(arguments: [
        ("UBND", "ủy ban nhân dân"), ("HĐND", "hội đồng nhân dân"), ("TTHC", "thủ tục hành chính"),
        ("CCCD", "căn cước công dân"), ("CMND", "chứng minh nhân dân"), ("GCN", "giấy chứng nhận"),
        ("QSDĐ", "quyền sử dụng đất"), ("ĐKKD", "đăng ký kinh doanh"), ("HKD", "hộ kinh doanh"),
        ("GPXD", "giấy phép xây dựng"), ("BHXH", "bảo hiểm xã hội"), ("BHYT", "bảo hiểm y tế"),
        ("NĐ-CP", "nghị định của chính phủ"), ("QĐ", "quyết định"), ("TT", "thông tư"),
        ("VBHN", "văn bản hợp nhất"),
        // typed in lower case and without diacritics
        ("ubnd", "ủy ban nhân dân"), ("hdnd", "hội đồng nhân dân"), ("qsdd", "quyền sử dụng đất"),
    ])
    func expandsAbbreviation(abbreviation: String, expansion: String) {
        #expect(table.expansions(of: abbreviation).first == expansion)
    }

    @Test(arguments: [
        ("ủy ban nhân dân", "UBND"), ("Uỷ ban nhân dân", "UBND"), ("uy ban nhan dan", "UBND"),
        ("giấy chứng nhận quyền sử dụng đất", "GCNQSDĐ"), ("phòng cháy chữa cháy", "PCCC"),
    ])
    func findsAbbreviationOfPhrase(phrase: String, abbreviation: String) {
        #expect(table.abbreviations(of: phrase) == [abbreviation])
    }

    @Test func expandsInsideText() {
        #expect(table.expand("UBND xã cấp GCN, hỏi TTHC") == "ủy ban nhân dân xã cấp giấy chứng nhận, hỏi thủ tục hành chính")
    }

    @Test func leavesCodesAlone() {
        #expect(table.expand("theo 120/2025/NĐ-CP") == "theo 120/2025/nđ-cp")
        #expect(table.expand("NĐ-CP") == "nghị định của chính phủ")
    }

    @Test func abbreviatesLongestPhraseFirst() {
        #expect(table.abbreviate("Cấp giấy chứng nhận quyền sử dụng đất tại Ủy ban nhân dân xã")
            == "cấp GCNQSDĐ tại UBND xã")
    }

    @Test func everyAbbreviationIsOneToken() {
        for entry in table.entries {
            #expect(Vietnamese.tokenize(entry.abbreviation).count == 1, "\(entry.abbreviation)")
        }
    }

    @Test func customTableExtends() {
        let custom = AbbreviationTable(AbbreviationTable.administrativeEntries + [("HTX", ["hợp tác xã"])])
        #expect(custom.expand("thành lập HTX") == "thành lập hợp tác xã")
        #expect(AbbreviationTable.standard.expansions(of: "HTX").isEmpty)
    }

    @Test func unknownAbbreviation() {
        #expect(table.expansions(of: "XYZW").isEmpty)
        #expect(table.abbreviations(of: "con mèo").isEmpty)
    }
}
