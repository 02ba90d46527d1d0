import Foundation
import HaiCapCore
import HaiCapStore
import Testing

@Suite("Reporting bench fixture: a consistent synthetic dataset")
struct ReportingBenchFixtureTests {
    @Test("5 units × 4 indicators: reports, versions and aggregation values agree", arguments: TestBackend.enabled)
    func tinyDataset(backend: TestBackend) async throws {
        try await TestDatabase.withFresh(backend) { database in
            _ = try await Migrator(database: database).migrate(now: fixedNow)
            _ = try await UnitSeeder(database: database).seedIfEmpty()
            var fixture = ReportingBenchFixture(database: database, now: { fixedNow })
            fixture.rowsPerInsert = 3
            fixture.unitsPerTransaction = 2
            let units = Array(try await fixture.provinceUnitCodes("66").prefix(5))
            #expect(units.count == 5)
            #expect(try await fixture.nationalUnitCodes().count == 3_321)

            let data = try await fixture.build(name: "Thử", units: units, indicators: 4)
            #expect(data.reports == 10)
            #expect(data.values == 2 * 5 * 4)
            #expect(data.definition.indicators.map(\.key) == ["ct001", "ct002", "ct_tong", "ct_ty_le"])

            let repository = ReportingRepository(db: database.sql)
            let figures = try await repository.figures(periodID: data.periodID)
            #expect(Set(figures.keys) == Set(data.definition.indicators.map(\.key)))
            for (key, sum) in data.expectedSums {
                let figure = try #require(figures[key])
                #expect(abs(figure.sum - sum) < 1e-6, "\(key)")
                #expect(figure.count == 5)
            }
            // ct_tong is computed as ct001 + ct002, in every report and therefore in the sums.
            #expect(abs((figures["ct_tong"]?.sum ?? 0) - (figures["ct001"]?.sum ?? 0) - (figures["ct002"]?.sum ?? 0)) < 1e-6)

            for code in units {
                let report = try #require(try await repository.report(periodID: data.periodID, unitCode: code))
                #expect(report.status == .submitted)
                #expect(report.values.count == 4)
                #expect(try data.definition.check(report.values.filter { !$0.key.hasPrefix("ct_") }, forSubmit: true).isValid)
                #expect(try await repository.versions(reportID: report.id).map(\.action) == [.submit])
            }

            let service = ReportingService(database: database, provinceCode: "66", now: { fixedNow })
            let status = try await service.status(periodID: data.periodID, actor: ReportingSeeder.systemActor)
            #expect(status.expected == 5 && status.submitted == 5)
            let previous = try await repository.previousPeriod(of: try await service.period(id: data.periodID))
            #expect(previous?.id == data.previousPeriodID)
            let aggregates = try await service.aggregate(periodID: data.periodID, actor: ReportingSeeder.systemActor).aggregates
            #expect(aggregates.count == 4)
            #expect(aggregates.allSatisfy { $0.count == 5 && $0.previousAvg != nil })
            let tables = try await service.tables(periodID: data.periodID, actor: ReportingSeeder.systemActor)
            #expect(tables.units.rows.count == 5)
        }
    }

    @Test("values are deterministic and pass the form's checks at full size")
    func deterministicValues() throws {
        let form = ReportingBenchFixture.form(indicators: 100)
        try form.validate()
        #expect(form.indicators.count == 100)
        #expect(Set(form.indicators.map(\.type)) == [.integer, .decimal, .percent])
        for unit in 0..<50 {
            let values = ReportingBenchFixture.values(for: form, unit: unit, round: 1, seed: 7)
            #expect(values == ReportingBenchFixture.values(for: form, unit: unit, round: 1, seed: 7))
            #expect(values.count == 98)
            #expect(try form.check(values, forSubmit: true).isValid)
        }
        #expect(ReportingBenchFixture.values(for: form, unit: 0, round: 0, seed: 7) != ReportingBenchFixture.values(for: form, unit: 0, round: 1, seed: 7))
    }
}
