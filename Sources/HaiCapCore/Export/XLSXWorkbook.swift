import Foundation

/// One cell of an exported worksheet.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case empty
}

/// One worksheet: a bold, frozen header row followed by data rows.
public struct XLSXSheet: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[XLSXCell]]
    /// Column widths in Excel character units; `nil` sizes columns from their content.
    public var columnWidths: [Double]?

    public init(name: String, header: [String], rows: [[XLSXCell]], columnWidths: [Double]? = nil) {
        self.name = name
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
    }
}

/// Writes a minimal Office Open XML (.xlsx) workbook that Excel, LibreOffice and Google Sheets open.
///
/// Strings are written inline (`t="inlineStr"`) rather than through a shared-strings part: simpler, and
/// the files stay small enough for the reports HaiCap exports.
public enum XLSXWorkbook {
    /// The `.xlsx` bytes for `sheets`, in order; an empty list still yields one empty sheet, as Excel needs one.
    public static func data(sheets: [XLSXSheet]) -> Data {
        let sheets = sheets.isEmpty ? [XLSXSheet(name: "", header: [], rows: [])] : sheets
        let names = sheetNames(sheets.map(\.name))
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", data: Data(contentTypes(sheetCount: sheets.count).utf8))
        zip.add("_rels/.rels", data: Data(packageRelationships.utf8))
        zip.add("docProps/app.xml", data: Data(appProperties.utf8))
        zip.add("xl/workbook.xml", data: Data(workbook(names: names).utf8))
        zip.add("xl/_rels/workbook.xml.rels", data: Data(workbookRelationships(sheetCount: sheets.count).utf8))
        zip.add("xl/styles.xml", data: Data(styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", data: Data(worksheet(sheet).utf8))
        }
        return zip.data
    }

    /// Names Excel accepts: no `[]:*?/\`, at most 31 UTF-16 units, no leading or trailing `'`, unique ignoring case.
    static func sheetNames(_ requested: [String]) -> [String] {
        var taken: Set<String> = ["history"]  // reserved by Excel
        var result: [String] = []
        let trim = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "'"))
        for (index, raw) in requested.enumerated() {
            var name = ""
            for ch in raw.precomposedStringWithCanonicalMapping {
                switch ch {
                case "/", "\\", ":": name.append("-")
                case "[", "]", "*", "?": continue
                default:
                    if ch.unicodeScalars.allSatisfy({ $0.value >= 0x20 && XMLText.isLegal($0) }) { name.append(ch) }
                }
            }
            name = name.trimmingCharacters(in: trim)
            if name.isEmpty { name = "Trang \(index + 1)" }
            var candidate = truncated(name, to: 31).trimmingCharacters(in: trim)
            var counter = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = truncated(name, to: 31 - suffix.utf16.count).trimmingCharacters(in: trim) + suffix
                counter += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// The longest prefix of whole characters within `limit` UTF-16 units, the unit Excel counts in.
    static func truncated(_ text: String, to limit: Int) -> String {
        var result = ""
        var units = 0
        for ch in text {
            units += ch.utf16.count
            if units > limit { break }
            result.append(ch)
        }
        return result
    }

    /// `A`, …, `Z`, `AA`, … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A locale-free number Excel parses; `nil` for NaN and infinities, which a cell cannot hold.
    static func numberText(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"  // shortest representation that round-trips, e.g. 0.1 or 1.5e-07
    }

    static func worksheet(_ sheet: XLSXSheet) -> String {
        var table: [[XLSXCell]] = []
        if !sheet.header.isEmpty { table.append(sheet.header.map { .text($0) }) }
        table += sheet.rows
        let columnCount = table.map(\.count).max() ?? 0
        var xml = xmlDeclaration
        xml += #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        if columnCount > 0 {
            xml += #"<dimension ref="A1:\#(columnName(columnCount - 1))\#(table.count)"/>"#
        }
        xml += #"<sheetViews><sheetView workbookViewId="0">"#
        if !sheet.header.isEmpty {
            xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        xml += "</sheetView></sheetViews>"
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        let widths = sheet.columnWidths ?? estimatedWidths(table, columnCount: columnCount)
        if !widths.isEmpty {
            xml += "<cols>"
            for (i, width) in widths.enumerated() where width.isFinite && width > 0 {
                xml += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(numberText(min(width, 255)) ?? "10")" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in table.enumerated() {
            let isHeader = r == 0 && !sheet.header.isEmpty
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = "\(columnName(c))\(r + 1)"
                let style = isHeader ? #" s="1""# : ""
                switch cell {
                case .text(let text) where !text.isEmpty:
                    xml += #"<c r="\#(ref)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(cellText(text))</t></is></c>"#
                case .number(let value):
                    if let number = numberText(value) { xml += #"<c r="\#(ref)"\#(style)><v>\#(number)</v></c>"# }
                case .text, .empty:
                    continue
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// Escaped cell text, cut to Excel's 32 767-character limit, with literal `_xHHHH_` protected from decoding.
    static func cellText(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.utf16.count > 32_767 { text = truncated(text, to: 32_767) }
        if text.contains("_x") {
            text = text.replacingOccurrences(of: #"_(x[0-9A-Fa-f]{4}_)"#, with: "_x005F_$1", options: .regularExpression)
        }
        return XMLText.escape(text)
    }

    static func estimatedWidths(_ table: [[XLSXCell]], columnCount: Int) -> [Double] {
        var widths = Array(repeating: 8.0, count: columnCount)
        for row in table.prefix(500) {
            for (c, cell) in row.enumerated() {
                let length: Int
                switch cell {
                case .text(let text): length = text.split(whereSeparator: \.isNewline).map(\.count).max() ?? 0
                case .number(let value): length = numberText(value)?.count ?? 0
                case .empty: length = 0
                }
                widths[c] = max(widths[c], min(60, Double(length) + 2))
            }
        }
        return widths
    }
}
