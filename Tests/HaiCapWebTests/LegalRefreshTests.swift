import Foundation
import HaiCapCore
@testable import HaiCapStore
@testable import HaiCapWeb
import SQLKit
import Testing

/// A registry seeded by an earlier release is brought up to this release's bundled data on start, and nobody's
/// review or edit is undone.
@Suite("Bundled legal data on upgrade")
struct LegalRefreshTests {
    static let decree = "140/2025/NĐ-CP"

    func seeded(_ database: Database) async throws -> (LegalSeeder, CompetenceRepository) {
        _ = try await Migrator(database: database).migrate(now: fixedNow)
        let seeder = LegalSeeder(database: database)
        #expect(try await seeder.seedIfEmpty(now: fixedNow) != nil)
        return (seeder, CompetenceRepository(db: database.sql))
    }

    func refreshAudits(_ database: Database) async throws -> Int {
        try await database.sql.select().column("id").from("audit_log").where("action", .equal, "legal.refresh").all().count
    }

    @Test("a registry that matches the bundled data is left as it is: nothing written, nothing audited", arguments: TestBackend.enabled)
    func unchanged(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            let (seeder, competences) = try await seeded(database)
            let before = try await competences.all()
            #expect(try await seeder.refreshBundled(now: fixedNow.addingTimeInterval(60)).isEmpty)
            #expect(try await competences.all() == before)
            #expect(try await refreshAudits(database) == 0)
        }
    }

    @Test("an older release's registry gets missing documents, texts, facts, changes and records; reviewed and edited records stay",
          arguments: TestBackend.enabled)
    func upgrade(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            let (seeder, competences) = try await seeded(database)
            let sql = database.sql
            let later = fixedNow.addingTimeInterval(3_600)
            let bundledCount = try await competences.count()

            // Five records of NĐ 140 at five different provisions, each the only record with its key.
            let all = try await competences.authored(document: Self.decree).map(\.record)
            let keys = Dictionary(grouping: all, by: \.key)
            let locations = Dictionary(grouping: all) { [$0.article, $0.clause ?? "-", $0.point ?? "-"].joined(separator: "|") }
            let single = all.filter { keys[$0.key]?.count == 1 && locations[[$0.article, $0.clause ?? "-", $0.point ?? "-"].joined(separator: "|")]?.count == 1 }
            try #require(single.count >= 5)
            let (reworded, deleted, verified, edited, rejected) = (single[0], single[1], single[2], single[3], single[4])

            // What an earlier release might have stored: other wording, a record it missed, one it read wrongly.
            try await sql.update("competences").set("power", to: "quyền đọc sai").where("id", .equal, reworded.id!).run()
            try await competences.delete(ids: [deleted.id!])
            var wrong = reworded
            wrong.article = "999"
            try await competences.insertAll([wrong], by: "system", now: fixedNow)
            // Officials' work since then.
            var checked = verified
            checked.status = .verified
            checked.notes = "Đã đối chiếu văn bản gốc."
            checked.power = "cách diễn đạt của cán bộ"
            try await competences.update(checked, by: "tinh.phapche", now: fixedNow)
            var corrected = edited
            corrected.holder = edited.holder == "chu_tich_ubnd_tinh" ? "ubnd_tinh" : "chu_tich_ubnd_tinh"
            try await competences.update(corrected, by: "tinh.phapche", now: fixedNow)
            var refused = rejected
            refused.status = .rejected
            try await competences.update(refused, by: "tinh.phapche", now: fixedNow)
            // A document, a change, a text and a date the earlier release did not have or had otherwise.
            try await sql.delete(from: "competences").where("document", .equal, "146/2025/NĐ-CP").run()
            try await sql.delete(from: "legal_provisions").where("document", .equal, "146/2025/NĐ-CP").run()
            try await sql.delete(from: "legal_documents").where("number", .equal, "146/2025/NĐ-CP").run()
            let changes = try await LegalRepository(db: sql).changes()
            try #require(!changes.isEmpty)
            try await sql.delete(from: "provision_changes").where("id", .equal, changes[0].id!).run()
            try await sql.update("legal_documents").set("expiry", to: "2026-01-01").where("number", .equal, Self.decree).run()
            let provisions = try await LegalRepository(db: sql).provisions(document: "120/2025/NĐ-CP").count
            try await sql.update("legal_documents").set("body", to: "Điều 1. Văn bản cũ").where("number", .equal, "120/2025/NĐ-CP").run()
            try await sql.delete(from: "legal_provisions").where("document", .equal, "120/2025/NĐ-CP").run()

            let refresh = try await seeder.refreshBundled(now: later)
            let bundled146 = try await competences.authored(document: "146/2025/NĐ-CP").count
            #expect(refresh.documentsAdded == 1)
            #expect(refresh.documentsUpdated == 1)
            #expect(refresh.textsReplaced == 1)
            #expect(refresh.changesAdded == 1)
            #expect(refresh.recordsUpdated == 1)
            #expect(refresh.recordsRemoved == 1)
            #expect(refresh.recordsAdded == bundled146 + 1)
            #expect(refresh.recordsLeftToReviewers == 1)

            let after = try await competences.authored(document: Self.decree)
            func find(_ r: CompetenceRecord) -> [(record: CompetenceRecord, by: String)] { after.filter { $0.record.key == r.key } }
            #expect(find(reworded).map(\.record.power) == [reworded.power], "unreviewed wording follows the extraction")
            #expect(find(reworded).first?.record.id == reworded.id, "reworded in place")
            #expect(find(deleted).count == 1 && find(deleted).first?.record.status == .extracted, "a missed record is added")
            #expect(!after.contains { $0.record.article == "999" }, "a record the extraction no longer reads is removed")
            #expect(find(checked).map(\.record) == [checked], "a verified record keeps the official's wording and notes")
            #expect(find(corrected).map(\.record) == [corrected], "an edited holder stays")
            #expect(find(edited).isEmpty, "the record the official corrected is not added again beside it")
            #expect(find(refused).map(\.record.status) == [.rejected], "a rejected record stays rejected, once")
            #expect(try await competences.count() == bundledCount)
            #expect(try await LegalRepository(db: sql).changes().count == changes.count)
            #expect(try await LegalRepository(db: sql).document(number: Self.decree)?.info.expiry == "2027-03-01")
            #expect(try await LegalRepository(db: sql).provisions(document: "120/2025/NĐ-CP").count == provisions)
            #expect(try await refreshAudits(database) == 1)

            #expect(try await seeder.refreshBundled(now: later.addingTimeInterval(60)).isEmpty, "a second start changes nothing")
            #expect(try await refreshAudits(database) == 1)
        }
    }

    @Test("a document an official imported under a bundled number is theirs: not rewritten", arguments: TestBackend.enabled)
    func importedDocumentStays(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            let (seeder, competences) = try await seeded(database)
            let sql = database.sql
            try await sql.update("legal_documents").set("bundled", to: false).set("title", to: "Bản do tỉnh nhập")
                .where("number", .equal, Self.decree).run()
            try await sql.update("competences").set("power", to: "bản của tỉnh").where("document", .equal, Self.decree).run()
            #expect(try await seeder.refreshBundled(now: fixedNow).isEmpty)
            #expect(try await LegalRepository(db: sql).document(number: Self.decree)?.info.title == "Bản do tỉnh nhập")
            #expect(try await competences.authored(document: Self.decree).allSatisfy { $0.record.power == "bản của tỉnh" })
        }
    }
}
