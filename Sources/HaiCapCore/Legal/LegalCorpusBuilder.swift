import Foundation
import LegalText

/// Parses registry texts into provisions and proposes competence records from the delineation decrees.
public enum LegalCorpusBuilder {
    public struct Parsed: Sendable {
        public var info: LegalDocumentInfo
        public var document: LegalDocument
        public var provisions: [Provision]
        public var records: [CompetenceRecord]
        /// Holders read from procedure steps too, for the assistant only.
        public var readings: [CompetenceRecord]
    }

    /// Parses one text; records only for documents marked `delineation`. Results are cached per text, so the
    /// bundled decrees are read once per process.
    public static func parse(_ text: String, info: LegalDocumentInfo) throws(LegalParseError) -> Parsed {
        let key = info.number + "|" + String(info.delineation) + "|" + String(text.hashValue)
        // One parse at a time: concurrent first starts (tests) then share one result instead of each parsing.
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let cached = cache.entries[key] {
            var hit = cached
            hit.info = info
            return hit
        }
        // Some sources mix decomposed accents (NĐ 146): compare and match on the composed form.
        let document = try LegalDocumentParser().parse(text.precomposedStringWithCanonicalMapping)
        let provisions = ProvisionFlattener.provisions(of: document, number: info.number)
        let readings = readsHolders(info)
            ? AssignmentExtractor(includeProcedureSteps: true).extract(document, number: info.number, effective: info.effective, expiry: info.expiry)
            : []
        let records = info.delineation ? readings.filter { $0.notes != AssignmentExtractor.procedureStepNote } : []
        let parsed = Parsed(info: info, document: document, provisions: provisions, records: records, readings: readings)
        if cache.entries.count > 64 { cache.entries.removeAll() }
        cache.entries[key] = parsed
        return parsed
    }

    static let cache = ParseCache()

    /// Texts in force from the reform day (1/7/2025) name post-reform holders; older laws still name cấp huyện.
    public static func readsHolders(_ info: LegalDocumentInfo) -> Bool {
        info.delineation || (info.effective.flatMap(CivilDate.init(iso:)).map { $0 >= CivilDate(year: 2025, month: 7, day: 1) } ?? false
            && info.type == "Nghị định")
    }

    /// Reads the bundled `registry.json` with its texts (a closure loads a text by file name).
    public static func parseAll(_ registry: LegalRegistryFile, text: (String) throws -> String) throws -> [Parsed] {
        try registry.documents.compactMap { info in
            guard let file = info.file else { return nil }
            return try parse(try text(file), info: info)
        }
    }

    /// A knowledge base straight from parsed texts (the CLI evaluation and tests use this; the server reads the database).
    public static func knowledge(_ registry: LegalRegistryFile, parsed: [Parsed]) -> AuthorityKnowledge {
        AuthorityKnowledge(
            documents: registry.documents, provisions: parsed.flatMap(\.provisions), records: parsed.flatMap(\.records),
            changes: registry.changes, readings: parsed.flatMap(\.readings))
    }
}

/// A small process-wide cache of parsed texts (the bundled registry is parsed at seeding and again at start).
final class ParseCache: @unchecked Sendable {
    let lock = NSLock()
    var entries: [String: LegalCorpusBuilder.Parsed] = [:]
}
