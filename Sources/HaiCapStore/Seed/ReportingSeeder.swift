import Foundation
import HaiCapCore
import HaiCapData

/// Adds the two bundled example regimes (one-stop desk monthly, socio-economic quarterly) on first start.
public struct ReportingSeeder: Sendable {
    struct ExamplesFile: Decodable {
        struct Example: Decodable {
            struct Regime: Decodable {
                var name: String
                var frequency: ReportFrequency
                var deadlineWorkingDays: Int
                var units: AssignedUnits
            }
            var regime: Regime
            var form: ReportFormDefinition
        }
        var examples: [Example]
    }

    /// The account bundled data is recorded under in the audit log.
    public static let systemActor = Actor.user(UserAccount(
        id: 0, username: "system", displayName: "Hệ thống", role: .admin, unitCode: nil, disabled: false, createdAt: Date(timeIntervalSince1970: 0)))

    let service: ReportingService

    public init(service: ReportingService) {
        self.service = service
    }

    /// Creates the examples when there are no forms yet; returns how many regimes it created.
    @discardableResult
    public func seedIfEmpty() async throws -> Int {
        guard try await ReportingRepository(db: service.database.sql).formCount() == 0 else { return 0 }
        let file = try JSONDecoder().decode(ExamplesFile.self, from: Data(BundledData.text("reporting/examples.json").utf8))
        for example in file.examples {
            let (formID, _) = try await service.createForm(example.form, actor: Self.systemActor)
            _ = try await service.createRegime(
                name: example.regime.name, formID: formID, frequency: example.regime.frequency,
                deadlineWorkingDays: example.regime.deadlineWorkingDays, units: example.regime.units, example: true, actor: Self.systemActor)
        }
        return file.examples.count
    }
}
