import Foundation
import HaiCapCore
import SQLKit
import VietnameseText

/// Which assistant a list of officials' rules is for: the authority assistant (`authority_phrases`, decision 0003
/// §12) or the procedure assistant (`procedure_phrases`, decision 0008).
public enum PhraseBook: String, Sendable, CaseIterable {
    case authority = "authority_phrases"
    case procedures = "procedure_phrases"
}

/// Officials' rules for their own words (`ThesaurusRule`), one per folded phrase, in one `PhraseBook`.
public struct PhraseRepository: Sendable {
    let db: any SQLDatabase
    public let book: PhraseBook

    public init(db: any SQLDatabase, book: PhraseBook) {
        self.db = db
        self.book = book
    }

    var table: String { book.rawValue }

    /// Changes whenever a rule is added or removed (ids only grow), polled with the assistant's other data.
    public func stamp() async throws -> String {
        let row = try await db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("MAX", args: SQLColumn("id")), as: "latest")
            .from(table).first()
        return "\(try row?.decode(column: "n", as: Int.self) ?? 0)-\(try row?.decode(column: "latest", as: Int64?.self) ?? 0)"
    }

    /// The phrase as stored for uniqueness: folded syllables, so "Giờ giấc" and "gio giac" are one rule.
    public static func key(_ phrase: String) -> String {
        Vietnamese.tokenize(phrase).filter { $0.kind == .word }.map(\.folded).joined(separator: " ")
    }

    /// Every rule, by phrase.
    public func all() async throws -> [ThesaurusRule] {
        try await db.select().column("*").from(table).orderBy("folded").all().map(Self.rule)
    }

    public func find(id: Int64) async throws -> ThesaurusRule? {
        try await db.select().column("*").from(table).where("id", .equal, id).first().map(Self.rule)
    }

    public func find(phrase: String) async throws -> ThesaurusRule? {
        try await db.select().column("*").from(table).where("folded", .equal, Self.key(phrase)).first().map(Self.rule)
    }

    public func insert(_ rule: ThesaurusRule) async throws -> Int64 {
        let row = try await db.insert(into: table)
            .columns("phrase", "folded", "replacement", "created_by", "created_at")
            .values(SQLBind(rule.phrase), SQLBind(Self.key(rule.phrase)), SQLBind(rule.replacement), SQLBind(rule.createdBy),
                    SQLBind(Int64(rule.createdAt.timeIntervalSince1970)))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }

    public func delete(id: Int64) async throws {
        try await db.delete(from: table).where("id", .equal, id).run()
    }

    static func rule(_ row: any SQLRow) throws -> ThesaurusRule {
        ThesaurusRule(
            id: try row.decode(column: "id", as: Int64.self), phrase: try row.decode(column: "phrase", as: String.self),
            replacement: try row.decode(column: "replacement", as: String.self), createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))))
    }
}
