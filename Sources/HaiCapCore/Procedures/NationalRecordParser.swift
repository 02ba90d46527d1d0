import Foundation

/// Reads the national procedure database's JSON Lines export ("Chi tiết TTHC") and HaiCap's `haicap` extension.
public enum NationalRecordParser {
    /// Every non-blank line as a record or a reason.
    public static func rows(_ text: String) -> [ImportRow] {
        var rows: [ImportRow] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            let outcome: Result<Procedure, ImportRowError>
            do {
                let value = try decoder.decode(JSONValue.self, from: Data(trimmed.utf8))
                outcome = .success(try procedure(value))
            } catch let error as ImportRowError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(ImportRowError("dòng không phải JSON hợp lệ"))
            }
            rows.append(ImportRow(line: index + 1, outcome: outcome))
        }
        return rows
    }

    /// One record; throws `ImportRowError` naming what is missing or wrong.
    public static func procedure(_ record: JSONValue) throws -> Procedure {
        guard case .object = record else { throw ImportRowError("dòng không phải một đối tượng JSON") }
        let meta = record["metadata"] ?? .object([:])
        let content = record["content"] ?? .object([:])
        let tables = record["tables"] ?? .object([:])
        let ext = record["haicap"]
        guard let code = meta["mã_thủ_tục"]?.text ?? record["thu_tuc_id"]?.text else {
            throw ImportRowError("thiếu mã thủ tục (metadata.mã_thủ_tục)")
        }
        guard FieldParsing.isValidCode(code) else { throw ImportRowError("mã thủ tục “\(code)” không hợp lệ") }
        guard let name = meta["tên_thủ_tục"]?.text else { throw ImportRowError("thiếu tên thủ tục (metadata.tên_thủ_tục)") }
        guard let field = meta["lĩnh_vực"]?.text else { throw ImportRowError("thiếu lĩnh vực (metadata.lĩnh_vực)") }
        // A curated record may leave the level open (land registration still names the abolished district
        // level in the law); it is kept, with the level marked unknown, rather than dropped.
        let level = meta["cấp_thực_hiện"]?.text
        guard level != nil || record["haicap"] != nil else { throw ImportRowError("thiếu cấp thực hiện (metadata.cấp_thực_hiện)") }

        var channels: [Channel] = []
        for row in tables["hinh_thuc_nop"]?.array ?? [] {
            guard let raw = row["hinh_thuc"]?.text else { continue }
            guard let kind = FieldParsing.channelKind(raw) else { throw ImportRowError("cách thức nộp lạ: “\(raw)”") }
            channels.append(Channel(
                kind: kind, timeLimit: FieldParsing.timeLimit(row["thoi_han_giai_quyet"]?.text),
                fee: FieldParsing.fee(row["phi_le_phi"]?.text), note: row["mo_ta"]?.text))
        }
        let documents: [RequiredDocument] = (tables["thanh_phan_ho_so"]?.array ?? []).compactMap { row in
            guard let name = row["ten_giay_to"]?.text else { return nil }
            let counts = FieldParsing.copies(row["ghi_chu"]?.text)
            return RequiredDocument(name: name, form: row["so_luong"]?.text, originals: counts.originals, copies: counts.copies)
        }
        let legal: [LegalBasis] = (tables["can_cu_phap_ly"]?.array ?? []).compactMap { row in
            guard let title = row["trich_yeu"]?.text ?? row["so_ky_hieu"]?.text else { return nil }
            let citation = FieldParsing.citation(title) ?? row["so_ky_hieu"]?.text ?? title
            return LegalBasis(citation: citation, title: title, issuedOn: row["ngay_ban_hanh"]?.text, issuer: row["co_quan_ban_hanh"]?.text)
        }
        let decision = meta["số_quyết_định"]?.text
        var procedure = Procedure(
            code: code, name: name, field: field, level: level ?? "", type: meta["loại_thủ_tục"]?.text, decision: decision,
            implementingAgency: content["cơ_quan_thực_hiện"]?.text, decidingAgency: content["cơ_quan_có_thẩm_quyền"]?.text,
            subjects: content["đối_tượng_thực_hiện"]?.text,
            cases: documents.isEmpty ? [] : [ProcedureCase(name: "", documents: documents)],
            channels: channels, steps: FieldParsing.steps(content["trình_tự_thực_hiện"]?.text),
            conditions: content["yêu_cầu_điều_kiện_thực_hiện"]?.text, result: content["kết_quả_thực_hiện"]?.text,
            legalBasis: legal, onlineLevel: FieldParsing.onlineLevel(content["mức_độ"]?.text),
            source: ProcedureSource(name: ProcedureSource.nationalDatabase, decision: decision, file: record["source_file"]?.text),
            verified: true, keywords: content["từ_khóa"]?.strings ?? [])
        if let ext { try applyExtension(ext, to: &procedure) }
        if level == nil, !procedure.unknownFields.contains("level") { procedure.unknownFields.append("level") }
        return procedure
    }

    /// HaiCap's own fields: curated records with cases, per-fact sources and unknown fields.
    static func applyExtension(_ ext: JSONValue, to p: inout Procedure) throws {
        p.curated = ext["curated"]?.bool ?? false
        p.codeIsNational = ext["code_is_national"]?.bool ?? true
        // Records typed in from the laws wait for an official's check.
        p.verified = p.curated ? false : (ext["verified"]?.bool ?? p.verified)
        let refs: [SourceReference] = (ext["sources"]?.array ?? []).compactMap { s in
            guard let document = s["document"]?.text else { return nil }
            return SourceReference(document: document, citation: s["citation"]?.text ?? "", file: s["file"]?.text, quote: s["quote"]?.text)
        }
        // Sources are given by their index in `sources`, or inline as document and citation.
        func cite(_ item: JSONValue) -> String {
            if case .number(let n)? = item["source"], let index = Int(exactly: n.rounded(.towardZero)), refs.indices.contains(index) {
                let ref = refs[index]
                return ref.citation.isEmpty ? ref.document : "\(ref.citation) \(ref.document)"
            }
            if let document = item["document"]?.text {
                return [item["citation"]?.text, document].compactMap { $0 }.joined(separator: " ")
            }
            return item["source"]?.text ?? ""
        }
        let cases: [ProcedureCase] = (ext["cases"]?.array ?? []).compactMap { item in
            guard let name = item["name"]?.text ?? (item["documents"] != nil ? "" : nil) else { return nil }
            let docs: [RequiredDocument] = (item["documents"]?.array ?? []).compactMap { d in
                guard let docName = d["name"]?.text else { return nil }
                let source = cite(d)
                return RequiredDocument(name: docName, form: d["form"]?.text, originals: d["original"]?.int, copies: d["copy"]?.int, source: source.isEmpty ? nil : source)
            }
            return ProcedureCase(name: name, documents: docs)
        }
        if !cases.isEmpty { p.cases = cases }
        p.facts = (ext["facts"]?.array ?? []).compactMap { f in
            guard let field = f["field"]?.text, let value = f["value"]?.text else { return nil }
            return FactCitation(field: field, value: value, source: cite(f))
        }
        if p.curated {
            p.source = ProcedureSource(name: "Biên soạn từ văn bản pháp luật hiện hành", decision: p.decision, file: nil, references: refs)
        } else {
            p.source.references = refs
        }
        p.unknownFields = ext["unknown"]?.strings ?? []
        if let fee = ext["fee"], case .object = fee {
            let note = fee["note"]?.text ?? ""
            let stated: Fee
            if let amount = fee["amount"]?.int {
                stated = Fee(status: .known, amount: amount, text: note.isEmpty ? "\(amount) đồng" : note)
            } else {
                stated = Fee(status: FieldParsing.fee(note).status == .setByProvince ? .setByProvince : .unknown, amount: nil, text: note)
            }
            for i in p.channels.indices where p.channels[i].fee.status == .unknown { p.channels[i].fee = stated }
            let source = cite(fee)
            if !note.isEmpty, !source.isEmpty { p.facts.append(FactCitation(field: "fee", value: note, source: source)) }
        }
        // Whether a record has lapsed depends on the day asked; `Procedure.isInForce(on:)` decides.
        p.validity = Validity(
            status: .inForce, validFrom: ext["valid_from"]?.text, validTo: ext["valid_to"]?.text, replacedBy: ext["replaced_by"]?.text)
        p.notes = ([ext["validity_note"]?.text].compactMap { $0 }) + (ext["notes"]?.strings ?? [])
        let keywords = ext["keywords"]?.strings ?? []
        if !keywords.isEmpty { p.keywords = keywords }
        if let level = FieldParsing.onlineLevel(ext["online_level"]?.text) { p.onlineLevel = level }
    }
}
