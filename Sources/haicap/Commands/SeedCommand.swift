import ArgumentParser
import HaiCapStore

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Nạp dữ liệu đi kèm (đơn vị hành chính toàn quốc) nếu chưa có.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        // withDatabase already migrates and seeds when the units table is empty; report what is there.
        let count = try await storage.withDatabase { database, config in
            try await UnitRepository(db: database.sql).list(province: nil, query: nil, page: .init(page: 1, per: 1)).total
        }
        print("Đã có \(count) đơn vị hành chính cấp xã trong cơ sở dữ liệu.")
    }
}
