import Foundation

/// One row of an import file, read into a record or rejected with a Vietnamese reason.
public struct ImportRow: Sendable {
    /// 1-based line (JSONL) or row (CSV, counting the header) in the file.
    public var line: Int
    public var outcome: Result<Procedure, ImportRowError>

    public init(line: Int, outcome: Result<Procedure, ImportRowError>) {
        self.line = line
        self.outcome = outcome
    }
}

/// Why a row was skipped.
public struct ImportRowError: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// What an import did: records added, changed, already identical, and rows skipped with their reasons.
public struct ImportSummary: Sendable, Equatable, Codable {
    public struct Skipped: Sendable, Equatable, Codable {
        public var line: Int
        public var code: String?
        public var reason: String
        public init(line: Int, code: String?, reason: String) {
            self.line = line
            self.code = code
            self.reason = reason
        }
    }

    public var imported: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var skipped: [Skipped] = []

    public init() {}
}

/// Reads procedure files: the national database's JSON Lines (with HaiCap's `haicap` extension) or the CSV template.
public enum ProcedureImport {
    public enum Format: Sendable { case jsonLines, csv }

    /// Rows of a file; invalid UTF-8 stops the whole file with a clear error, a bad row never does.
    public static func read(_ data: Data, format: Format? = nil, fileName: String = "tệp") throws(HaiCapError) -> [ImportRow] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badRequest("\(fileName) không phải văn bản UTF-8 hợp lệ (byte lỗi ở vị trí \(firstInvalidUTF8(data))). Hãy lưu lại tệp với mã hóa UTF-8, ví dụ trong Excel chọn “CSV UTF-8”.")
        }
        let stripped = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let chosen = format ?? (fileName.lowercased().hasSuffix(".csv") || !stripped.drop(while: \.isWhitespace).hasPrefix("{") ? .csv : .jsonLines)
        switch chosen {
        case .jsonLines: return NationalRecordParser.rows(stripped)
        case .csv: return ProcedureCSV.rows(stripped)
        }
    }

    static func firstInvalidUTF8(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
