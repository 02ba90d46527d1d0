import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb

/// `haicap report …`: reporting regimes, periods, who has reported, and exports, from the terminal.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Báo cáo hai cấp: chế độ, kỳ báo cáo, tình hình gửi và xuất số liệu.",
        subcommands: [Regimes.self, Periods.self, Status.self, Export.self])

    /// The terminal operator acts with the administrator's reach (the machine is already trusted).
    static let actor = ReportingSeeder.systemActor

    static func service(_ database: Database, _ config: AppConfig) -> ReportingService {
        ReportingService(database: database, provinceCode: config.provinceCode)
    }

    struct Regimes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các chế độ báo cáo.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let regimes = try await storage.withDatabase { database, config in try await ReportCommand.service(database, config).regimes() }
            guard !regimes.isEmpty else { return print("Chưa có chế độ báo cáo nào.") }
            for r in regimes {
                let units: String = switch r.units {
                case .all: "tất cả xã, phường"
                case .list(let codes): "\(codes.count) đơn vị"
                }
                print("\(pad(String(r.id), 5))\(pad(r.frequency.label, 11))\(r.name) — hạn \(r.deadlineWorkingDays) ngày làm việc sau ngày chốt; \(units)\(r.example ? " [ví dụ]" : "")")
            }
        }
    }

    struct Periods: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các kỳ của một chế độ báo cáo (mới nhất trước). Ví dụ: haicap report periods 1")
        @Argument(help: "Mã số chế độ báo cáo (xem: haicap report regimes).") var regime: Int64
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let periods = try await storage.withDatabase { database, config in
                try await ReportCommand.service(database, config).periods(regimeID: regime)
            }
            guard !periods.isEmpty else { return print("Chế độ này chưa có kỳ báo cáo nào (chế độ đột xuất: tạo kỳ trên trang web hoặc qua API).") }
            print("\(pad("Mã kỳ", 8))\(pad("Kỳ", 30))\(pad("Số liệu từ – đến", 26))Hạn gửi")
            for p in periods {
                print("\(pad(String(p.id), 8))\(pad(p.label, 30))\(pad("\(p.from.vietnamese) – \(p.to.vietnamese)", 26))\(p.deadline.vietnamese)")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tình hình gửi báo cáo của một kỳ: đủ, đúng hạn, đơn vị chưa gửi. Ví dụ: haicap report status 3")
        @Argument(help: "Mã số kỳ báo cáo (xem: haicap report periods <chế độ>).") var period: Int64
        @Flag(help: "In dạng JSON.") var json = false
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let (period, status, names) = try await storage.withDatabase { database, config in
                let service = ReportCommand.service(database, config)
                return (try await service.period(id: self.period), try await service.status(periodID: self.period, actor: ReportCommand.actor), try await service.unitNames())
            }
            if json {
                let object: [String: Any] = ["expected": status.expected, "submitted": status.submitted, "onTime": status.onTime,
                                             "late": status.late, "accepted": status.accepted, "returned": status.returned, "missing": status.missing]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                return print(String(decoding: data, as: UTF8.self))
            }
            print("\(period.label) (số liệu \(period.from.vietnamese) – \(period.to.vietnamese), hạn gửi \(period.deadline.vietnamese))")
            print("Đã gửi: \(status.submitted)/\(status.expected) (\(VietnameseNumber.decimal(status.completeness * 100, digits: 1))%)")
            print("Đúng hạn: \(status.onTime); trễ hạn: \(status.late); đã tiếp nhận: \(status.accepted); bị trả lại chờ gửi lại: \(status.returned)")
            if status.missing.isEmpty {
                print("Tất cả đơn vị đã gửi.")
            } else {
                print("Chưa gửi (\(status.missing.count)):")
                for code in status.missing { print("  \(code)  \(names[code] ?? "")") }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xuất số liệu một kỳ ra CSV (UTF-8 có BOM, mở được bằng Excel) hoặc XLSX. Ví dụ: haicap report export 3 --format xlsx")
        @Argument(help: "Mã số kỳ báo cáo.") var period: Int64
        @Option(help: "csv hoặc xlsx.") var format = "csv"
        @Option(name: [.short, .long], help: "Tệp ghi ra (mặc định: bao-cao-ky-<mã>.<định dạng> trong thư mục hiện tại).") var output: String?
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            guard ["csv", "xlsx"].contains(format) else { throw ValidationError("--format phải là csv hoặc xlsx.") }
        }

        func run() async throws {
            let tables = try await storage.withDatabase { database, config in
                try await ReportCommand.service(database, config).tables(periodID: period, actor: ReportCommand.actor)
            }
            let path = output ?? "bao-cao-ky-\(period).\(format)"
            let data = format == "csv" ? tables.csv : tables.xlsx
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError("Không ghi được tệp \(path): \(error.localizedDescription)")
            }
            print("Đã ghi \(tables.units.rows.count) đơn vị của “\(tables.title)” vào \(path).")
        }
    }
}
