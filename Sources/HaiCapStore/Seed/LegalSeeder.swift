import Foundation
import HaiCapCore
import HaiCapData
import SQLKit

/// Adds legal documents to the registry: the bundled decrees and laws on first start, and texts officials import.
public struct LegalSeeder: Sendable {
    public struct Summary: Sendable, Equatable {
        public var documents: Int
        public var provisions: Int
        public var records: Int
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The bundled `legal/registry.json`.
    public static func bundledRegistry() throws -> LegalRegistryFile {
        try JSONDecoder().decode(LegalRegistryFile.self, from: Data(BundledData.text("legal/registry.json").utf8))
    }

    /// A bundled text by its file name under `legal/`.
    public static func bundledText(_ file: String) throws -> String {
        try BundledData.text("legal/" + file)
    }

    /// Loads the bundled registry, texts, amendments and repeals, and extracted competence records, in one
    /// transaction, when the registry is empty; nil when it was not.
    public func seedIfEmpty(now: Date = Date()) async throws -> Summary? {
        guard try await LegalRepository(db: database.sql).count() == 0 else { return nil }
        let registry = try Self.bundledRegistry()
        var texts: [String: String] = [:]
        for info in registry.documents {
            if let file = info.file { texts[info.number] = try BundledData.text("legal/" + file) }
        }
        let parsed = try registry.documents.map { info in
            try texts[info.number].map { try LegalCorpusBuilder.parse($0, info: info) }
        }
        let allTexts = texts
        return try await database.transaction { db in
            let legal = LegalRepository(db: db)
            var summary = Summary(documents: 0, provisions: 0, records: 0)
            for (info, p) in zip(registry.documents, parsed) {
                try await legal.insert(
                    info, text: allTexts[info.number], provisions: p?.provisions ?? [], articles: p?.document.articles.count ?? 0,
                    bundled: true, by: "system", now: now)
                if let records = p?.records, !records.isEmpty {
                    try await CompetenceRepository(db: db).insertAll(records, by: "system", now: now)
                    summary.records += records.count
                }
                summary.documents += 1
                summary.provisions += p?.provisions.count ?? 0
            }
            for change in registry.changes { try await legal.insert(change, now: now) }
            return summary
        }
    }

    /// Adds one document an official imports, with its extracted proposals, audited in the same transaction.
    public func importDocument(_ text: String, info: LegalDocumentInfo, by actor: String, now: Date) async throws -> Summary {
        let parsed: LegalCorpusBuilder.Parsed
        do {
            parsed = try LegalCorpusBuilder.parse(text, info: info)
        } catch {
            throw HaiCapError.validation([.init(key: "file", message: "Không đọc được văn bản: \(error.description)")])
        }
        guard !parsed.document.articles.isEmpty else {
            throw HaiCapError.validation([.init(key: "file", message: "Văn bản không có điều nào (dòng bắt đầu bằng “Điều 1.”).")])
        }
        return try await database.transaction { db in
            let legal = LegalRepository(db: db)
            if try await legal.document(number: info.number) != nil {
                throw HaiCapError.conflict("Văn bản số \(info.number) đã có trong danh mục.")
            }
            try await legal.insert(info, text: text, provisions: parsed.provisions, articles: parsed.document.articles.count,
                                   bundled: false, by: actor, now: now)
            try await CompetenceRepository(db: db).insertAll(parsed.records, by: actor, now: now)
            try await AuditRepository(db: db).record(
                actor: actor, action: "legal.import", entity: "legal_document", entityID: info.number,
                before: Optional<LegalDocumentInfo>.none, after: info, now: now)
            return Summary(documents: 1, provisions: parsed.provisions.count, records: parsed.records.count)
        }
    }
}

/// Builds the assistant's knowledge from the database: the registry, reviewed records and the provincial overlay.
/// The provision index and the holder readings change only when documents do, so they are kept between builds.
public enum AuthorityKnowledgeLoader {
    final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var fingerprint = ""
        var corpus: ProvisionCorpus?
        var readings: [CompetenceRecord] = []
    }

    static let cache = Cache()

    /// A cheap summary of everything the knowledge base is built from; it changes with every write,
    /// including writes by the CLI in another process.
    public static func stamp(_ database: Database) async throws -> String {
        var parts: [String] = []
        for (table, column) in [("legal_documents", "imported_at"), ("competences", "updated_at"), ("provision_changes", "recorded_at"), ("delegations", "recorded_at")] {
            let row = try await database.sql.select()
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("MAX", args: SQLIdentifier(column)), as: "m")
                .from(table).first()
            parts.append("\(try row?.decode(column: "n", as: Int.self) ?? 0):\(try row?.decode(column: "m", as: Int64?.self) ?? 0)")
        }
        return parts.joined(separator: ",")
    }

    public static func load(_ database: Database) async throws -> AuthorityKnowledge {
        let legal = LegalRepository(db: database.sql)
        let competences = CompetenceRepository(db: database.sql)
        let summaries = try await legal.documents()
        let documents = summaries.map(\.info)
        let fingerprint = summaries.map { "\($0.info.number):\($0.articles):\($0.importedBy)" }.joined(separator: ",")
        var corpus: ProvisionCorpus?
        var readings: [CompetenceRecord] = []
        cache.lock.withLock {
            if cache.fingerprint == fingerprint {
                corpus = cache.corpus
                readings = cache.readings
            }
        }
        if corpus == nil {
            let byNumber = Dictionary(documents.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            for (number, text) in try await legal.texts() {
                guard let info = byNumber[number], LegalCorpusBuilder.readsHolders(info),
                      let parsed = try? LegalCorpusBuilder.parse(text, info: info) else { continue }
                readings += parsed.readings
            }
            let built = ProvisionCorpus(try await legal.provisions())
            corpus = built
            let found = readings
            cache.lock.withLock {
                cache.fingerprint = fingerprint
                cache.corpus = built
                cache.readings = found
            }
        }
        return AuthorityKnowledge(
            documents: documents, corpus: corpus ?? ProvisionCorpus([]), records: try await competences.all(),
            changes: try await legal.changes(), delegations: try await competences.delegations(), readings: readings)
    }
}
