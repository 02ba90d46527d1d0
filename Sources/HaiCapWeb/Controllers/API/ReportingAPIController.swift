import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/api/v1/report-forms`, `/regimes`, `/periods/…`, `/calendar/days`: two-level reporting as JSON.
struct ReportingAPIController {
    let service: ReportingService
    let database: Database
    let now: @Sendable () -> Date

    struct Created: ResponseEncodable {
        var id: Int64
        var version: Int?
    }

    struct FormDTO: ResponseEncodable {
        var id: Int64
        var version: Int
        var currentVersion: Int
        var name: String
        var description: String?
        var example: Bool
        var indicators: [Indicator]
        var rules: [FormRule]
        var outline: [OutlineItem]
        var createdAt: String
        var createdBy: String
    }

    struct NewRegime: Decodable {
        var name: String
        var form: Int64
        var frequency: String
        var deadlineWorkingDays: Int
        var units: AssignedUnits
    }

    struct RegimeDTO: ResponseEncodable {
        var id: Int64
        var name: String
        var form: Int64
        var frequency: String
        var deadlineWorkingDays: Int
        var units: AssignedUnits
        var active: Bool
        var example: Bool
    }

    struct PeriodDTO: ResponseEncodable {
        var id: Int64
        var regime: Int64
        var label: String
        var from: String
        var to: String
        var deadline: String
    }

    struct NewPeriod: Decodable {
        var label: String
        var from: CalendarDay
        var to: CalendarDay
        var deadline: CalendarDay
    }

    struct Draft: Decodable {
        var values: [String: JSONValue]?
        var narrative: [String: String]?
    }

    struct ReportDTO: ResponseGenerator, Encodable {
        var period: Int64
        var unit: String
        var formVersion: Int
        var status: String
        var values: [String: JSONValue]
        var narrative: [String: String]
        var submittedAt: String?
        var firstSubmittedAt: String?
        var late: Bool
        var comment: String?
        var updatedAt: String?
        var updatedBy: String?
        var issues: [FieldError]?

        /// Everything but the values and the narrative, which `response` writes with `JSONText`.
        enum CodingKeys: String, CodingKey {
            case period, unit, formVersion, status, submittedAt, firstSubmittedAt, late, comment, updatedAt, updatedBy, issues
        }

        /// The same JSON object as encoding every field, built faster: a hundred values through `JSONEncoder`'s
        /// generic containers were about 6 % of the CPU of a save or a submission.
        func response(from request: Request, context: some RequestContext) throws -> Response {
            var head = try JSONEncoder().encode(self)
            guard head.last == UInt8(ascii: "}"), let values = JSONText.encode(values) else {
                throw HaiCapError.conflict("Báo cáo có giá trị không ghi được ra JSON.")
            }
            head.removeLast()
            var buffer = ByteBuffer()
            buffer.writeBytes(head)
            buffer.writeString(head.count > 1 ? ",\"values\":" : "\"values\":")
            buffer.writeString(values)
            buffer.writeString(",\"narrative\":")
            buffer.writeString(JSONText.encode(narrative))
            buffer.writeString("}")
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
    }

    struct Comment: Decodable {
        var comment: String?
    }

    struct StatusDTO: ResponseEncodable {
        var expected: Int
        var submitted: Int
        var onTime: Int
        var late: Int
        var accepted: Int
        var returned: Int
        var completeness: Double
        var timeliness: Double
        var missing: [String]
    }

    struct AggregateDTO: ResponseEncodable {
        var period: Int64
        var indicators: [Item]

        struct Item: Encodable, Sendable {
            var key: String
            var label: String
            var unit: String?
            var sum: Double?
            var avg: Double?
            var min: Double?
            var max: Double?
            var count: Int
            var previousSum: Double?
            var previousAvg: Double?
            var change: Double?

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(key, forKey: .key)
                try c.encode(label, forKey: .label)
                try c.encode(unit, forKey: .unit)
                try c.encode(sum, forKey: .sum)
                try c.encode(avg, forKey: .avg)
                try c.encode(min, forKey: .min)
                try c.encode(max, forKey: .max)
                try c.encode(count, forKey: .count)
                try c.encode(previousSum, forKey: .previousSum)
                try c.encode(previousAvg, forKey: .previousAvg)
                try c.encode(change, forKey: .change)
            }

            enum CodingKeys: String, CodingKey { case key, label, unit, sum, avg, min, max, count, previousSum, previousAvg, change }
        }
    }

    struct NarrativeDTO: ResponseEncodable {
        var text: String
        var draft: String
        var saved: Bool
        var savedBy: String?
        var savedAt: String?
        var facts: [ReportNarrative.Fact]
    }

    struct NarrativeText: Decodable {
        var text: String
    }

    struct DayDTO: ResponseEncodable {
        var day: String
        var kind: String
        var note: String
        var updatedBy: String
    }

    struct DayBody: Decodable {
        var kind: String
        var note: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("report-forms") { request, context -> EditedResponse<Created> in
            let definition = try await request.json(ReportFormDefinition.self)
            let (id, version) = try await service.createForm(definition, actor: context.actor)
            return .init(status: .created, response: Created(id: id, version: version))
        }
        group.get("report-forms") { request, context -> ListResponse<ReportingRepository.FormSummary> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let all = try await ReportingRepository(db: database.sql).forms()
            return ListResponse(items: all, total: all.count, page: 1, per: max(all.count, 1))
        }
        group.get("report-forms/{id}") { request, context -> FormDTO in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            var version: Int?
            if let raw = request.query("version") {
                guard let parsed = Int(raw), parsed >= 1 else { throw HaiCapError.validation([.init(key: "version", message: "Tham số version phải là số nguyên từ 1.")]) }
                version = parsed
            }
            return Self.dto(try await service.form(id: try Self.id(context), version: version))
        }
        group.put("report-forms/{id}") { request, context -> Created in
            let definition = try await request.json(ReportFormDefinition.self)
            let (id, version) = try await service.updateForm(id: try Self.id(context), definition, actor: context.actor)
            return Created(id: id, version: version)
        }

        group.post("regimes") { request, context -> EditedResponse<Created> in
            _ = try AccessPolicy.requireProvince(context.actor)
            let body = try await request.json(NewRegime.self)
            let regime = try await service.createRegime(
                name: body.name, formID: body.form, frequency: try Self.frequency(body.frequency),
                deadlineWorkingDays: body.deadlineWorkingDays, units: body.units, actor: context.actor)
            return .init(status: .created, response: Created(id: regime.id, version: nil))
        }
        group.get("regimes") { _, context -> ListResponse<RegimeDTO> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let all = try await service.regimes().map(Self.dto)
            return ListResponse(items: all, total: all.count, page: 1, per: max(all.count, 1))
        }
        group.get("regimes/{id}") { _, context -> RegimeDTO in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            return Self.dto(try await service.regime(id: try Self.id(context)))
        }
        group.get("regimes/{id}/periods") { request, context -> ListResponse<PeriodDTO> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let page = try PageRequest(page: request.query("page"), per: request.query("per"))
            let all = try await service.periods(regimeID: try Self.id(context))
            let slice = all.dropFirst(page.offset).prefix(page.per).map(Self.dto)
            return ListResponse(items: Array(slice), total: all.count, page: page.page, per: page.per)
        }
        group.post("regimes/{id}/periods") { request, context -> EditedResponse<PeriodDTO> in
            let body = try await request.json(NewPeriod.self)
            let period = try await service.createPeriod(regimeID: try Self.id(context), label: body.label, from: body.from, to: body.to, deadline: body.deadline, actor: context.actor)
            return .init(status: .created, response: Self.dto(period))
        }

        group.get("periods/{id}") { _, context -> PeriodDTO in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            return Self.dto(try await service.period(id: try Self.id(context)))
        }
        group.get("periods/{id}/reports/{unit}") { _, context -> ReportDTO in
            let ctx = try await service.context(periodID: try Self.id(context), unitCode: try context.parameters.require("unit"), actor: context.actor)
            return Self.dto(ctx.report, period: ctx.period.id, unit: ctx.unitCode, formVersion: ctx.form.version, issues: nil)
        }
        group.put("periods/{id}/reports/{unit}") { request, context -> ReportDTO in
            let body = try await request.json(Draft.self)
            let (report, check) = try await service.saveDraft(
                periodID: try Self.id(context), unitCode: try context.parameters.require("unit"),
                values: body.values ?? [:], narrative: body.narrative ?? [:], actor: context.actor)
            return Self.dto(report, period: report.periodID, unit: report.unitCode, formVersion: report.formVersion, issues: check.issues)
        }
        group.post("periods/{id}/reports/{unit}/submit") { _, context -> ReportDTO in
            let report = try await service.submit(periodID: try Self.id(context), unitCode: try context.parameters.require("unit"), actor: context.actor)
            return Self.dto(report, period: report.periodID, unit: report.unitCode, formVersion: report.formVersion, issues: [])
        }
        for action in [ReportAction.return, .accept, .reopen] {
            group.post("periods/{id}/reports/{unit}/\(action.rawValue)") { request, context -> ReportDTO in
                _ = try AccessPolicy.requireProvince(context.actor)
                let body = try await request.optionalJSON(Comment.self) ?? Comment(comment: nil)
                let report = try await service.review(
                    periodID: try Self.id(context), unitCode: try context.parameters.require("unit"), action: action,
                    comment: body.comment, actor: context.actor)
                return Self.dto(report, period: report.periodID, unit: report.unitCode, formVersion: report.formVersion, issues: nil)
            }
        }
        group.get("periods/{id}/status") { _, context -> StatusDTO in
            let s = try await service.status(periodID: try Self.id(context), actor: context.actor)
            return StatusDTO(expected: s.expected, submitted: s.submitted, onTime: s.onTime, late: s.late, accepted: s.accepted,
                             returned: s.returned, completeness: s.completeness, timeliness: s.timeliness, missing: s.missing)
        }
        group.get("periods/{id}/aggregate") { _, context -> AggregateDTO in
            let (period, _, aggregates) = try await service.aggregate(periodID: try Self.id(context), actor: context.actor)
            return AggregateDTO(period: period.id, indicators: aggregates.map {
                .init(key: $0.key, label: $0.label, unit: $0.unit, sum: $0.sum, avg: $0.avg, min: $0.min, max: $0.max, count: $0.count,
                      previousSum: $0.previousSum, previousAvg: $0.previousAvg, change: $0.change)
            })
        }
        group.get("periods/{id}/aggregate.csv") { _, context -> Response in
            let id = try Self.id(context)
            let tables = try await service.tables(periodID: id, actor: context.actor)
            return Response.download(tables.csv, contentType: "text/csv; charset=utf-8", fileName: "bao-cao-ky-\(id).csv")
        }
        group.get("periods/{id}/aggregate.xlsx") { _, context -> Response in
            let id = try Self.id(context)
            let tables = try await service.tables(periodID: id, actor: context.actor)
            return Response.download(tables.xlsx, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName: "bao-cao-ky-\(id).xlsx")
        }
        group.get("periods/{id}/narrative") { _, context -> NarrativeDTO in
            let (draft, saved) = try await service.narrative(periodID: try Self.id(context), actor: context.actor)
            return NarrativeDTO(text: saved?.text ?? draft.text, draft: draft.text, saved: saved != nil, savedBy: saved?.savedBy,
                                savedAt: saved.map { CivilTime.rfc3339($0.savedAt) }, facts: draft.facts)
        }
        group.put("periods/{id}/narrative") { request, context -> Response in
            let body = try await request.json(NarrativeText.self)
            try await service.saveNarrative(periodID: try Self.id(context), text: body.text, actor: context.actor)
            return Response(status: .noContent)
        }

        group.get("calendar/days") { _, context -> ListResponse<DayDTO> in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let all = try await CalendarRepository(db: database.sql).entries().map {
                DayDTO(day: $0.day.description, kind: $0.kind.rawValue, note: $0.note, updatedBy: $0.updatedBy)
            }
            return ListResponse(items: all, total: all.count, page: 1, per: max(all.count, 1))
        }
        group.put("calendar/days/{day}") { request, context -> DayDTO in
            let account = try AccessPolicy.requireAdmin(context.actor)
            let day = try Self.day(context)
            let body = try await request.json(DayBody.self)
            guard let kind = CalendarRepository.Kind(rawValue: body.kind) else {
                throw HaiCapError.validation([.init(key: "kind", message: "kind phải là off (ngày nghỉ) hoặc working (ngày làm việc).")])
            }
            let note = (body.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            try await CalendarRepository.set(day, kind: kind, note: note, by: account.username, database: database, now: now())
            return DayDTO(day: day.description, kind: kind.rawValue, note: note, updatedBy: account.username)
        }
        group.delete("calendar/days/{day}") { _, context -> Response in
            let account = try AccessPolicy.requireAdmin(context.actor)
            let day = try Self.day(context)
            guard try await CalendarRepository.remove(day, by: account.username, database: database, now: now()) else {
                throw HaiCapError.notFound("Ngày \(day.vietnamese) chưa được điều chỉnh.")
            }
            return Response(status: .noContent)
        }
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        try context.positiveID()
    }

    static func day(_ context: AppRequestContext) throws -> CalendarDay {
        guard let raw = context.parameters.get("day"), let day = CalendarDay(iso: raw) else {
            throw HaiCapError.validation([.init(key: "day", message: "Ngày phải có dạng YYYY-MM-DD và là ngày có thật.")])
        }
        return day
    }

    static func frequency(_ raw: String) throws -> ReportFrequency {
        guard let frequency = ReportFrequency(rawValue: raw) else {
            let allowed = ReportFrequency.allCases.map(\.rawValue).joined(separator: ", ")
            throw HaiCapError.validation([.init(key: "frequency", message: "Tần suất '\(raw)' không hợp lệ; dùng một trong: \(allowed).")])
        }
        return frequency
    }


    static func dto(_ f: ReportingRepository.FormVersion) -> FormDTO {
        FormDTO(id: f.formID, version: f.version, currentVersion: f.currentVersion, name: f.definition.name, description: f.definition.description,
                example: f.definition.example, indicators: f.definition.indicators, rules: f.definition.rules, outline: f.definition.outline,
                createdAt: CivilTime.rfc3339(f.createdAt), createdBy: f.createdBy)
    }

    static func dto(_ r: ReportRegime) -> RegimeDTO {
        RegimeDTO(id: r.id, name: r.name, form: r.formID, frequency: r.frequency.rawValue, deadlineWorkingDays: r.deadlineWorkingDays,
                  units: r.units, active: r.active, example: r.example)
    }

    static func dto(_ p: ReportingPeriod) -> PeriodDTO {
        PeriodDTO(id: p.id, regime: p.regimeID, label: p.label, from: p.from.description, to: p.to.description, deadline: p.deadline.description)
    }

    static func dto(_ r: UnitReport?, period: Int64, unit: String, formVersion: Int, issues: [FieldError]?) -> ReportDTO {
        ReportDTO(period: period, unit: unit, formVersion: r?.formVersion ?? formVersion, status: (r?.status ?? .notStarted).rawValue,
                  values: r?.values ?? [:], narrative: r?.narrative ?? [:], submittedAt: r?.submittedAt.map(CivilTime.rfc3339),
                  firstSubmittedAt: r?.firstSubmittedAt.map(CivilTime.rfc3339), late: r?.late ?? false, comment: r?.comment,
                  updatedAt: r.map { CivilTime.rfc3339($0.updatedAt) }, updatedBy: r?.updatedBy, issues: issues)
    }
}

extension Response {
    /// A file download with a name the browser saves it under.
    static func download(_ data: Data, contentType: String, fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
