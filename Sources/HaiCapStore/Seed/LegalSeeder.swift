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

    /// The bundled registry with each document's text and what parsing it gives.
    static func bundled() throws -> (registry: LegalRegistryFile, documents: [(info: LegalDocumentInfo, text: String?, parsed: LegalCorpusBuilder.Parsed?)]) {
        let registry = try Self.bundledRegistry()
        let documents = try registry.documents.map { info in
            let text = try info.file.map { try BundledData.text("legal/" + $0) }
            return (info, text, try text.map { try LegalCorpusBuilder.parse($0, info: info) })
        }
        return (registry, documents)
    }

    /// Loads the bundled registry, texts, amendments and repeals, and extracted competence records, in one
    /// transaction, when the registry is empty; nil when it was not.
    public func seedIfEmpty(now: Date = Date()) async throws -> Summary? {
        guard try await LegalRepository(db: database.sql).count() == 0 else { return nil }
        let bundle = try Self.bundled()
        return try await database.transaction { db in
            let legal = LegalRepository(db: db)
            var summary = Summary(documents: 0, provisions: 0, records: 0)
            for (info, text, parsed) in bundle.documents {
                try await legal.insert(
                    info, text: text, provisions: parsed?.provisions ?? [], articles: parsed?.document.articles.count ?? 0,
                    bundled: true, by: Self.actor, now: now)
                if let records = parsed?.records, !records.isEmpty {
                    try await CompetenceRepository(db: db).insertAll(records, by: Self.actor, now: now)
                    summary.records += records.count
                }
                summary.documents += 1
                summary.provisions += parsed?.provisions.count ?? 0
            }
            for change in bundle.registry.changes { try await legal.insert(change, now: now) }
            return summary
        }
    }

    /// The account bundled data is written under; a record still under it has not been touched by a person.
    static let actor = "system"

    /// What `refreshBundled` changed; `isEmpty` when it wrote nothing.
    public struct Refresh: Codable, Sendable, Equatable {
        public var documentsAdded = 0
        public var documentsUpdated = 0
        public var textsReplaced = 0
        public var recordsAdded = 0
        public var recordsUpdated = 0
        public var recordsRemoved = 0
        /// Extracted records not added because a person already reviewed or edited a record at that provision.
        public var recordsLeftToReviewers = 0
        public var changesAdded = 0

        public var isEmpty: Bool {
            var written = self
            written.recordsLeftToReviewers = 0
            return written == Refresh()
        }
    }

    /// Brings a registry seeded by an earlier release up to the bundled data of this one, without touching anyone's
    /// work: bundled documents that are missing are added; the facts and text of bundled documents follow the
    /// bundled files; competence records nobody has touched (still `extracted`, written by the system) are reworded,
    /// added or removed as the current extraction reads the text; records a person reviewed, rejected or edited stay
    /// as they are, and no new record is added at a provision such a record cites. Documents officials imported and
    /// amendments they recorded are never changed. One transaction, audited when anything changed.
    public func refreshBundled(now: Date = Date()) async throws -> Refresh {
        let bundle = try Self.bundled()
        return try await database.transaction { db in
            let legal = LegalRepository(db: db)
            let competences = CompetenceRepository(db: db)
            let stored = Dictionary(try await legal.documents().map { ($0.info.number, $0) }, uniquingKeysWith: { a, _ in a })
            let storedTexts = Dictionary(try await legal.texts().map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a })
            var refresh = Refresh()
            for (info, text, parsed) in bundle.documents {
                guard let existing = stored[info.number] else {
                    try await legal.insert(
                        info, text: text, provisions: parsed?.provisions ?? [], articles: parsed?.document.articles.count ?? 0,
                        bundled: true, by: Self.actor, now: now)
                    try await competences.insertAll(parsed?.records ?? [], by: Self.actor, now: now)
                    refresh.documentsAdded += 1
                    refresh.recordsAdded += parsed?.records.count ?? 0
                    continue
                }
                guard existing.bundled else { continue }
                if existing.info != info {
                    try await legal.update(info)
                    refresh.documentsUpdated += 1
                }
                if let text, let parsed, storedTexts[info.number] != text {
                    try await legal.replaceText(info, text: text, provisions: parsed.provisions,
                                                articles: parsed.document.articles.count, now: now)
                    refresh.textsReplaced += 1
                }
                try await Self.refreshRecords(parsed?.records ?? [], document: info.number, in: competences, now: now, into: &refresh)
            }
            let known = Set(try await legal.changes().map(Self.identity))
            for change in bundle.registry.changes where !known.contains(Self.identity(change)) {
                try await legal.insert(change, now: now)
                refresh.changesAdded += 1
            }
            if !refresh.isEmpty {
                try await AuditRepository(db: db).record(
                    actor: Self.actor, action: "legal.refresh", entity: "legal_registry", entityID: "bundled",
                    before: Optional<Refresh>.none, after: refresh, now: now)
            }
            return refresh
        }
    }

    /// Pairs the stored records of one document with a fresh extraction by record key (document, provision, holder).
    static func refreshRecords(
        _ fresh: [CompetenceRecord], document: String, in competences: CompetenceRepository, now: Date, into refresh: inout Refresh
    ) async throws {
        func location(_ r: CompetenceRecord) -> String { [r.article, r.clause ?? "-", r.point ?? "-"].joined(separator: "|") }
        var untouched: [String: [CompetenceRecord]] = [:]
        var reviewed = Set<String>()
        var reviewedAt = Set<String>()
        for (record, by) in try await competences.authored(document: document) {
            if record.status == .extracted && by == actor {
                untouched[record.key, default: []].append(record)
            } else {
                reviewed.insert(record.key)
                reviewedAt.insert(location(record))
            }
        }
        var additions: [CompetenceRecord] = []
        for record in fresh {
            if let old = untouched[record.key]?.first, let id = old.id {
                untouched[record.key]?.removeFirst()
                var rewritten = record
                rewritten.id = id
                rewritten.status = old.status
                rewritten.notes = old.notes
                if rewritten != old {
                    try await competences.replaceExtraction(id: id, with: record, by: actor, now: now)
                    refresh.recordsUpdated += 1
                }
            } else if reviewed.contains(record.key) {
                continue
            } else if reviewedAt.contains(location(record)) {
                refresh.recordsLeftToReviewers += 1
            } else {
                additions.append(record)
            }
        }
        try await competences.insertAll(additions, by: actor, now: now)
        refresh.recordsAdded += additions.count
        let stale = untouched.values.flatMap { $0 }.compactMap(\.id)
        try await competences.delete(ids: stale)
        refresh.recordsRemoved += stale.count
    }

    static func identity(_ c: ProvisionChange) -> String {
        [c.kind.rawValue, c.document, c.article, c.clause ?? "-", c.point ?? "-", c.byDocument].joined(separator: "|")
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
        for (table, column) in [("legal_documents", "imported_at"), ("competences", "updated_at"), ("provision_changes", "recorded_at"), ("delegations", "recorded_at"), ("authority_phrases", "id")] {
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
            changes: try await legal.changes(), delegations: try await competences.delegations(), readings: readings,
            phrases: try await PhraseRepository(db: database.sql, book: .authority).all())
    }
}
