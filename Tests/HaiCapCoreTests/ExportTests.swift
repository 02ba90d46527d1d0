import Foundation
@testable import HaiCapCore
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Export: CSV, XLSX, ZIP and SVG charts")
struct ExportTests {
    // MARK: CSV

    static func csvText(header: [String], rows: [[String]]) throws -> String {
        let data = CSVDocument.data(header: header, rows: rows)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        return try #require(String(data: data.dropFirst(3), encoding: .utf8))
    }

    @Test("CSV starts with a BOM and ends lines with CRLF")
    func csvBOMAndLineEnds() throws {
        let text = try Self.csvText(header: ["a", "b"], rows: [["1", "2"]])
        #expect(text == "a,b\r\n1,2\r\n")
    }

    @Test("CSV quotes delimiters, quotes and line breaks, doubling inner quotes")
    func csvQuoting() throws {
        let text = try Self.csvText(header: ["x"], rows: [["a,b"], ["say \"hi\""], ["line1\nline2"], ["a;b"], ["plain"]])
        #expect(text == "x\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"line1\nline2\"\r\n\"a;b\"\r\nplain\r\n")
    }

    @Test("CSV defuses formulas but leaves signed numbers alone", arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+cmd", "'+cmd"), ("-1+2", "'-1+2"), ("@x", "'@x"), ("\tx", "'\tx"),
        ("-3", "-3"), ("-12,5", "\"-12,5\""), ("+84912345678", "+84912345678"), ("-1.234,5", "\"-1.234,5\""), ("-5%", "-5%"),
        ("-", "'-"), ("a=b", "a=b"),
    ])
    func csvFormulaInjection(input: String, expected: String) {
        #expect(CSVDocument.field(input) == expected)
    }

    @Test("CSV leading CR is defused and quoted")
    func csvLeadingCarriageReturn() {
        #expect(CSVDocument.field("\r=1") == "\"'\r=1\"")
    }

    @Test("Vietnamese text round-trips through the procedure CSV reader")
    func csvVietnameseRoundTrip() throws {
        let header = ["Mã", "Tên thủ tục", "Ghi chú"]
        let rows = [["1.001", "Đăng ký khai sinh, khai tử", "Bản sao \"chứng thực\"\nhai dòng"], ["2", "Cấp giấy phép xây dựng", ""]]
        let text = try Self.csvText(header: header, rows: rows)
        #expect(ProcedureCSV.parse(text) == [header] + rows)
    }

    // MARK: ZIP

    @Test("CRC-32 of \"123456789\" is the standard check value")
    func crcCheckValue() {
        #expect(ZipArchive.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipArchive.crc32(Data()) == 0)
    }

    @Test("a ZIP archive reads back its entries, names in UTF-8")
    func zipRoundTrip() throws {
        var zip = ZipArchive()
        zip.add("a.txt", data: Data("xin chào".utf8))
        zip.add("thư mục/tệp.txt", data: Data())
        let entries = try ZipArchive.entries(of: zip.data)
        #expect(entries == ["a.txt": Data("xin chào".utf8), "thư mục/tệp.txt": Data()])
    }

    @Test("a corrupted entry fails its CRC check")
    func zipCorruption() throws {
        var zip = ZipArchive()
        zip.add("a.txt", data: Data("abcdef".utf8))
        var data = zip.data
        data[30 + 5] ^= 0xFF  // first content byte after the 30-byte header and 5-byte name
        #expect(throws: ZipArchive.ReadError.checksumMismatch(name: "a.txt")) { try ZipArchive.entries(of: data) }
        #expect(throws: ZipArchive.ReadError.endOfCentralDirectoryNotFound) { try ZipArchive.entries(of: Data("PK".utf8)) }
    }

    // MARK: XLSX

    static func sampleWorkbook() -> Data {
        var wide = Array(repeating: XLSXCell.empty, count: 27)
        wide[0] = .text("Xã Tân <Phú> & “Hòa”")
        wide[1] = .number(1234.5)
        wide[26] = .number(-3)
        return XLSXWorkbook.data(sheets: [
            XLSXSheet(name: "Báo cáo 1/2025", header: ["Đơn vị", "Số hồ sơ"], rows: [wide, [.number(.nan), .text("a\u{1}b")]]),
            XLSXSheet(name: "báo cáo 1/2025", header: [], rows: []),
        ])
    }

    @Test("an XLSX workbook is a ZIP with every required part")
    func xlsxParts() throws {
        let data = Self.sampleWorkbook()
        #expect(data.prefix(2) == Data("PK".utf8))
        let parts = try ZipArchive.entries(of: data)
        for name in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            #expect(parts[name] != nil, "missing \(name)")
        }
        for (name, part) in parts { #expect(Self.isWellFormed(part), "\(name) is not well-formed XML") }
        #expect(XLSXWorkbook.data(sheets: []) == XLSXWorkbook.data(sheets: []), "output is deterministic")
    }

    @Test("sheet XML holds escaped Vietnamese text and numbers at the right cell references")
    func xlsxSheetContent() throws {
        let parts = try ZipArchive.entries(of: Self.sampleWorkbook())
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Đơn vị</t></is></c>"#))
        #expect(sheet.contains("Xã Tân &lt;Phú&gt; &amp; “Hòa”"))
        #expect(sheet.contains(#"<c r="B2"><v>1234.5</v></c>"#))
        #expect(sheet.contains(#"<c r="AA2"><v>-3</v></c>"#))
        #expect(!sheet.contains(#"r="A3""#), "NaN becomes an empty cell")
        #expect(sheet.contains(">ab</t>"), "control characters are dropped")
        #expect(sheet.contains(#"state="frozen""#))
    }

    @Test("column letters", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columnNames(index: Int, name: String) {
        #expect(XLSXWorkbook.columnName(index) == name)
    }

    @Test("sheet names are sanitised, shortened and made unique")
    func sheetNames() throws {
        let names = XLSXWorkbook.sheetNames(["Báo cáo 1/2025", "BÁO CÁO 1/2025", "[*?]", "'quoted'", String(repeating: "Ủ", count: 40), "History"])
        #expect(names[0] == "Báo cáo 1-2025")
        #expect(names[1] == "BÁO CÁO 1-2025 (2)")
        #expect(names[2] == "Trang 3")
        #expect(names[3] == "quoted")
        #expect(names[4].utf16.count == 31)
        #expect(names[5] == "History (2)")
        let workbook = try #require(ZipArchive.entries(of: Self.sampleWorkbook())["xl/workbook.xml"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(workbook.contains(#"name="báo cáo 1-2025 (2)""#))
    }

    @Test("numbers are written without locale and never as NaN or infinity")
    func numberText() {
        #expect(XLSXWorkbook.numberText(3) == "3")
        #expect(XLSXWorkbook.numberText(-0.0) == "0")
        #expect(XLSXWorkbook.numberText(0.1) == "0.1")
        #expect(XLSXWorkbook.numberText(1e20) == "1e+20")
        #expect(XLSXWorkbook.numberText(.infinity) == nil)
    }

    // MARK: SVG

    static func isWellFormed(_ data: Data) -> Bool { XMLParser(data: data).parse() }

    @Test("bar chart is well-formed, titled and escapes text")
    func barChart() {
        let svg = SVGChart.bars(title: "Hồ sơ <quá hạn> & đúng hạn", items: [("Xã A & B", 1234.5), ("Phường <C>", -20), ("Thị trấn D", 0)], unit: "hồ sơ")
        #expect(Self.isWellFormed(Data(svg.utf8)))
        #expect(svg.contains(#"role="img""#) && svg.contains(#"width="100%""#) && svg.contains("viewBox="))
        #expect(svg.contains("<title>Hồ sơ &lt;quá hạn&gt; &amp; đúng hạn</title>"))
        #expect(svg.contains("1.234,5 hồ sơ"))
        #expect(!svg.contains("<script") && !svg.contains("style="))
        #expect(svg.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "no event handlers")
    }

    @Test("an all-zero bar chart is still well-formed")
    func barChartAllZero() {
        let svg = SVGChart.bars(title: "T", items: [("a", 0), ("b", 0)], unit: "")
        #expect(Self.isWellFormed(Data(svg.utf8)))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test("empty charts say there is no data")
    func emptyCharts() {
        for svg in [SVGChart.bars(title: "T", items: [], unit: ""), SVGChart.line(title: "T", points: [("Q1", nil)], unit: "")] {
            #expect(Self.isWellFormed(Data(svg.utf8)))
            #expect(svg.contains("Chưa có dữ liệu"))
        }
    }

    @Test("line chart leaves a gap for missing values")
    func lineChart() {
        let svg = SVGChart.line(title: "Tỷ lệ đúng hạn", points: [("Q1", 80), ("Q2", nil), ("Q3", 92.25), ("Q4", 95)], unit: "%")
        #expect(Self.isWellFormed(Data(svg.utf8)))
        #expect(svg.contains("<title>Tỷ lệ đúng hạn</title>"))
        #expect(svg.components(separatedBy: "<circle").count == 4)
        let path = svg.components(separatedBy: #"<path d=""#).last?.prefix { $0 != "\"" } ?? ""
        #expect(path.filter { $0 == "M" }.count == 2, "the missing Q2 starts a new segment")
        #expect(svg.contains("92,25"))
    }

    @Test("chart values use the Vietnamese number format", arguments: [
        (0.0, "0"), (1234567.0, "1.234.567"), (-12.5, "-12,5"), (0.333, "0,33"), (1000.05, "1.000,05"), (.nan, "—"),
    ])
    func vietnameseNumbers(value: Double, text: String) {
        #expect(SVGChart.format(value) == text)
    }
}
