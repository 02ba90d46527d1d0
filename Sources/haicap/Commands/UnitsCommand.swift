import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore

struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units", abstract: "Tra cứu đơn vị hành chính sau 01/7/2025.",
        subcommands: [List.self, Show.self, Where.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê đơn vị cấp xã (mặc định: tỉnh đang cấu hình).")
        @Option(help: "Mã tỉnh 2 chữ số; 'all' cho toàn quốc.") var province: String?
        @Option(name: .customLong("q"), help: "Lọc theo tên (không phân biệt dấu).") var query: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let (units, total) = try await storage.withDatabase { database, config in
                let code = province == "all" ? nil : (province ?? config.provinceCode)
                let page = try await UnitRepository(db: database.sql).list(province: code, query: query, page: .init(page: 1, per: 5000))
                return (page.items, page.total)
            }
            for unit in units { print("\(unit.code)  \(pad(unit.name, 32))\(unit.provinceName)") }
            print("Tổng: \(total) đơn vị.")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem một đơn vị theo mã 5 chữ số.")
        @Argument(help: "Mã đơn vị, ví dụ 22015.") var code: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let (unit, predecessors) = try await storage.withDatabase { database, _ in
                let repository = UnitRepository(db: database.sql)
                guard let unit = try await repository.find(code: code) else {
                    throw CLIError("Không có đơn vị hành chính mã \(code).")
                }
                return (unit, try await repository.predecessors(of: code))
            }
            print("\(unit.name) (mã \(unit.code)) — \(unit.type.label), \(unit.provinceName)")
            if let area = unit.areaKm2 { print("Diện tích: \(area) km²") }
            if let lat = unit.latitude, let lon = unit.longitude { print("Tọa độ: \(lat), \(lon)") }
            if !predecessors.isEmpty {
                print("Hình thành từ:")
                for m in predecessors { print("  - \(m.oldFullName) (\(m.relation == .whole ? "toàn bộ" : "một phần"))") }
            }
        }
    }

    struct Where: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xã, phường cũ nay thuộc đơn vị nào? Ví dụ: haicap units where \"xã Hòa An, huyện Phú Hòa\"")
        @Argument(help: "Tên đơn vị cũ, có thể kèm huyện cũ; có dấu hoặc không dấu.") var text: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let found = try await storage.withDatabase { database, _ in
                UnitLookup(mappings: try await UnitRepository(db: database.sql).mappings()).lookup(text)
            }
            guard !found.isEmpty else {
                throw CLIError("Không tìm thấy đơn vị cũ nào khớp với “\(text)”. Hãy kiểm tra tên, hoặc ghi kèm huyện cũ.")
            }
            for m in found {
                let relation = m.relation == .whole ? "toàn bộ" : (m.isDefault ? "một phần (phần chính)" : "một phần")
                print("\(m.oldFullName) → \(m.newUnitName) (mã \(m.newUnitCode)) — \(relation)")
            }
        }
    }
}
