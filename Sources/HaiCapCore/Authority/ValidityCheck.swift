import Foundation
import LegalText

/// Whether a provision can be relied on, on a given day, and the warnings to show with it.
struct ValidityCheck {
    struct Result {
        var holderMayBeNamed: Bool
        var warnings: [String]
    }

    let knowledge: AuthorityKnowledge

    func check(document: String, article: String, clause: String?, point: String?, on day: CivilDate) -> Result {
        var warnings: [String] = []
        var usable = true
        let citation = Citation(point: point, clause: clause, article: article, document: DocumentReference(number: document)).formatted()
        for change in knowledge.changes where change.covers(document: document, article: article, clause: clause, point: point) {
            switch change.kind {
            case .repeal:
                if let from = change.appliesFrom, day >= from {
                    usable = false
                    warnings.append(AuthorityPhrasebook.repealed(citation: change.targetCitation, by: change.byDocument, from: from, unverifiedDate: change.effective == nil))
                } else {
                    warnings.append(AuthorityPhrasebook.repealPending(citation: change.targetCitation, by: change.byDocument))
                }
            case .amendment:
                if change.appliesFrom.map({ day >= $0 }) ?? true {
                    warnings.append(AuthorityPhrasebook.amended(citation: citation, by: change.byDocument, note: change.note))
                }
            }
        }
        if let info = knowledge.document(document) {
            if let effective = info.effective.flatMap(CivilDate.init(iso:)), day < effective {
                usable = false
                warnings.append(AuthorityPhrasebook.notYetInForce("\(info.type) số \(info.number)", effective: effective))
            }
            if let expiry = info.expiry.flatMap(CivilDate.init(iso:)) {
                if day >= expiry {
                    usable = false
                    warnings.append(AuthorityPhrasebook.expired(document: info.number, expiry: expiry, condition: info.expiryCondition))
                } else if day.days(to: expiry) <= 183 {
                    warnings.append(AuthorityPhrasebook.expiring(document: info.number, expiry: expiry, condition: info.expiryCondition))
                }
            }
        }
        return Result(holderMayBeNamed: usable, warnings: warnings)
    }
}
