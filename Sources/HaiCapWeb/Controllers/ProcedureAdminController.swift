import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// Officials' pages: edit and verify records (province role, audited), one-stop desks, the question log.
struct ProcedureAdminController {
    let views: Views
    let database: Database
    let service: ProcedureService
    let now: @Sendable () -> Date

    struct EditForm: Decodable {
        var name: String
        var field: String
        var level: String
        var implementingAgency: String?
        var result: String?
        var conditions: String?
        var fee: String?
        var timeLimit: String?
        var verified: String?
    }

    struct EditPage {
        var p: Procedure
        var fee: String
        var timeLimit: String
        var error: String?
        var saved: Bool
    }

    struct DeskForm: Decodable {
        var address: String
        var hours: String?
        var phone: String?
    }

    struct DeskPage {
        var unitCode: String
        var unitName: String
        var address: String
        var hours: String
        var phone: String
        var saved: Bool
    }

    struct QuestionRow {
        var at: String
        var question: String
        var kindLabel: String
        var intent: String
        var procedure: String?
        var feedback: String
    }

    struct QuestionsPage {
        var rows: [QuestionRow]
        var mostAsked: [MostAsked]
        var unanswered: Bool
        var summary: String
        var pager: Pager?
    }

    struct MostAsked {
        var code: String
        var name: String
        var count: Int
    }

    static let kindLabels = ["answer": "đã trả lời", "clarify": "hỏi lại", "not_found": "không tìm thấy", "out_of_scope": "ngoài phạm vi"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/thu-tuc/{code}/sua") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let p = try await find(context)
            return try editPage(p, context: context, saved: request.query("done") != nil)
        }
        router.post("/thu-tuc/{code}/sua") { request, context in
            let official = try AccessPolicy.requireProvince(context.actor)
            var p = try await find(context)
            let form = try await request.form(EditForm.self)
            let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, !form.field.trimmingCharacters(in: .whitespaces).isEmpty, !form.level.trimmingCharacters(in: .whitespaces).isEmpty else {
                return try editPage(p, context: context, error: "Tên, lĩnh vực và cấp thực hiện không được để trống.", status: .unprocessableContent)
            }
            p.name = name
            p.field = form.field.trimmingCharacters(in: .whitespaces)
            p.level = form.level.trimmingCharacters(in: .whitespaces)
            p.implementingAgency = Self.blankToNil(form.implementingAgency)
            p.result = Self.blankToNil(form.result)
            p.conditions = Self.blankToNil(form.conditions)
            if let feeText = Self.blankToNil(form.fee) {
                let fee = Fee.parse(feeText)
                for i in p.channels.indices { p.channels[i].fee = fee }
                if p.channels.isEmpty { p.channels = [Channel(kind: .direct, timeLimit: nil, fee: fee)] }
                p.unknownFields.removeAll { $0 == "fee" }
            }
            if let timeText = Self.blankToNil(form.timeLimit) {
                for i in p.channels.indices { p.channels[i].timeLimit = TimeLimit.parse(timeText) }
                p.unknownFields.removeAll { $0 == "time_limit" }
            }
            p.verified = form.verified == "on" || form.verified == "true"
            try await ProcedureEdits.save(p, by: official.username, action: p.verified ? "procedure.verify" : "procedure.update", database: database, now: now())
            service.invalidate()
            return Views.redirect("/thu-tuc/\(p.code)/sua?done=1")
        }
        router.get("/thu-tuc/mot-cua/{unit}") { request, context in
            let unitCode = try context.parameters.require("unit")
            _ = try AccessPolicy.requireUnitAccess(context.actor, unitCode: unitCode)
            guard let unit = try await UnitRepository(db: database.sql).find(code: unitCode) else {
                throw HaiCapError.notFound("Không có đơn vị hành chính mã \(unitCode).")
            }
            let desk = try await DeskRepository(db: database.sql).find(unitCode: unitCode)
            let content = DeskPage(unitCode: unit.code, unitName: unit.name, address: desk?.address ?? "", hours: desk?.hours ?? "",
                                   phone: desk?.phone ?? "", saved: request.query("done") != nil)
            return try views.page("procedure-desk", title: "Bộ phận Một cửa \(unit.name)", content, context: context, path: "/thu-tuc")
        }
        router.post("/thu-tuc/mot-cua/{unit}") { request, context in
            let unitCode = try context.parameters.require("unit")
            let official = try AccessPolicy.requireUnitAccess(context.actor, unitCode: unitCode)
            guard try await UnitRepository(db: database.sql).find(code: unitCode) != nil else {
                throw HaiCapError.notFound("Không có đơn vị hành chính mã \(unitCode).")
            }
            let form = try await request.form(DeskForm.self)
            guard let address = Self.blankToNil(form.address), address.count <= 500 else {
                throw HaiCapError.validation([.init(key: "address", message: "Hãy nhập địa chỉ Bộ phận Một cửa (tối đa 500 ký tự).")])
            }
            try await DeskRepository.save(OneStopDesk(
                unitCode: unitCode, address: address, hours: Self.blankToNil(form.hours) ?? "", phone: Self.blankToNil(form.phone) ?? "",
                updatedAt: now(), updatedBy: official.username), database: database)
            return Views.redirect("/thu-tuc/mot-cua/\(unitCode)?done=1")
        }
        router.get("/thu-tuc/cau-hoi") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let unanswered = request.query("loc") == "chua-tra-loi"
            let page = try PageRequest(page: request.query("page"), per: nil)
            let log = AssistantLogRepository(db: database.sql)
            let paged = try await log.list(unanswered: unanswered, page: page)
            let catalog = try await service.assistant(now: now()).catalog
            let rows = paged.items.map {
                QuestionRow(at: CivilTime.display($0.at), question: $0.question, kindLabel: Self.kindLabels[$0.kind] ?? $0.kind,
                            intent: $0.intent, procedure: $0.procedureCode,
                            feedback: $0.feedback == 1 ? "👍" : $0.feedback == -1 ? "👎" : "")
            }
            let most = try await log.mostAsked(limit: 10).map { MostAsked(code: $0.code, name: catalog.procedures[$0.code]?.name ?? $0.code, count: $0.count) }
            let content = QuestionsPage(
                rows: rows, mostAsked: most, unanswered: unanswered,
                summary: "\(VietnameseNumber.integer(paged.total)) câu hỏi\(unanswered ? " chưa được trả lời (không tìm thấy, hoặc bị chấm 👎)" : ""), mới nhất trước. Số căn cước, số điện thoại, e-mail đã được che trước khi lưu.",
                pager: Pager(path: "/thu-tuc/cau-hoi", query: unanswered ? [("loc", "chua-tra-loi")] : [], paged: paged))
            return try views.page("procedure-questions", title: "Câu hỏi của người dân", content, context: context, path: "/thu-tuc")
        }
    }

    func find(_ context: AppRequestContext) async throws -> Procedure {
        let code = try context.parameters.require("code")
        guard let p = try await ProcedureRepository(db: database.sql).find(code: code) else {
            throw HaiCapError.notFound("Không có thủ tục mã \(code) trong danh mục.")
        }
        return p
    }

    func editPage(_ p: Procedure, context: AppRequestContext, error: String? = nil, saved: Bool = false, status: HTTPResponse.Status = .ok) throws -> Response {
        let content = EditPage(p: p, fee: p.channels.first?.fee.text ?? "", timeLimit: p.channels.first?.timeLimit?.text ?? "", error: error, saved: saved)
        return try views.page("procedure-edit", title: "Sửa thủ tục \(p.code)", content, context: context, path: "/thu-tuc", status: status)
    }

    static func blankToNil(_ value: String?) -> String? {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }
}
