import Foundation
import VietnameseText

/// The CSV template officials fill in Excel (see docs/procedure-template.md): one procedure a row.
///
/// Multi-valued cells hold one item a line (Alt+Enter in Excel); items with parts separate them with `|`.
public enum ProcedureCSV {
    /// Column names of the template, in order.
    public static let columns = [
        "ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "cap_thuc_hien", "co_quan_thuc_hien", "doi_tuong",
        "giay_to", "thoi_han", "le_phi", "cach_thuc", "muc_do_truc_tuyen", "trinh_tu", "dieu_kien",
        "ket_qua", "can_cu_phap_ly", "tu_khoa", "nguon",
    ]
    static let required = ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "cap_thuc_hien"]

    /// Every data row as a record or a reason; a missing required column rejects every row with that reason.
    public static func rows(_ text: String) -> [ImportRow] {
        let table = parse(text)
        guard let header = table.first else { return [] }
        let names = header.map { Vietnamese.fold($0).replacingOccurrences(of: " ", with: "_") }
        let missing = required.filter { !names.contains($0) }
        var rows: [ImportRow] = []
        for (offset, cells) in table.dropFirst().enumerated() {
            let line = offset + 2
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard missing.isEmpty else {
                rows.append(ImportRow(line: line, outcome: .failure(ImportRowError("tệp thiếu cột bắt buộc: \(missing.joined(separator: ", "))"))))
                continue
            }
            var cell: [String: String] = [:]
            for (i, name) in names.enumerated() where i < cells.count {
                let value = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { cell[name] = value }
            }
            rows.append(ImportRow(line: line, outcome: Result { try procedure(cell) }.mapError { $0 as? ImportRowError ?? ImportRowError("\($0)") }))
        }
        return rows
    }

    static func procedure(_ cell: [String: String]) throws -> Procedure {
        guard let code = cell["ma_thu_tuc"] else { throw ImportRowError("thiếu mã thủ tục (cột ma_thu_tuc)") }
        guard FieldParsing.isValidCode(code) else { throw ImportRowError("mã thủ tục “\(code)” không hợp lệ") }
        guard let name = cell["ten_thu_tuc"] else { throw ImportRowError("thiếu tên thủ tục (cột ten_thu_tuc)") }
        guard let field = cell["linh_vuc"] else { throw ImportRowError("thiếu lĩnh vực (cột linh_vuc)") }
        guard let level = cell["cap_thuc_hien"] else { throw ImportRowError("thiếu cấp thực hiện (cột cap_thuc_hien)") }

        // "[Trường hợp] Tên giấy tờ | mẫu | bản chính | bản sao"
        var cases: [ProcedureCase] = []
        for line in lines(cell["giay_to"]) {
            var rest = Substring(line)
            var caseName = ""
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                caseName = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                rest = rest[rest.index(after: close)...]
            }
            let parts = rest.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let docName = parts.first, !docName.isEmpty else { continue }
            func int(_ i: Int) throws -> Int? {
                guard parts.count > i, !parts[i].isEmpty else { return nil }
                guard let n = Int(parts[i]) else { throw ImportRowError("số bản “\(parts[i])” của giấy tờ “\(docName)” không phải số") }
                return n
            }
            let doc = RequiredDocument(name: docName, form: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil, originals: try int(2), copies: try int(3))
            if let i = cases.firstIndex(where: { $0.name == caseName }) { cases[i].documents.append(doc) } else {
                cases.append(ProcedureCase(name: caseName, documents: [doc]))
            }
        }
        let kinds = lines(cell["cach_thuc"]).flatMap { $0.split(separator: ",") }.compactMap { FieldParsing.channelKind(String($0)) }
        let timeLimit = FieldParsing.timeLimit(cell["thoi_han"])
        if let raw = cell["thoi_han"], timeLimit?.value == nil, FieldParsing.leadingNumber(raw) == nil, Vietnamese.fold(raw).contains("ngay") {
            throw ImportRowError("thời hạn “\(raw)” cần có số, ví dụ “5 ngày làm việc”")
        }
        let fee = FieldParsing.fee(cell["le_phi"])
        let channels = (kinds.isEmpty ? [.direct] : kinds).map { Channel(kind: $0, timeLimit: timeLimit, fee: fee) }
        let legal = lines(cell["can_cu_phap_ly"]).map { line -> LegalBasis in
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let title = parts.count > 1 ? parts[1] : line
            return LegalBasis(citation: FieldParsing.citation(parts[0]) ?? parts[0], title: title)
        }
        var unknown: [String] = []
        if cell["le_phi"] == nil { unknown.append("fee") }
        if cell["thoi_han"] == nil { unknown.append("time_limit") }
        return Procedure(
            code: code, name: name, field: field, level: level, implementingAgency: cell["co_quan_thuc_hien"],
            subjects: cell["doi_tuong"], cases: cases, channels: channels, steps: lines(cell["trinh_tu"]),
            conditions: cell["dieu_kien"], result: cell["ket_qua"], legalBasis: legal,
            onlineLevel: FieldParsing.onlineLevel(cell["muc_do_truc_tuyen"]),
            source: ProcedureSource(name: cell["nguon"] ?? "Nhập từ mẫu CSV của cán bộ"),
            verified: false, unknownFields: unknown, keywords: lines(cell["tu_khoa"]).flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            codeIsNational: code.first?.isNumber ?? false, curated: true)
    }

    static func lines(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// RFC 4180 CSV; the delimiter is `,` or `;` (Excel with Vietnamese regional settings), chosen from the header.
    ///
    /// Read scalar by scalar, not Character by Character: a combining mark right after a delimiter or a quote
    /// (a cell starting with U+0301) would otherwise fuse with it into one Character and hide it.
    static func parse(_ text: String) -> [[String]] {
        let headerLine = text.unicodeScalars.prefix { !CSVDocument.isLineBreak($0) }
        let delimiter: Unicode.Scalar = headerLine.filter { $0 == ";" }.count > headerLine.filter { $0 == "," }.count ? ";" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let ch = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" && field.isEmpty {
                quoted = true
            } else if ch == delimiter {
                row.append(String(field)); field = .init()
            } else if CSVDocument.isLineBreak(ch) {
                // CR LF ends one row.
                if ch == "\r", let next = iterator.next(), next != "\n" { pending = next }
                row.append(String(field)); field = .init()
                rows.append(row); row = []
            } else {
                field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(field)); rows.append(row) }
        return rows
    }
}
