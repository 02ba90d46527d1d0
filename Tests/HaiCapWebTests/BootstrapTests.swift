import Foundation
import HaiCapCore
@testable import HaiCapStore
@testable import HaiCapWeb
import SQLKit
import Testing

@Suite("First start")
struct BootstrapTests {
    @Test("first start seeds 3,321 units, 102 for Đắk Lắk, and a second start reuses everything", arguments: TestBackend.enabled)
    func firstStartSeedsAndSecondStartIsIdempotent(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            var config = TestApp.config()
            config.adminPassword = nil
            let first = try await Bootstrap(database: database, config: config, now: { fixedNow }).run()
            #expect(first.appliedMigrations == Migrator.all.map(\.version))
            #expect(first.seeded == UnitSeeder.Summary(provinces: 34, units: 3321, mappings: 294))
            #expect(first.adminCreated)
            let generated = try #require(first.generatedAdminPassword)
            #expect(generated.count == 16)

            let units = UnitRepository(db: database.sql)
            #expect(try await units.list(province: nil, query: nil, page: .init()).total == 3321)
            #expect(try await units.list(province: "66", query: nil, page: .init()).total == 102)
            let accounts = Accounts(database: database, bcryptCost: 4)
            #expect(try await accounts.authenticate(username: "admin", password: generated)?.role == .admin)

            let second = try await Bootstrap(database: database, config: config, now: { fixedNow }).run()
            #expect(second.appliedMigrations.isEmpty)
            #expect(second.seeded == nil)
            #expect(second.legal == nil, "the bundled legal data is already there")
            #expect(!second.adminCreated)
            #expect(second.generatedAdminPassword == nil)
            #expect(try await units.list(province: nil, query: nil, page: .init()).total == 3321)
            #expect(try await UserRepository(db: database.sql).count() == 1)
        }
    }

    @Test("instances starting together on an empty PostgreSQL database take turns: both start, data imported once",
          arguments: TestBackend.enabled.filter { $0 == .postgres })
    func concurrentFirstStarts(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            let config = TestApp.config()
            // Two bootstraps on separate pooled connections, as two `haicap serve` would run them.
            async let a = Bootstrap(database: database, config: config, now: { fixedNow }).run()
            async let b = Bootstrap(database: database, config: config, now: { fixedNow }).run()
            let outcomes = try await [a, b]
            #expect(outcomes.filter { $0.seeded != nil }.count == 1)
            #expect(outcomes.filter(\.adminCreated).count == 1)
            let units = try await database.sql.raw("SELECT COUNT(*) AS n FROM units").first()?.decode(column: "n", as: Int.self)
            #expect(units == 3_321)
        }
    }

    @Test("a configured administrator password is used and never printed", arguments: TestBackend.enabled)
    func configuredAdminPassword(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            let outcome = try await Bootstrap(database: database, config: TestApp.config(), now: { fixedNow }).run()
            #expect(outcome.generatedAdminPassword == nil)
            let accounts = Accounts(database: database, bcryptCost: 4)
            #expect(try await accounts.authenticate(username: "admin", password: TestApp.adminPassword) != nil)
        }
    }

    @Test("a password hashed at a lower bcrypt cost is hashed again at the configured cost on the next login", arguments: TestBackend.enabled)
    func rehashOnLogin(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            _ = try await Bootstrap(database: database, config: TestApp.config(), now: { fixedNow }).run()
            let weak = Accounts(database: database, bcryptCost: 4)
            _ = try await weak.create(username: "xa.eakao", displayName: nil, password: "password-123", role: .commune, unitCode: "24121", by: "test")
            func storedCost() async throws -> Int? {
                try await UserRepository(db: database.sql).credentials(username: "xa.eakao").flatMap { Accounts.cost(of: $0.passwordHash) }
            }
            #expect(try await storedCost() == 4)
            let stronger = Accounts(database: database, bcryptCost: 5)
            #expect(try await stronger.authenticate(username: "xa.eakao", password: "wrong-password") == nil)
            #expect(try await storedCost() == 4, "a failed login changes nothing")
            #expect(try await stronger.authenticate(username: "xa.eakao", password: "password-123") != nil)
            #expect(try await storedCost() == 5)
            #expect(try await weak.authenticate(username: "xa.eakao", password: "password-123") != nil, "never lowered")
            #expect(try await storedCost() == 5)
        }
    }

    @Test("the CLI and the server share one SQLite file: a user added by a second connection is seen at once")
    func secondConnectionSeesChanges() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("haicap.sqlite").path
        let server = try await Database.open(.sqliteFile(path), logger: TestDatabase.logger)
        _ = try await Bootstrap(database: server, config: TestApp.config(), now: { fixedNow }).run()
        let cli = try await Database.open(.sqliteFile(path), logger: TestDatabase.logger)
        _ = try await Accounts(database: cli, bcryptCost: 4).create(
            username: "xa.tanlap", displayName: nil, password: "password-123", role: .commune, unitCode: "24121", by: "cli")
        try await cli.close()
        let seen = try await UserRepository(db: server.sql).find(username: "xa.tanlap")
        try await server.close()
        #expect(seen?.unitCode == "24121")
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults: SQLite in ./haicap-data, Đắk Lắk, port 8080")
    func defaults() throws {
        let config = try AppConfig.parse { _ in nil }
        #expect(config.port == 8080)
        #expect(config.provinceCode == "66")
        #expect(config.database == .sqliteFile(URL(fileURLWithPath: "./haicap-data").appendingPathComponent("haicap.sqlite").path))
    }

    @Test("DATABASE_URL selects PostgreSQL")
    func postgresURL() throws {
        let config = try AppConfig.parse { $0 == "DATABASE_URL" ? "postgres://u:p@db:5432/haicap" : nil }
        #expect(config.database == .postgres(url: "postgres://u:p@db:5432/haicap"))
    }

    @Test("every bad value is reported, naming its key")
    func badValuesNameTheirKeys() throws {
        let values = ["HAICAP_PORT": "80x", "HAICAP_PROVINCE": "Dak Lak", "DATABASE_URL": "mysql://x", "HAICAP_SECURE_COOKIES": "maybe"]
        do {
            _ = try AppConfig.parse { values[$0] }
            Issue.record("expected a ConfigError")
        } catch let error as ConfigError {
            #expect(error.problems.count == 4)
            for key in values.keys { #expect(error.description.contains(key)) }
        }
    }

    @Test("flags win over the environment, which wins over .env")
    func precedence() throws {
        let envFile = FileManager.default.temporaryDirectory.appendingPathComponent("haicap-\(UUID().uuidString).env")
        try "# comment\nHAICAP_PORT=7001\nHAICAP_PROVINCE='01'\nHAICAP_HOSTNAME=0.0.0.0\n".write(to: envFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: envFile) }
        let config = try AppConfig.load(
            flags: ["HAICAP_PORT": "7003"], environment: ["HAICAP_PORT": "7002", "HAICAP_PROVINCE": "79"], envFile: envFile.path)
        #expect(config.port == 7003)
        #expect(config.provinceCode == "79")
        #expect(config.hostname == "0.0.0.0")
    }
}
