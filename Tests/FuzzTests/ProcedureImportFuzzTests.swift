import Foundation
@testable import HaiCapCore
import Testing

/// The procedure importers: the national database's JSON Lines, the officials' CSV template, and a round trip
/// of what the CSV writer produces through the CSV reader.
extension FuzzTests {
    @Suite("Fuzz: procedure importers")
    struct ProcedureImportFuzz {
        @Test("JSON Lines records")
        func jsonLines() throws {
            let runner = try FuzzRunner(target: "procedures-jsonl", mutator: Mutator(tokens: FuzzTokens.json + FuzzTokens.common))
            runner.run { bytes in try Self.checkImport(bytes, format: .jsonLines) }
        }

        @Test("CSV template rows, and the format guessed from the content")
        func csv() throws {
            let runner = try FuzzRunner(target: "procedures-csv", mutator: Mutator(tokens: FuzzTokens.csv + FuzzTokens.common))
            runner.run { bytes in
                try Self.checkImport(bytes, format: .csv)
                try Self.checkImport(bytes, format: nil)
            }
        }

        @Test("cells written by CSVDocument read back unchanged")
        func csvRoundTrip() throws {
            let runner = try FuzzRunner(
                target: "csv-round-trip", mutator: Mutator(tokens: FuzzTokens.csv + FuzzTokens.common, maxLength: 16 * 1024, allowInvalidUTF8: false))
            runner.run { bytes in
                // The input is the material; a generator seeded from it cuts it into cells at arbitrary scalars.
                let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
                var rng = SplitMix64(seed: bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
                var rows: [[String]] = []
                for _ in 0..<(1 + rng.below(6)) {
                    rows.append((0..<(1 + rng.below(ProcedureCSV.columns.count))).map { _ in
                        guard !scalars.isEmpty, !rng.oneIn(5) else { return "" }
                        let start = rng.below(scalars.count)
                        let end = min(scalars.count, start + rng.below(40))
                        var cell = String.UnicodeScalarView()
                        cell.append(contentsOf: scalars[start..<end])
                        return String(cell)
                    })
                }
                let data = CSVDocument.data(header: ProcedureCSV.columns, rows: rows)
                try ensure(data.starts(with: [0xEF, 0xBB, 0xBF]), "no byte-order mark")
                let parsed = ProcedureCSV.parse(String(decoding: data.dropFirst(3), as: UTF8.self))
                let expected = [ProcedureCSV.columns] + rows.map { $0.map(Self.defused) }
                if parsed != expected {
                    let row = zip(parsed, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(parsed.count, expected.count)
                    let wrote = row < expected.count ? expected[row] : []
                    let read = row < parsed.count ? parsed[row] : []
                    throw PropertyViolation(description: "row \(row) written as \(Self.scalars(wrote)) read back as \(Self.scalars(read))")
                }
                // And the importer reads every row of it without stopping.
                let imported = try ProcedureImport.read(data, fileName: "x.csv")
                try ensure(imported.count <= rows.count, "\(imported.count) rows imported from \(rows.count)")
            }
        }

        static func scalars(_ cells: [String]) -> String {
            cells.map { $0.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined() }
                .description
        }

        /// What `CSVDocument` stores for a cell: formula-like text gets a leading apostrophe.
        static func defused(_ value: String) -> String {
            if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !CSVDocument.isPlainNumber(value) {
                return "'" + value
            }
            return value
        }

        /// Reads an import file; every row is a record or a reason, and every record can be stored as JSON.
        static func checkImport(_ bytes: [UInt8], format: ProcedureImport.Format?) throws {
            let rows: [ImportRow]
            do {
                rows = try ProcedureImport.read(Data(bytes), format: format, fileName: "fuzz")
            } catch {
                try ensure(String(validating: bytes, as: UTF8.self) == nil, "valid UTF-8 refused: \(error)")
                return
            }
            let lineCount = bytes.filter { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }.count + 1
            var previous = 0
            let encoder = JSONEncoder()
            for row in rows {
                try ensure(row.line > previous, "row numbers not increasing: \(row.line) after \(previous)")
                try ensure(row.line <= lineCount + bytes.count, "row \(row.line) beyond the file")
                previous = row.line
                switch row.outcome {
                case .success(let procedure):
                    try ensure(FieldParsing.isValidCode(procedure.code), "accepted code “\(procedure.code)”")
                    // Records are stored as JSON text: one that cannot be encoded would fail the whole import.
                    let stored = try encoder.encode(procedure)
                    let back = try JSONDecoder().decode(Procedure.self, from: stored)
                    try ensure(back.code == procedure.code && back.name == procedure.name, "stored record reads back different")
                case .failure(let error):
                    try ensure(!error.reason.isEmpty, "a row skipped without a reason")
                }
            }
        }
    }
}
