import ArgumentParser
import Foundation
import HaiCapCore
import HaiCapStore
import HaiCapWeb

/// `haicap directives …`: directives, their assignments and exports, from the terminal.
struct DirectivesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directives", abstract: "Giám sát, điều hành: văn bản chỉ đạo, nhiệm vụ và xuất danh sách.",
        subcommands: [List.self, Show.self, Export.self, Brief.self])

    static let actor = ReportingSeeder.systemActor

    static func service(_ database: Database, _ config: AppConfig) -> DirectiveService {
        DirectiveService(database: database, provinceCode: config.provinceCode)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê văn bản chỉ đạo, mới nhất trước.")
        @Option(name: .customLong("q"), help: "Tìm theo số hiệu hoặc trích yếu.") var query: String?
        @Option(help: "Trang (mỗi trang 50 văn bản).") var page = 1
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let paged = try await storage.withDatabase { database, config in
                try await DirectivesCommand.service(database, config).directives(query: query, page: PageRequest(page: max(1, page)), actor: DirectivesCommand.actor)
            }
            guard !paged.items.isEmpty else { return print("Chưa có văn bản chỉ đạo nào\(query == nil ? "" : " khớp “\(query ?? "")”").") }
            for d in paged.items { print("\(pad(String(d.id), 6))\(pad(d.number, 20))\(d.date.vietnamese)  \(d.summary)") }
            print("Trang \(paged.page.page)/\(paged.pageCount), tổng \(paged.total) văn bản.")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xem một văn bản và tình hình các nhiệm vụ của nó. Ví dụ: haicap directives show 1")
        @Argument(help: "Mã số văn bản (xem: haicap directives list).") var id: Int64
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let (directive, items, today, names) = try await storage.withDatabase { database, config in
                let service = DirectivesCommand.service(database, config)
                let d = try await service.directive(id: id)
                let items = try await service.list(.init(directive: id), page: PageRequest(page: 1, per: 5000), actor: DirectivesCommand.actor).items
                return (d, items, service.today, try await service.provinceUnits())
            }
            print("\(directive.number) ngày \(directive.date.vietnamese) — \(directive.issuer)\(directive.signer.isEmpty ? "" : ", \(directive.signer)")")
            print(directive.summary)
            guard !items.isEmpty else { return print("Chưa giao nhiệm vụ nào theo văn bản này.") }
            for a in items {
                let unit = a.unitCode.map { "\($0) \(names[$0] ?? "")" } ?? "—"
                print("  #\(a.id)  \(pad(unit, 34)) hạn \(a.deadline.vietnamese)  \(pad(a.status(on: today).label, 30)) \(a.progress)%  \(a.state.label)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xuất danh sách nhiệm vụ ra CSV (UTF-8 có BOM) hoặc XLSX. Ví dụ: haicap directives export --status overdue --format xlsx")
        @Option(help: "Chỉ nhiệm vụ của văn bản này (mã số).") var directive: Int64?
        @Option(help: "Chỉ đơn vị chủ trì này (mã 5 chữ số).") var unit: String?
        @Option(help: "done_on_time, done_late, in_progress hoặc overdue.") var status: String?
        @Option(help: "csv hoặc xlsx.") var format = "csv"
        @Option(name: [.short, .long], help: "Tệp ghi ra (mặc định nhiem-vu.<định dạng>).") var output: String?
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            guard ["csv", "xlsx"].contains(format) else { throw ValidationError("--format phải là csv hoặc xlsx.") }
            if let status, AssignmentStatus(rawValue: status) == nil {
                throw ValidationError("--status phải là done_on_time, done_late, in_progress hoặc overdue.")
            }
        }

        func run() async throws {
            let filter = DirectiveRepository.Filter(unit: unit, directive: directive, status: status.flatMap(AssignmentStatus.init(rawValue:)))
            let sheet = try await storage.withDatabase { database, config in
                try await DirectivesCommand.service(database, config).exportTable(filter, actor: DirectivesCommand.actor)
            }
            let path = output ?? "nhiem-vu.\(format)"
            let data: Data
            if format == "csv" {
                data = CSVDocument.data(header: sheet.header, rows: sheet.rows.map { $0.map { cell in
                    switch cell {
                    case .text(let t): t
                    case .number(let n): String(Int64(n))
                    case .empty: ""
                    }
                } })
            } else {
                data = XLSXWorkbook.data(sheets: [sheet])
            }
            do {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CLIError("Không ghi được tệp \(path): \(error.localizedDescription)")
            }
            print("Đã ghi \(sheet.rows.count) nhiệm vụ vào \(path).")
        }
    }

    struct Brief: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In bản tin tuần: việc quá hạn, ở đâu, từ bao giờ.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            print(try await storage.withDatabase { database, config in
                try await DirectivesCommand.service(database, config).weeklyBrief(actor: DirectivesCommand.actor)
            })
        }
    }
}
