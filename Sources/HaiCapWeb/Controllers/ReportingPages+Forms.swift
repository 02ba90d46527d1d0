import Foundation
import HaiCapCore
import HaiCapStore
import Hummingbird

/// `/bao-cao/bieu-mau/…`: list, view a version, the structured editor, JSON export and import.
extension ReportingPages {
    static let blankIndicatorRows = 5
    static let blankRuleRows = 3
    static let blankOutlineRows = 3

    // MARK: Models

    struct FormRow {
        var id: Int64
        var name: String
        var version: Int
        var example: Bool
        var updatedAt: String
        var regimes: String?
    }

    struct FormsContent {
        var forms: [FormRow]
        var hasForms: Bool
        var province: Bool
        var examplesNote: String
        var hasExamples: Bool
    }

    struct IndicatorView {
        var key: String
        var label: String
        var typeLabel: String
        var unit: String?
        var required: Bool
        var bounds: String?
        var formula: String?
        var choices: String?
        var help: String?
    }

    struct SectionView {
        var title: String?
        var indicators: [IndicatorView]
    }

    struct VersionLink {
        var version: Int
        var createdAt: String
        var createdBy: String
        var current: Bool
        var shown: Bool
    }

    struct RegimeLink {
        var id: Int64
        var name: String
    }

    struct FormContent {
        var id: Int64
        var name: String
        var description: String?
        var example: Bool
        var version: Int
        var currentVersion: Int
        var isCurrent: Bool
        var createdAt: String
        var createdBy: String
        var indicatorCount: String
        var sections: [SectionView]
        var rules: [FormRule]
        var hasRules: Bool
        var outline: [OutlineItem]
        var hasOutline: Bool
        var versions: [VersionLink]
        var hasOlderVersions: Bool
        var regimes: [RegimeLink]
        var hasRegimes: Bool
        var province: Bool
        var flash: String?
        var examplesNote: String
    }

    struct TypeOption {
        var value: String
        var label: String
        var selected: Bool
    }

    /// One indicator row of the editor, holding exactly what was typed.
    struct IndicatorRow {
        var index: Int
        var number: Int
        var key = ""
        var label = ""
        var type = IndicatorType.integer.rawValue
        var unit = ""
        var section = ""
        var required = false
        var min = ""
        var max = ""
        var formula = ""
        var choices = ""
        var help = ""
        var types: [TypeOption] = []
        var errors: [String] = []
        var blank = false
        // Stored (not computed) so the templates see them.
        var hasErrors = false
        var keyInvalid = false
        var labelInvalid = false
        var minInvalid = false
        var maxInvalid = false
        var formulaInvalid = false
        var choicesInvalid = false
        var typeInvalid = false

        mutating func add(_ message: String, field: String?) {
            errors.append(message)
            hasErrors = true
            switch field {
            case "key": keyInvalid = true
            case "label": labelInvalid = true
            case "min": minInvalid = true
            case "max": maxInvalid = true
            case "formula": formulaInvalid = true
            case "choices": choicesInvalid = true
            case "type": typeInvalid = true
            default: break
            }
        }

        var isBlank: Bool {
            [key, label, unit, section, min, max, formula, choices, help].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
    }

    struct RuleRow {
        var index: Int
        var expression = ""
        var message = ""
        var errors: [String] = []
        var blank = false
        var hasErrors = false
    }

    struct OutlineRow {
        var index: Int
        var title = ""
        var hint = ""
        var errors: [String] = []
        var blank = false
        var hasErrors = false
    }

    struct EditorValues {
        var name = ""
        var description = ""
        var example = false
        var indicators: [IndicatorRow] = []
        var rules: [RuleRow] = []
        var outline: [OutlineRow] = []
    }

    struct EditorContent {
        var isNew: Bool
        var formID: Int64?
        var action: String
        var heading: String
        var currentVersion: Int?
        var values: EditorValues
        var showExample: Bool
        var errors: [String]
        var hasGeneralErrors: Bool
        var hasErrors: Bool
        var errorCount: String
        var nameInvalid: Bool
        var types: [TypeOption]
    }

    struct ImportContent {
        var formID: Int64?
        var formName: String?
        var currentVersion: Int?
        var action: String
        var json: String
        var errors: [String]
        var hasErrors: Bool
    }

    // MARK: Routes

    func addFormRoutes(to router: Router<AppRequestContext>) {
        router.get("/bao-cao/bieu-mau") { _, context in try await formsPage(context) }
        router.get("/bao-cao/bieu-mau/moi") { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try editorPage(context, formID: nil, currentVersion: nil, values: Self.values(nil), showExample: false)
        }
        router.post("/bao-cao/bieu-mau/moi") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try await saveEditor(request, context, formID: nil)
        }
        router.get("/bao-cao/bieu-mau/nhap") { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try importPage(context, form: nil)
        }
        router.post("/bao-cao/bieu-mau/nhap") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try await importJSON(request, context, form: nil)
        }
        router.get("/bao-cao/bieu-mau/{id}") { request, context in
            _ = try AccessPolicy.requireSignedIn(context.actor)
            let raw = try context.parameters.require("id")
            let json = raw.hasSuffix(".json")
            guard let id = Int64(json ? String(raw.dropLast(5)) : raw), id > 0 else {
                throw HaiCapError.notFound("Không tìm thấy: mã biểu mẫu phải là số nguyên dương.")
            }
            var version: Int?
            if let text = request.query("phien-ban") {
                guard let v = Int(text), v >= 1 else { throw HaiCapError.notFound("Phiên bản phải là số nguyên từ 1.") }
                version = v
            }
            let form = try await service.form(id: id, version: version)
            if json { return try Self.download(form) }
            return try await formPage(request, context, form: form)
        }
        router.get("/bao-cao/bieu-mau/{id}/sua") { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            let form = try await service.form(id: try Self.id(context))
            return try editorPage(context, formID: form.formID, currentVersion: form.currentVersion, values: Self.values(form.definition), showExample: form.definition.example)
        }
        router.post("/bao-cao/bieu-mau/{id}/sua") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try await saveEditor(request, context, formID: try Self.id(context))
        }
        router.get("/bao-cao/bieu-mau/{id}/nhap") { _, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try importPage(context, form: try await service.form(id: try Self.id(context)))
        }
        router.post("/bao-cao/bieu-mau/{id}/nhap") { request, context in
            _ = try AccessPolicy.requireProvince(context.actor)
            return try await importJSON(request, context, form: try await service.form(id: try Self.id(context)))
        }
    }

    // MARK: List and view

    func formsPage(_ context: AppRequestContext) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let regimes = try await service.regimes()
        let forms = try await repository.forms().map { f in
            let using = regimes.filter { $0.formID == f.id }.map(\.name)
            return FormRow(
                id: f.id, name: f.name, version: f.version, example: f.example, updatedAt: CivilTime.display(f.updatedAt),
                regimes: using.isEmpty ? nil : using.joined(separator: "; "))
        }
        let content = FormsContent(
            forms: forms, hasForms: !forms.isEmpty, province: account.role != .commune, examplesNote: Self.examplesNote,
            hasExamples: forms.contains(where: \.example))
        return try views.page("reporting-forms", title: "Biểu mẫu báo cáo", content, context: context, path: "/bao-cao")
    }

    func formPage(_ request: Request, _ context: AppRequestContext, form: ReportingRepository.FormVersion) async throws -> Response {
        let account = try AccessPolicy.requireSignedIn(context.actor)
        let d = form.definition
        let sections = d.sections.map { section in
            SectionView(title: section.title.isEmpty ? nil : section.title, indicators: section.indicators.map(Self.indicatorView))
        }
        var versions: [VersionLink] = []
        let oldest = max(1, form.currentVersion - 29)
        for v in (oldest...form.currentVersion).reversed() {
            let stored = v == form.version ? form : try await service.form(id: form.formID, version: v)
            versions.append(VersionLink(
                version: v, createdAt: CivilTime.display(stored.createdAt), createdBy: Self.actorName(stored.createdBy),
                current: v == form.currentVersion, shown: v == form.version))
        }
        let regimes = try await service.regimes().filter { $0.formID == form.formID }.map { RegimeLink(id: $0.id, name: $0.name) }
        let flash: String? = switch (request.query("da-luu"), request.query("khong-doi")) {
        case (.some, _): "Đã lưu biểu mẫu, phiên bản \(form.version)."
        case (_, .some): "Không có thay đổi nào so với phiên bản hiện hành; biểu mẫu vẫn ở phiên bản \(form.version)."
        default: nil
        }
        let content = FormContent(
            id: form.formID, name: d.name, description: Self.blankToNil(d.description), example: d.example, version: form.version,
            currentVersion: form.currentVersion, isCurrent: form.version == form.currentVersion,
            createdAt: CivilTime.display(form.createdAt), createdBy: Self.actorName(form.createdBy),
            indicatorCount: VietnameseNumber.integer(d.indicators.count), sections: sections,
            rules: d.rules, hasRules: !d.rules.isEmpty, outline: d.outline, hasOutline: !d.outline.isEmpty,
            versions: versions, hasOlderVersions: versions.count > 1, regimes: regimes, hasRegimes: !regimes.isEmpty,
            province: account.role != .commune, flash: flash, examplesNote: Self.examplesNote)
        return try views.page("reporting-form", title: d.name, content, context: context, path: "/bao-cao")
    }

    static func actorName(_ username: String) -> String { username == "system" ? "Hệ thống (dữ liệu đi kèm)" : username }

    static func indicatorView(_ item: Indicator) -> IndicatorView {
        var bounds: String?
        switch (item.min, item.max) {
        case let (low?, high?): bounds = "\(VietnameseNumber.number(low)) – \(VietnameseNumber.number(high))"
        case let (low?, nil): bounds = "≥ \(VietnameseNumber.number(low))"
        case let (nil, high?): bounds = "≤ \(VietnameseNumber.number(high))"
        case (nil, nil): bounds = nil
        }
        return IndicatorView(
            key: item.key, label: item.label, typeLabel: item.type.label, unit: blankToNil(item.unit), required: item.required,
            bounds: bounds, formula: blankToNil(item.formula),
            choices: item.choices.flatMap { $0.isEmpty ? nil : $0.joined(separator: "; ") }, help: blankToNil(item.help))
    }

    /// The definition as a pretty-printed JSON download.
    static func download(_ form: ReportingRepository.FormVersion) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(form.definition)
        return Response.download(data, contentType: "application/json; charset=utf-8", fileName: "bieu-mau-\(form.formID)-phien-ban-\(form.version).json")
    }

    // MARK: Editor

    static func typeOptions(_ selected: String) -> [TypeOption] {
        IndicatorType.allCases.map { TypeOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func numberText(_ value: Double?) -> String { value.map { VietnameseNumber.number($0, digits: 6) } ?? "" }

    /// The editor's rows for a stored definition (or a new one), with the blank rows to add more.
    static func values(_ definition: ReportFormDefinition?) -> EditorValues {
        var values = EditorValues()
        if let d = definition {
            values.name = d.name
            values.description = d.description ?? ""
            values.example = d.example
            values.indicators = d.indicators.enumerated().map { i, item in
                IndicatorRow(
                    index: i, number: i + 1, key: item.key, label: item.label, type: item.type.rawValue, unit: item.unit ?? "",
                    section: item.section ?? "", required: item.required, min: numberText(item.min), max: numberText(item.max),
                    formula: item.formula ?? "", choices: (item.choices ?? []).joined(separator: "; "), help: item.help ?? "")
            }
            values.rules = d.rules.enumerated().map { RuleRow(index: $0, expression: $1.expression, message: $1.message) }
            values.outline = d.outline.enumerated().map { OutlineRow(index: $0, title: $1.title, hint: $1.hint ?? "") }
        }
        return withBlankRows(values)
    }

    static func withBlankRows(_ input: EditorValues) -> EditorValues {
        var values = input
        for _ in 0..<blankIndicatorRows {
            let i = values.indicators.count
            values.indicators.append(IndicatorRow(index: i, number: i + 1, blank: true))
        }
        for _ in 0..<blankRuleRows { values.rules.append(RuleRow(index: values.rules.count, blank: true)) }
        for _ in 0..<blankOutlineRows { values.outline.append(OutlineRow(index: values.outline.count, blank: true)) }
        for i in values.indicators.indices { values.indicators[i].types = typeOptions(values.indicators[i].type) }
        return values
    }

    /// Reads the editor's fields: rows left blank are dropped; the rest become the definition.
    /// Returns the typed rows (renumbered) and the problems found while reading numbers and types.
    static func parseEditor(_ fields: [String: String], example: Bool) -> (EditorValues, ReportFormDefinition, [FieldError]) {
        func count(_ prefix: String) -> Int {
            var highest = -1
            for key in fields.keys where key.hasPrefix(prefix) {
                if let n = Int(key[key.index(after: key.lastIndex(of: "_") ?? key.startIndex)...]), n > highest, n < 2_000 { highest = n }
            }
            return highest + 1
        }
        func text(_ name: String) -> String { fields[name] ?? "" }
        var values = EditorValues(name: text("name"), description: text("description"), example: example)
        var indicators: [Indicator] = []
        var errors: [FieldError] = []
        for i in 0..<count("ind_") {
            var row = IndicatorRow(
                index: values.indicators.count, number: values.indicators.count + 1,
                key: text("ind_key_\(i)").trimmingCharacters(in: .whitespaces), label: text("ind_label_\(i)"),
                type: text("ind_type_\(i)"), unit: text("ind_unit_\(i)"), section: text("ind_section_\(i)"),
                required: ["on", "true", "1"].contains(text("ind_required_\(i)")), min: text("ind_min_\(i)"), max: text("ind_max_\(i)"),
                formula: text("ind_formula_\(i)"), choices: text("ind_choices_\(i)"), help: text("ind_help_\(i)"))
            guard !row.isBlank else { continue }
            let at = "indicators[\(row.index)]"
            let name = row.key.isEmpty ? "số \(row.number)" : "'\(row.key)'"
            let type = IndicatorType(rawValue: row.type)
            if type == nil {
                errors.append(.init(key: "\(at).type", message: "Chỉ tiêu \(name): hãy chọn kiểu dữ liệu."))
                row.type = IndicatorType.integer.rawValue
            }
            func number(_ raw: String, _ field: String, _ what: String) -> Double? {
                guard let t = blankToNil(raw) else { return nil }
                guard let value = VietnameseNumber.parse(t) else {
                    errors.append(.init(key: "\(at).\(field)", message: "Chỉ tiêu \(name): \(what) “\(t)” không phải là số (ví dụ: 0, 100 hoặc 12,5)."))
                    return nil
                }
                return value
            }
            let choices = row.choices.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            indicators.append(Indicator(
                key: row.key, label: row.label.trimmingCharacters(in: .whitespacesAndNewlines), type: type ?? .integer,
                unit: blankToNil(row.unit), section: blankToNil(row.section), required: row.required,
                min: number(row.min, "min", "giá trị nhỏ nhất"), max: number(row.max, "max", "giá trị lớn nhất"),
                formula: blankToNil(row.formula), choices: choices.isEmpty ? nil : choices, help: blankToNil(row.help)))
            values.indicators.append(row)
        }
        var rules: [FormRule] = []
        for i in 0..<count("rule_") {
            let row = RuleRow(index: values.rules.count, expression: text("rule_expression_\(i)"), message: text("rule_message_\(i)"))
            guard blankToNil(row.expression) != nil || blankToNil(row.message) != nil else { continue }
            rules.append(FormRule(expression: row.expression.trimmingCharacters(in: .whitespacesAndNewlines), message: row.message.trimmingCharacters(in: .whitespacesAndNewlines)))
            values.rules.append(row)
        }
        var outline: [OutlineItem] = []
        for i in 0..<count("outline_") {
            let row = OutlineRow(index: values.outline.count, title: text("outline_title_\(i)"), hint: text("outline_hint_\(i)"))
            guard blankToNil(row.title) != nil || blankToNil(row.hint) != nil else { continue }
            outline.append(OutlineItem(title: row.title.trimmingCharacters(in: .whitespacesAndNewlines), hint: blankToNil(row.hint)))
            values.outline.append(row)
        }
        let definition = ReportFormDefinition(
            name: values.name.trimmingCharacters(in: .whitespacesAndNewlines), description: blankToNil(values.description),
            indicators: indicators, rules: rules, outline: outline, example: example)
        return (values, definition, errors)
    }

    /// Puts each problem next to its row (`indicators[3].key` → row 4's key); the rest stay at the top.
    static func place(_ problems: [FieldError], in values: inout EditorValues) -> (general: [String], nameInvalid: Bool) {
        var general: [String] = []
        var nameInvalid = false
        let pattern = /^(indicators|rules|outline)\[(\d+)\](?:\.(\w+))?$/
        for problem in problems {
            guard let match = try? pattern.wholeMatch(in: problem.key), let i = Int(match.2) else {
                if problem.key == "name" { nameInvalid = true }
                general.append(problem.message)
                continue
            }
            switch match.1 {
            case "indicators" where values.indicators.indices.contains(i):
                values.indicators[i].add(problem.message, field: match.3.map(String.init))
            case "rules" where values.rules.indices.contains(i):
                values.rules[i].errors.append(problem.message)
                values.rules[i].hasErrors = true
            case "outline" where values.outline.indices.contains(i):
                values.outline[i].errors.append(problem.message)
                values.outline[i].hasErrors = true
            default:
                general.append(problem.message)
            }
        }
        return (general, nameInvalid)
    }

    func editorPage(
        _ context: AppRequestContext, formID: Int64?, currentVersion: Int?, values: EditorValues, showExample: Bool,
        problems: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var values = values
        let (general, nameInvalid) = Self.place(problems, in: &values)
        let heading = formID == nil ? "Tạo biểu mẫu báo cáo" : "Sửa biểu mẫu: \(values.name)"
        let content = EditorContent(
            isNew: formID == nil, formID: formID, action: formID.map { "/bao-cao/bieu-mau/\($0)/sua" } ?? "/bao-cao/bieu-mau/moi",
            heading: heading, currentVersion: currentVersion, values: values, showExample: showExample,
            errors: general, hasGeneralErrors: !general.isEmpty, hasErrors: !problems.isEmpty, errorCount: VietnameseNumber.integer(problems.count), nameInvalid: nameInvalid,
            types: Self.typeOptions(""))
        return try views.page("reporting-form-edit", title: formID == nil ? "Tạo biểu mẫu" : "Sửa biểu mẫu", content, context: context, path: "/bao-cao", status: status)
    }

    func saveEditor(_ request: Request, _ context: AppRequestContext, formID: Int64?) async throws -> Response {
        let fields = try await request.urlEncodedFields()
        var current: ReportingRepository.FormVersion?
        if let formID { current = try await service.form(id: formID) }
        let example = (current?.definition.example ?? false) && fields["example"] == "on"
        var (values, definition, problems) = Self.parseEditor(fields, example: example)
        problems += definition.problems().filter { p in !problems.contains { $0.key == p.key } }
        func again(_ problems: [FieldError]) throws -> Response {
            try editorPage(
                context, formID: formID, currentVersion: current?.currentVersion, values: Self.withBlankRows(values),
                showExample: current?.definition.example ?? false, problems: problems, status: .unprocessableContent)
        }
        guard problems.isEmpty else { return try again(problems) }
        do {
            if let formID, let current {
                let (_, version) = try await service.updateForm(id: formID, definition, actor: context.actor)
                let flag = version == current.currentVersion ? "khong-doi" : "da-luu"
                return Views.redirect("/bao-cao/bieu-mau/\(formID)?phien-ban=\(version)&\(flag)=1")
            }
            let (id, version) = try await service.createForm(definition, actor: context.actor)
            return Views.redirect("/bao-cao/bieu-mau/\(id)?phien-ban=\(version)&da-luu=1")
        } catch HaiCapError.validation(let fields) {
            return try again(fields)
        }
    }

    // MARK: JSON import

    func importPage(_ context: AppRequestContext, form: ReportingRepository.FormVersion?, json: String = "", errors: [String] = [], status: HTTPResponse.Status = .ok) throws -> Response {
        let content = ImportContent(
            formID: form?.formID, formName: form?.definition.name, currentVersion: form?.currentVersion,
            action: form.map { "/bao-cao/bieu-mau/\($0.formID)/nhap" } ?? "/bao-cao/bieu-mau/nhap",
            json: json, errors: errors, hasErrors: !errors.isEmpty)
        return try views.page("reporting-form-import", title: "Nhập biểu mẫu từ JSON", content, context: context, path: "/bao-cao", status: status)
    }

    func importJSON(_ request: Request, _ context: AppRequestContext, form: ReportingRepository.FormVersion?) async throws -> Response {
        var pasted = ""
        var data = Data()
        if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            let multipart = try await MultipartForm.parse(request)
            pasted = multipart.fields["json"] ?? ""
            if let file = multipart.files["file"], !file.data.isEmpty { data = file.data }
        } else {
            pasted = try await request.urlEncodedFields()["json"] ?? ""
        }
        if data.isEmpty { data = Data(pasted.utf8) }
        let shown = String(data: data, encoding: .utf8) ?? pasted
        func fail(_ messages: [String]) throws -> Response {
            try importPage(context, form: form, json: String(shown.prefix(200_000)), errors: messages, status: .unprocessableContent)
        }
        let definition: ReportFormDefinition
        switch Self.decodeDefinition(data) {
        case .failure(let message): return try fail([message.text])
        case .success(let decoded): definition = decoded
        }
        let problems = definition.problems()
        guard problems.isEmpty else { return try fail(problems.map(\.message)) }
        do {
            if let form {
                let (_, version) = try await service.updateForm(id: form.formID, definition, actor: context.actor)
                let flag = version == form.currentVersion ? "khong-doi" : "da-luu"
                return Views.redirect("/bao-cao/bieu-mau/\(form.formID)?phien-ban=\(version)&\(flag)=1")
            }
            let (id, version) = try await service.createForm(definition, actor: context.actor)
            return Views.redirect("/bao-cao/bieu-mau/\(id)?phien-ban=\(version)&da-luu=1")
        } catch HaiCapError.validation(let fields) {
            return try fail(fields.map(\.message))
        }
    }

    struct ImportMessage: Error {
        var text: String
    }

    /// Decodes a definition, explaining in Vietnamese what is wrong with malformed JSON.
    static func decodeDefinition(_ data: Data) -> Result<ReportFormDefinition, ImportMessage> {
        guard !data.isEmpty, !(String(data: data, encoding: .utf8) ?? "x").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(.init(text: "Chưa có nội dung: hãy dán JSON của biểu mẫu vào ô bên dưới hoặc chọn tệp .json."))
        }
        guard String(data: data, encoding: .utf8) != nil else {
            return .failure(.init(text: "Tệp không phải văn bản UTF-8: hãy chọn tệp .json đã tải từ HaiCap hoặc lưu lại với bảng mã UTF-8."))
        }
        do {
            return .success(try JSONDecoder().decode(ReportFormDefinition.self, from: data))
        } catch let DecodingError.keyNotFound(key, context) {
            let path = fieldPath(context.codingPath + [key])
            return .failure(.init(text: "Thiếu trường bắt buộc “\(path)”. Mỗi biểu mẫu cần “name” và “indicators”; mỗi chỉ tiêu cần “key”, “label” và “type”."))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return .failure(.init(text: "Trường “\(fieldPath(context.codingPath))” có kiểu dữ liệu không đúng (ví dụ: “indicators” phải là danh sách, “min” phải là số, “required” là true hoặc false)."))
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            let path = fieldPath(context.codingPath)
            if context.codingPath.last?.stringValue == "type" {
                let allowed = IndicatorType.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", ")
                return .failure(.init(text: "Giá trị của “\(path)” không phải kiểu chỉ tiêu hợp lệ; dùng một trong: \(allowed)."))
            }
            return .failure(.init(text: "Giá trị của trường “\(path)” không hợp lệ."))
        } catch {
            return .failure(.init(text: "Nội dung không phải JSON hợp lệ: hãy kiểm tra dấu ngoặc, dấu phẩy (không thừa dấu phẩy cuối danh sách) và dấu nháy kép quanh mỗi tên trường, mỗi chuỗi."))
        }
    }

    /// `indicators[2].type` from a coding path.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out.isEmpty ? "(gốc)" : out
    }
}
