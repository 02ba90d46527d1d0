/// The fixed package parts of an `.xlsx` file; only the sheet list varies.
extension XLSXWorkbook {
    static let xmlDeclaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let contentType = "application/vnd.openxmlformats-officedocument"

    static func contentTypes(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(contentType).spreadsheetml.sheet.main+xml"/>"#
        for n in 1...max(sheetCount, 1) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(n).xml" ContentType="\#(contentType).spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(contentType).spreadsheetml.styles+xml"/>"#
        xml += #"<Override PartName="/docProps/app.xml" ContentType="\#(contentType).extended-properties+xml"/>"#
        xml += "</Types>"
        return xml
    }

    static var packageRelationships: String {
        xmlDeclaration + #"<Relationships xmlns="\#(packageRelationshipNamespace)">"#
            + #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="\#(relationshipNamespace)/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>"
    }

    static var appProperties: String {
        xmlDeclaration
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
            + "<Application>HaiCap</Application></Properties>"
    }

    static func workbook(names: [String]) -> String {
        var xml = xmlDeclaration
        xml += #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, name) in names.enumerated() {
            xml += #"<sheet name="\#(XMLText.escape(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        xml += "</sheets></workbook>"
        return xml
    }

    /// Worksheets are `rId1`…`rIdN`; styles come after them.
    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = xmlDeclaration + #"<Relationships xmlns="\#(packageRelationshipNamespace)">"#
        for n in 1...max(sheetCount, 1) {
            xml += #"<Relationship Id="rId\#(n)" Type="\#(relationshipNamespace)/worksheet" Target="worksheets/sheet\#(n).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(max(sheetCount, 1) + 1)" Type="\#(relationshipNamespace)/styles" Target="styles.xml"/>"#
        xml += "</Relationships>"
        return xml
    }

    /// Style 0 is the default; style 1 (`s="1"`) is the bold header on a light grey fill.
    static var styles: String {
        xmlDeclaration + #"<styleSheet xmlns="\#(mainNamespace)">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
            + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFEAEEF2"/><bgColor indexed="64"/></patternFill></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }
}
