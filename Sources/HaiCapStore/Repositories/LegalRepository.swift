import Foundation
import HaiCapCore
import SQLKit

/// A registry document as listed: its facts, where it came from, and how many articles it has.
public struct LegalDocumentSummary: Sendable, Equatable {
    public var info: LegalDocumentInfo
    public var articles: Int
    public var bundled: Bool
    public var importedBy: String
}

/// Legal documents, their provisions, and recorded amendments and repeals.
public struct LegalRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    private struct DocumentRow: Decodable {
        var number: String
        var doc_type: String
        var title: String
        var issuer: String
        var issued: String?
        var effective: String?
        var expiry: String?
        var expiry_condition: String?
        var source: String
        var unverified: String
        var delineation: Bool
        var file_name: String?
        var bundled: Bool
        var articles: Int
        var imported_by: String

        var summary: LegalDocumentSummary {
            let info = LegalDocumentInfo(
                number: number, type: doc_type, title: title, issuer: issuer, issued: issued, effective: effective,
                expiry: expiry, expiryCondition: expiry_condition, file: file_name, source: source,
                unverified: unverified.split(separator: ",").map(String.init), delineation: delineation)
            return LegalDocumentSummary(info: info, articles: articles, bundled: bundled, importedBy: imported_by)
        }
    }

    static let documentColumns = [
        "number", "doc_type", "title", "issuer", "issued", "effective", "expiry", "expiry_condition", "source", "unverified",
        "delineation", "file_name", "bundled", "articles", "imported_by",
    ]

    public func count() async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("legal_documents")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every document, newest effective date first.
    public func documents() async throws -> [LegalDocumentSummary] {
        try await db.select().columns(Self.documentColumns.map { SQLIdentifier($0) }).from("legal_documents")
            .orderBy("number").all(decoding: DocumentRow.self).map(\.summary)
    }

    public func document(number: String) async throws -> LegalDocumentSummary? {
        try await db.select().columns(Self.documentColumns.map { SQLIdentifier($0) }).from("legal_documents")
            .where("number", .equal, number).first(decoding: DocumentRow.self)?.summary
    }

    /// The full texts, for rebuilding holder readings at start.
    public func texts() async throws -> [(number: String, text: String)] {
        try await db.select().columns("number", "body").from("legal_documents").where("body", .isNot, SQLLiteral.null).all().map {
            (try $0.decode(column: "number", as: String.self), try $0.decode(column: "body", as: String.self))
        }
    }

    /// Adds a document with its provisions; the caller runs this inside a transaction.
    public func insert(
        _ info: LegalDocumentInfo, text: String?, provisions: [Provision], articles: Int, bundled: Bool, by: String, now: Date
    ) async throws {
        try await db.insert(into: "legal_documents")
            .columns("number", "doc_type", "title", "issuer", "issued", "effective", "expiry", "expiry_condition", "source",
                     "unverified", "delineation", "body", "file_name", "bundled", "articles", "imported_at", "imported_by")
            .values(
                SQLBind(info.number), SQLBind(info.type), SQLBind(info.title), SQLBind(info.issuer), SQLBind(info.issued),
                SQLBind(info.effective), SQLBind(info.expiry), SQLBind(info.expiryCondition), SQLBind(info.source),
                SQLBind(info.unverified.joined(separator: ",")), SQLBind(info.delineation), SQLBind(text), SQLBind(info.file),
                SQLBind(bundled), SQLBind(articles), SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(by))
            .run()
        try await insertProvisions(provisions, document: info.number)
    }

    /// Rewrites a document's facts (dates, title, source) as the registry now gives them.
    public func update(_ info: LegalDocumentInfo) async throws {
        try await db.update("legal_documents")
            .set("doc_type", to: SQLBind(info.type)).set("title", to: SQLBind(info.title)).set("issuer", to: SQLBind(info.issuer))
            .set("issued", to: SQLBind(info.issued)).set("effective", to: SQLBind(info.effective))
            .set("expiry", to: SQLBind(info.expiry)).set("expiry_condition", to: SQLBind(info.expiryCondition))
            .set("source", to: SQLBind(info.source)).set("unverified", to: SQLBind(info.unverified.joined(separator: ",")))
            .set("delineation", to: SQLBind(info.delineation)).set("file_name", to: SQLBind(info.file))
            .where("number", .equal, info.number).run()
    }

    /// Replaces a document's text and provisions (a corrected bundled text); the caller runs this inside a transaction.
    public func replaceText(_ info: LegalDocumentInfo, text: String, provisions: [Provision], articles: Int, now: Date) async throws {
        try await db.update("legal_documents")
            .set("body", to: SQLBind(text)).set("articles", to: SQLBind(articles))
            .set("imported_at", to: SQLBind(Int64(now.timeIntervalSince1970)))
            .where("number", .equal, info.number).run()
        try await db.delete(from: "legal_provisions").where("document", .equal, info.number).run()
        try await insertProvisions(provisions, document: info.number)
    }

    private func insertProvisions(_ provisions: [Provision], document: String) async throws {
        for batch in stride(from: 0, to: provisions.count, by: 200) {
            let insert = db.insert(into: "legal_provisions")
                .columns("document", "position", "kind", "article", "clause", "point", "anchor", "article_title", "body")
            for p in provisions[batch..<min(batch + 200, provisions.count)] {
                insert.values(
                    SQLBind(document), SQLBind(p.position), SQLBind(p.kind.rawValue), SQLBind(p.article), SQLBind(p.clause),
                    SQLBind(p.point), SQLBind(p.anchor), SQLBind(p.articleTitle), SQLBind(p.text))
            }
            try await insert.run()
        }
    }

    private struct ProvisionRow: Decodable {
        var document: String
        var position: Int
        var kind: String
        var article: String
        var clause: String?
        var point: String?
        var article_title: String
        var body: String

        var provision: Provision {
            Provision(
                document: document, kind: Provision.Kind(rawValue: kind) ?? .article, article: article, clause: clause,
                point: point, articleTitle: article_title, text: body, position: position)
        }
    }

    /// Provisions of one document in order, or of all documents.
    public func provisions(document: String? = nil) async throws -> [Provision] {
        let query = db.select().columns("document", "position", "kind", "article", "clause", "point", "article_title", "body")
            .from("legal_provisions")
        if let document { query.where("document", .equal, document) }
        return try await query.orderBy("document").orderBy("position").all(decoding: ProvisionRow.self).map(\.provision)
    }

    private struct ChangeRow: Decodable {
        var id: Int64
        var kind: String
        var document: String
        var article: String
        var clause: String?
        var point: String?
        var by_document: String
        var effective: String?
        var not_before: String?
        var note: String
        var source: String
        var recorded_by: String

        var change: ProvisionChange {
            ProvisionChange(
                id: id, kind: ProvisionChange.Kind(rawValue: kind) ?? .amendment, document: document, article: article,
                clause: clause, point: point, byDocument: by_document, effective: effective, notBefore: not_before,
                note: note, source: source, recordedBy: recorded_by)
        }
    }

    public func changes(document: String? = nil) async throws -> [ProvisionChange] {
        let query = db.select().column("*").from("provision_changes")
        if let document { query.where("document", .equal, document) }
        return try await query.orderBy("id").all(decoding: ChangeRow.self).map(\.change)
    }

    /// Records an amendment or repeal; returns its id.
    @discardableResult
    public func insert(_ change: ProvisionChange, now: Date) async throws -> Int64 {
        let row = try await db.insert(into: "provision_changes")
            .columns("kind", "document", "article", "clause", "point", "by_document", "effective", "not_before", "note",
                     "source", "recorded_by", "recorded_at")
            .values(
                SQLBind(change.kind.rawValue), SQLBind(change.document), SQLBind(change.article), SQLBind(change.clause),
                SQLBind(change.point), SQLBind(change.byDocument), SQLBind(change.effective), SQLBind(change.notBefore),
                SQLBind(change.note), SQLBind(change.source), SQLBind(change.recordedBy), SQLBind(Int64(now.timeIntervalSince1970)))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }
}
