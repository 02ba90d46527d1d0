import Foundation
import HaiCapCore
import SQLKit
import VietnameseText

/// Competence records (thẩm quyền) and the province's delegation decisions.
public struct CompetenceRepository: Sendable {
    let db: any SQLDatabase

    public init(db: any SQLDatabase) {
        self.db = db
    }

    private struct Row: Decodable {
        var id: Int64
        var power: String
        var field: String
        var holder: String
        var holder_text: String
        var previous_holder: String?
        var mode: String
        var document: String
        var article: String
        var clause: String?
        var point: String?
        var refers_json: String
        var quote: String
        var condition_text: String?
        var effective: String?
        var expiry: String?
        var status: String
        var notes: String

        var record: CompetenceRecord {
            CompetenceRecord(
                id: id, power: power, field: field, holder: holder, holderText: holder_text, previousHolder: previous_holder,
                mode: AuthorityMode(rawValue: mode) ?? .delineation, document: document, article: article, clause: clause,
                point: point, refersTo: (try? JSONDecoder().decode([String].self, from: Data(refers_json.utf8))) ?? [],
                quote: quote, condition: condition_text, effective: effective, expiry: expiry,
                status: CompetenceStatus(rawValue: status) ?? .extracted, notes: notes)
        }
    }

    /// Filtered by document, status and words of the power, holder or quote (case and diacritics ignored).
    public func list(document: String?, status: CompetenceStatus?, query: String?, page: PageRequest) async throws -> Paged<CompetenceRecord> {
        func filtered(_ b: SQLSelectBuilder) -> SQLSelectBuilder {
            if let document { b.where("document", .equal, document) }
            if let status { b.where("status", .equal, status.rawValue) }
            return b
        }
        let rows = try await filtered(db.select().column("*").from("competences")).orderBy("id").all(decoding: Row.self)
        var records = rows.map(\.record)
        if let query, !query.isEmpty {
            let words = Vietnamese.fold(query).lowercased().split(separator: " ").map(String.init)
            records = records.filter { r in
                let hay = Vietnamese.fold(r.power + " " + r.holderText + " " + r.quote + " " + Holder.label(r.holder)).lowercased()
                return words.allSatisfy { hay.contains($0) }
            }
        }
        let total = records.count
        let items = Array(records.dropFirst(page.offset).prefix(page.per))
        return Paged(items: items, total: total, page: page)
    }

    public func all() async throws -> [CompetenceRecord] {
        try await db.select().column("*").from("competences").orderBy("id").all(decoding: Row.self).map(\.record)
    }

    public func find(id: Int64) async throws -> CompetenceRecord? {
        try await db.select().column("*").from("competences").where("id", .equal, id).first(decoding: Row.self)?.record
    }

    public func count(status: CompetenceStatus? = nil) async throws -> Int {
        let q = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("competences")
        if let status { q.where("status", .equal, status.rawValue) }
        return try await q.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Adds many records in a few statements (first start, imports); ids are not returned.
    public func insertAll(_ records: [CompetenceRecord], by: String, now: Date) async throws {
        for start in stride(from: 0, to: records.count, by: 100) {
            let insert = db.insert(into: "competences")
                .columns("record_key", "power", "field", "holder", "holder_text", "previous_holder", "mode", "document", "article",
                         "clause", "point", "refers_json", "quote", "condition_text", "effective", "expiry", "status", "notes",
                         "updated_at", "updated_by")
            for r in records[start..<min(start + 100, records.count)] {
                insert.values(
                    SQLBind(r.key), SQLBind(r.power), SQLBind(r.field), SQLBind(r.holder), SQLBind(r.holderText),
                    SQLBind(r.previousHolder), SQLBind(r.mode.rawValue), SQLBind(r.document), SQLBind(r.article), SQLBind(r.clause),
                    SQLBind(r.point), SQLBind(Self.json(r.refersTo)), SQLBind(r.quote), SQLBind(r.condition), SQLBind(r.effective),
                    SQLBind(r.expiry), SQLBind(r.status.rawValue), SQLBind(r.notes), SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(by))
            }
            try await insert.run()
        }
    }

    /// Adds records; returns their ids in order.
    @discardableResult
    public func insert(_ records: [CompetenceRecord], by: String, now: Date) async throws -> [Int64] {
        var ids: [Int64] = []
        for r in records {
            let row = try await db.insert(into: "competences")
                .columns("record_key", "power", "field", "holder", "holder_text", "previous_holder", "mode", "document", "article",
                         "clause", "point", "refers_json", "quote", "condition_text", "effective", "expiry", "status", "notes",
                         "updated_at", "updated_by")
                .values(
                    SQLBind(r.key), SQLBind(r.power), SQLBind(r.field), SQLBind(r.holder), SQLBind(r.holderText),
                    SQLBind(r.previousHolder), SQLBind(r.mode.rawValue), SQLBind(r.document), SQLBind(r.article), SQLBind(r.clause),
                    SQLBind(r.point), SQLBind(Self.json(r.refersTo)), SQLBind(r.quote), SQLBind(r.condition), SQLBind(r.effective),
                    SQLBind(r.expiry), SQLBind(r.status.rawValue), SQLBind(r.notes), SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(by))
                .returning("id").first()
            ids.append(try row?.decode(column: "id", as: Int64.self) ?? 0)
        }
        return ids
    }

    /// Saves every editable field and the status of one record.
    public func update(_ r: CompetenceRecord, by: String, now: Date) async throws {
        guard let id = r.id else { throw HaiCapError.notFound("Không tìm thấy bản ghi thẩm quyền.") }
        try await db.update("competences")
            .set("record_key", to: SQLBind(r.key)).set("power", to: SQLBind(r.power)).set("field", to: SQLBind(r.field))
            .set("holder", to: SQLBind(r.holder)).set("holder_text", to: SQLBind(r.holderText))
            .set("previous_holder", to: SQLBind(r.previousHolder)).set("mode", to: SQLBind(r.mode.rawValue))
            .set("condition_text", to: SQLBind(r.condition)).set("status", to: SQLBind(r.status.rawValue))
            .set("notes", to: SQLBind(r.notes)).set("updated_at", to: SQLBind(Int64(now.timeIntervalSince1970)))
            .set("updated_by", to: SQLBind(by))
            .where("id", .equal, id).run()
    }

    /// One document's records with who last wrote each ("system" for records nobody has touched).
    public func authored(document: String) async throws -> [(record: CompetenceRecord, by: String)] {
        struct Authored: Decodable { var updated_by: String }
        let rows = try await db.select().column("*").from("competences").where("document", .equal, document).orderBy("id").all()
        return try rows.map { (try $0.decode(model: Row.self).record, try $0.decode(model: Authored.self).updated_by) }
    }

    /// Rewrites what extraction produced for one record (its wording, holder and citation), keeping status and notes.
    public func replaceExtraction(id: Int64, with r: CompetenceRecord, by: String, now: Date) async throws {
        try await db.update("competences")
            .set("record_key", to: SQLBind(r.key)).set("power", to: SQLBind(r.power)).set("field", to: SQLBind(r.field))
            .set("holder", to: SQLBind(r.holder)).set("holder_text", to: SQLBind(r.holderText))
            .set("previous_holder", to: SQLBind(r.previousHolder)).set("mode", to: SQLBind(r.mode.rawValue))
            .set("article", to: SQLBind(r.article)).set("clause", to: SQLBind(r.clause)).set("point", to: SQLBind(r.point))
            .set("refers_json", to: SQLBind(Self.json(r.refersTo))).set("quote", to: SQLBind(r.quote))
            .set("condition_text", to: SQLBind(r.condition)).set("effective", to: SQLBind(r.effective))
            .set("expiry", to: SQLBind(r.expiry)).set("updated_at", to: SQLBind(Int64(now.timeIntervalSince1970)))
            .set("updated_by", to: SQLBind(by))
            .where("id", .equal, id).run()
    }

    public func delete(ids: [Int64]) async throws {
        for start in stride(from: 0, to: ids.count, by: 200) {
            try await db.delete(from: "competences")
                .where("id", .in, Array(ids[start..<min(start + 200, ids.count)])).run()
        }
    }

    static func json(_ value: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "[]"
    }

    // MARK: Delegations

    private struct DelegationRow: Decodable {
        var id: Int64
        var number: String
        var delegator: String
        var delegate: String
        var scope: String
        var valid_from: String
        var valid_to: String?
        var note: String
    }

    public func delegations() async throws -> [DelegationDecision] {
        try await db.select().column("*").from("delegations").orderBy("id").all(decoding: DelegationRow.self).map {
            DelegationDecision(id: $0.id, number: $0.number, delegator: $0.delegator, delegate: $0.delegate, scope: $0.scope,
                               validFrom: $0.valid_from, validTo: $0.valid_to, note: $0.note)
        }
    }

    @discardableResult
    public func insert(_ d: DelegationDecision, by: String, now: Date) async throws -> Int64 {
        let row = try await db.insert(into: "delegations")
            .columns("number", "delegator", "delegate", "scope", "valid_from", "valid_to", "note", "recorded_at", "recorded_by")
            .values(SQLBind(d.number), SQLBind(d.delegator), SQLBind(d.delegate), SQLBind(d.scope), SQLBind(d.validFrom),
                    SQLBind(d.validTo), SQLBind(d.note), SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(by))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }
}
