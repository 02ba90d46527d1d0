import Foundation
import VietnameseText

/// Composes an answer from a record's fields only, with the citations it rests on.
public struct AnswerComposer: Sendable {
    /// Where the one-stop desk of the asker's unit is, when known.
    public struct Place: Sendable {
        public var unitName: String
        public var desk: OneStopDesk?
        public init(unitName: String, desk: OneStopDesk?) {
            self.unitName = unitName
            self.desk = desk
        }
    }

    /// A link to a procedure on the national portal; `{code}` is replaced. Nil: no link.
    public var portalURLTemplate: String?
    /// The checklist page path; `{code}` is replaced.
    public var checklistPath = "/thu-tuc/{code}/giay-to"

    public init(portalURLTemplate: String? = nil) {
        self.portalURLTemplate = portalURLTemplate
    }

    static let factFields: [Intent: [String]] = [
        .fee: ["fee"], .timeLimit: ["time_limit"], .place: ["agency", "place"], .online: ["channel", "online"],
        .steps: ["steps"], .conditions: ["conditions", "subjects"], .result: ["result"], .documents: [],
        .legalBasis: [], .overview: [],
    ]

    /// The answer text and its citations.
    public func compose(_ p: Procedure, intent: Intent, chosenCase: ProcedureCase?, place: Place?, today: String) -> (text: String, citations: [String]) {
        var lines = [Phrasebook.heading(p.name, code: p.code)]
        switch intent {
        case .documents: lines += documents(p, chosenCase)
        case .fee: lines += fee(p)
        case .timeLimit: lines += timeLimit(p)
        case .place: lines += self.place(p, place)
        case .online: lines += online(p)
        case .steps: lines += p.steps.isEmpty ? [Phrasebook.stepsUnknown] : [Phrasebook.stepsIntro, Phrasebook.numbered(p.steps)]
        case .conditions:
            lines += p.conditions.map { [Phrasebook.conditionsIntro, $0] } ?? [Phrasebook.conditionsNone]
            if let s = p.subjects { lines.append(Phrasebook.subjects(s)) }
        case .result: lines += p.result.map { [Phrasebook.resultIntro + " " + $0] } ?? [Phrasebook.resultUnknown]
        case .legalBasis:
            lines += p.legalBasis.isEmpty ? [Phrasebook.legalUnknown] : [Phrasebook.legalIntro] + p.legalBasis.map { "- \($0.title)" }
        case .overview: lines += overview(p, place)
        }
        var citations = [p.code] + p.legalBasis.map { $0.title == $0.citation ? $0.citation : "\($0.citation) — \($0.title)" }
        for field in Self.factFields[intent] ?? [] {
            for fact in p.facts(for: field) {
                lines.append("- \(fact.value) \(fact.source.isEmpty ? "" : Phrasebook.factSource(fact.source))".trimmingCharacters(in: .whitespaces))
                if !fact.source.isEmpty, !citations.contains(fact.source) { citations.append(fact.source) }
            }
        }
        if intent == .documents {
            for doc in (chosenCase ?? p.cases.first)?.documents ?? [] {
                if let s = doc.source, !citations.contains(s) { citations.append(s) }
            }
        }
        if let validTo = p.validity.validTo, validTo < today { lines.append(Phrasebook.expired(validTo)) }
        lines.append(Phrasebook.source(p.source.decision.map { "\(p.source.name), \($0)" } ?? p.source.name))
        if !p.verified { lines.append(Phrasebook.unverified) }
        return (lines.joined(separator: "\n"), citations)
    }

    func documents(_ p: Procedure, _ chosen: ProcedureCase?) -> [String] {
        guard let group = chosen ?? p.cases.first, !group.documents.isEmpty else { return [Phrasebook.documentsUnknown] }
        var lines = [Phrasebook.documentsIntro(caseName: group.name.isEmpty || p.cases.count == 1 && chosen == nil ? nil : group.name)]
        for (i, doc) in group.documents.enumerated() {
            var extras: [String] = []
            if let c = Phrasebook.copies(originals: doc.originals, copies: doc.copies) { extras.append(c) }
            if let f = doc.form, !f.isEmpty, f != doc.name { extras.append(Phrasebook.form(f)) }
            lines.append("\(i + 1). \(doc.name)" + (extras.isEmpty ? "" : " (\(extras.joined(separator: "; ")))"))
        }
        if chosen == nil, p.cases.count > 1 { lines.append(Phrasebook.otherCases(p.cases.map(\.name))) }
        lines.append(Phrasebook.checklist(checklistPath.replacingOccurrences(of: "{code}", with: p.code)))
        return lines
    }

    /// A fee as a citizen reads it; never a number the record does not state.
    public func feeText(_ fee: Fee) -> String {
        switch fee.status {
        case .known:
            // A waiver usually carries its condition ("Miễn lệ phí (công dân … trong nước)"): keep the words.
            if fee.amount == 0, Vietnamese.fold(fee.text).contains("mien") { fee.text }
            else { fee.amount.map { Phrasebook.feeAmount($0) + (fee.text.isEmpty || fee.amount == 0 ? "" : " (\(fee.text))") } ?? fee.text }
        case .setByProvince: Phrasebook.feeByProvince
        case .unknown: fee.text.isEmpty ? Phrasebook.feeUnknown : Phrasebook.feeUnknown + " (\(fee.text))"
        }
    }

    func fee(_ p: Procedure) -> [String] {
        let texts = p.channels.map { ($0.kind.label, feeText($0.fee)) }
        if texts.isEmpty { return [p.isUnknown("fee") ? Phrasebook.feeUnknown : Phrasebook.feeUnknown] }
        if Set(texts.map(\.1)).count == 1 { return [Phrasebook.feeIntro + " " + texts[0].1] }
        return [Phrasebook.feeIntro] + texts.map { Phrasebook.fee($0.0, $0.1) }
    }

    func timeLimit(_ p: Procedure) -> [String] {
        let texts = p.channels.compactMap { c in c.timeLimit.map { (c.kind.label, $0.text) } }
        if texts.isEmpty { return [Phrasebook.timeUnknown] }
        if Set(texts.map(\.1)).count == 1 { return [Phrasebook.timeIntro + " " + texts[0].1 + "."] }
        return [Phrasebook.timeIntro] + texts.map { "- \($0.0): \($0.1)" }
    }

    func place(_ p: Procedure, _ place: Place?) -> [String] {
        var lines: [String] = []
        if let agency = p.implementingAgency { lines.append(Phrasebook.agency(agency)) }
        if let place {
            if let desk = place.desk {
                lines.append(Phrasebook.desk(unit: place.unitName, address: desk.address, hours: desk.hours, phone: desk.phone))
            } else {
                lines.append(Phrasebook.deskMissing(unit: place.unitName))
            }
        } else if p.involvesCommune {
            lines.append(Phrasebook.askUnit)
        }
        return lines.isEmpty ? [Phrasebook.placeUnknown] : lines
    }

    func online(_ p: Procedure) -> [String] {
        guard !p.channels.isEmpty else { return [Phrasebook.channelsUnknown] }
        var lines = [Phrasebook.channels(p.channels.map(\.kind.label))]
        lines.append(p.channels.contains { $0.kind == .online } ? Phrasebook.onlineYes(level: p.onlineLevel?.label) : Phrasebook.onlineNo)
        if p.codeIsNational, let template = portalURLTemplate { lines.append(Phrasebook.portal(template.replacingOccurrences(of: "{code}", with: p.code))) }
        return lines
    }

    func overview(_ p: Procedure, _ place: Place?) -> [String] {
        var lines = [Phrasebook.level(p.level)]
        if let agency = p.implementingAgency { lines.append(Phrasebook.agency(agency)) }
        if let s = p.subjects { lines.append(Phrasebook.subjects(s)) }
        let docCount = (p.cases.first?.documents.count ?? 0)
        if docCount > 0 { lines.append(Phrasebook.documentCount(docCount)) }
        lines += timeLimit(p) + fee(p)
        if !p.channels.isEmpty { lines.append(Phrasebook.channels(p.channels.map(\.kind.label))) }
        if let place, let desk = place.desk { lines.append(Phrasebook.desk(unit: place.unitName, address: desk.address, hours: desk.hours, phone: desk.phone)) }
        if docCount > 0 { lines.append(Phrasebook.checklist(checklistPath.replacingOccurrences(of: "{code}", with: p.code))) }
        return lines
    }
}
