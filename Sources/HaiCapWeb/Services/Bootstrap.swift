import Foundation
import HaiCapCore
import HaiCapStore
import Logging
import SQLKit

/// First-start work: migrate, import the bundled units, create the first administrator.
/// Every step is idempotent, so a second start reuses everything.
public struct Bootstrap: Sendable {
    public struct Outcome: Sendable {
        public var appliedMigrations: [Int]
        public var seeded: UnitSeeder.Summary?
        /// Bundled procedure records added on this start (nil when none were missing).
        public var procedures: ImportSummary?
        /// What this release's bundled legal data changed in a registry seeded earlier (nil on first start or when nothing did).
        public var legal: LegalSeeder.Refresh?
        /// Set only when the administrator was just created with a generated password.
        public var generatedAdminPassword: String?
        public var adminCreated: Bool
    }

    let database: Database
    let config: AppConfig
    let now: @Sendable () -> Date

    public init(database: Database, config: AppConfig, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.config = config
        self.now = now
    }

    /// On PostgreSQL, instances starting together take turns: the first imports the bundled data, the others then
    /// find it there (a session advisory lock, released when the connection closes even if the process dies).
    public func run() async throws -> Outcome {
        guard database.dialect == .postgres else { return try await steps() }
        return try await database.sql.withSession { session in
            try await session.raw("SELECT pg_advisory_lock(\(bind: Self.bootstrapLockKey))").run()
            do {
                let outcome = try await steps()
                try await session.raw("SELECT pg_advisory_unlock(\(bind: Self.bootstrapLockKey))").run()
                return outcome
            } catch {
                _ = try? await session.raw("SELECT pg_advisory_unlock(\(bind: Self.bootstrapLockKey))").run()
                throw error
            }
        }
    }

    /// Distinct from the migrations' transaction lock (7426001).
    static let bootstrapLockKey: Int64 = 7_426_002

    private func steps() async throws -> Outcome {
        let applied = try await Migrator(database: database).migrate(now: now())
        let seeded = try await UnitSeeder(database: database).seedIfEmpty()
        let legalSeeder = LegalSeeder(database: database)
        var legal: LegalSeeder.Refresh?
        if try await legalSeeder.seedIfEmpty(now: now()) == nil {
            let refresh = try await legalSeeder.refreshBundled(now: now())
            legal = refresh.isEmpty ? nil : refresh
        }
        let procedures = try await ProcedureSeeder(database: database).seedMissing(now: now())
        try await ReportingSeeder(service: ReportingService(database: database, provinceCode: config.provinceCode, now: now)).seedIfEmpty()
        var generated: String?
        var created = false
        if try await UserRepository(db: database.sql).count() == 0 {
            let password = config.adminPassword ?? Self.oneTimePassword()
            if config.adminPassword == nil { generated = password }
            _ = try await Accounts(database: database, bcryptCost: config.bcryptCost, now: now).create(
                username: "admin", displayName: "Quản trị viên", password: password, role: .admin, unitCode: nil, by: "system")
            created = true
        }
        return Outcome(appliedMigrations: applied.map(\.version), seeded: seeded, procedures: procedures, legal: legal, generatedAdminPassword: generated, adminCreated: created)
    }

    /// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
