import Foundation

/// Who a sentence gives a power to, read by the sentence forms of the delineation decrees.
struct SentenceReading {
    /// The holders the sentence empowers, each with the condition phrase when the power is conditional.
    var actors: [(mention: HolderMention, code: String, condition: String?)]
    var previousHolder: String?
}

enum SentenceRules {
    /// Markers before a holder that make it an object, not the actor.
    static let objectMarkers = [
        "báo cáo", "trình", "gửi", "cho", "với", "của", "được", "đối với", "yêu cầu", "đề xuất", "tham mưu", "đề nghị",
        "giúp", "về", "tại", "theo", "lên", "hoặc",
    ]

    static func isTimeLimit(_ sentence: String) -> Bool {
        let t = sentence.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix("Trong thời hạn") || t.hasPrefix("Thời hạn")
    }

    static func read(_ sentence: String, procedureSteps: Bool = false) -> SentenceReading? {
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("Không thực hiện") { return nil }
        if !procedureSteps, isTimeLimit(trimmed) { return nil }
        let mentions = HolderMentionFinder.mentions(in: sentence)
        guard mentions.contains(where: { !$0.isDistrict }) else { return nil }
        let previous = previousHolder(sentence, mentions)
        let actors = substitution(sentence, mentions) ?? thuocThamQuyen(sentence, mentions) ?? transfer(sentence, mentions) ?? doForm(sentence, mentions)
            ?? definition(sentence, mentions) ?? subjectFirst(sentence, mentions) ?? viecForm(sentence, mentions)
            ?? theoQuyDinhCua(sentence, mentions) ?? dangKyTai(sentence, mentions)
        guard let actors, !actors.isEmpty else { return nil }
        var out: [(HolderMention, String, String?)] = []
        for mention in actors where !mention.isDistrict {
            let condition = Self.condition(after: mention, in: sentence)
            for code in mention.codes where !out.contains(where: { $0.1 == code }) {
                out.append((mention, code, condition))
            }
        }
        let earlier = previous ?? formerOwner(sentence, mentions, actors: out.map(\.0))
        return out.isEmpty ? nil : SentenceReading(actors: out.map { (mention: $0.0, code: $0.1, condition: $0.2) }, previousHolder: earlier)
    }

    /// Mentions that follow `first` joined by ", ", " và ", " hoặc ": a coordinated list of holders.
    static func list(from index: Int, _ mentions: [HolderMention], in s: String) -> [HolderMention] {
        var out = [mentions[index]]
        var i = index
        while i + 1 < mentions.count {
            let gap = s[mentions[i].range.upperBound..<mentions[i + 1].range.lowerBound]
            let g = gap.trimmingCharacters(in: .whitespaces)
            guard [",", "và", ", và", "hoặc", ", hoặc", ";"].contains(g) else { break }
            out.append(mentions[i + 1])
            i += 1
        }
        return out
    }

    static func text(before m: HolderMention, in s: String) -> String {
        String(s[s.startIndex..<m.range.lowerBound])
    }

    static func isObject(_ m: HolderMention, in s: String) -> Bool {
        let before = text(before: m, in: s).trimmingCharacters(in: .whitespaces).lowercased()
        return objectMarkers.contains { before.hasSuffix(" " + $0) || before == $0 }
    }

    /// "… thuộc thẩm quyền (của) X" / "… thuộc trách nhiệm của X".
    static func thuocThamQuyen(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        for (i, m) in ms.enumerated() where !m.isDistrict {
            let before = text(before: m, in: s)
            if before.hasSuffix("thuộc thẩm quyền của ") || before.hasSuffix("thuộc thẩm quyền ") || before.hasSuffix("thuộc trách nhiệm của ") {
                return list(from: i, ms, in: s)
            }
        }
        return nil
    }

    /// "“Ủy ban nhân dân cấp huyện” quy định tại … là “Ủy ban nhân dân cấp xã”" (NĐ 145 Điều 11): a law's words read
    /// anew. The holders of the new words, less those the old words already named ("cấp tỉnh" stays the province).
    static func substitution(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("“"), let close = s.range(of: "” quy định tại ") ?? s.range(of: "” tại "),
              let open = s.range(of: " là “", range: close.upperBound..<s.endIndex) else { return nil }
        let old = s[s.startIndex..<close.lowerBound]
        let out: [HolderMention] = ms.compactMap { m in
            guard m.range.lowerBound >= open.upperBound, !m.isDistrict else { return nil }
            var m = m
            m.codes = m.codes.filter { !(Holder.level($0) == .province && old.contains("cấp tỉnh")) }
            return m.codes.isEmpty ? nil : m
        }
        return out.isEmpty ? nil : out
    }

    /// "… chuyển giao (tương ứng) cho X", "… được chuyển về X"; every transfer of the sentence.
    static func transfer(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        var out: [HolderMention] = []
        for (i, m) in ms.enumerated() where !m.isDistrict && !out.contains(m) {
            let before = text(before: m, in: s)
            if before.hasSuffix("chuyển giao cho ") || before.hasSuffix("chuyển giao tương ứng cho ") || before.hasSuffix("chuyển về ") {
                out.append(contentsOf: list(from: i, ms, in: s).filter { !$0.isDistrict })
            }
        }
        return out.isEmpty ? nil : out
    }

    /// "… do X (, Y) thực hiện (hoặc Z thực hiện trong trường hợp được … giao)": the last "do X … thực hiện",
    /// else the last "do X".
    static func doForm(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        var found: [HolderMention]?
        var foundWithVerb: [HolderMention]?
        for (i, m) in ms.enumerated() where !m.isDistrict {
            let before = text(before: m, in: s)
            guard before.hasSuffix(" do ") else { continue }
            var group = list(from: i, ms, in: s)
            guard let last = group.last else { continue }
            let after = s[last.range.upperBound...]
            if let j = ms.firstIndex(of: last), j + 1 < ms.count {
                let gap = s[last.range.upperBound..<ms[j + 1].range.lowerBound]
                if gap.hasPrefix(" thực hiện hoặc ") || gap.hasPrefix(" thực hiện, hoặc ") { group.append(ms[j + 1]) }
            }
            found = group
            if after.hasPrefix(" thực hiện") { foundWithVerb = group }
        }
        return foundWithVerb ?? found
    }

    /// "Cơ quan … bao gồm X, Y" / "Công chức … là X; Y" / "Người thực hiện … bao gồm: …".
    static func definition(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        for marker in [" bao gồm: ", " bao gồm ", " là "] {
            guard let r = s.range(of: marker), let first = ms.firstIndex(where: { $0.range.lowerBound >= r.upperBound }) else { continue }
            guard !ms.contains(where: { $0.range.upperBound <= r.lowerBound }) else { continue }
            let gap = s[r.upperBound..<ms[first].range.lowerBound]
            guard gap.count <= 2 else { continue }
            return ms[first...].filter { m in
                let before = text(before: m, in: s).trimmingCharacters(in: .whitespaces)
                return !isObject(m, in: s) || before.hasSuffix(";") || before.hasSuffix(",")
            }
        }
        return nil
    }

    static let leadIns = ["Căn cứ", "Trường hợp", "Đối với", "Khi ", "Trong ", "Sau khi", "Trên cơ sở", "Ngoài", "Người dịch", "Tại "]

    /// "X (, Y và Z) [verb] …", also after a lead-in clause ("Căn cứ …, X …", "Trường hợp … thì X …").
    static func subjectFirst(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        for (i, m) in ms.enumerated() where !m.isDistrict {
            let before = text(before: m, in: s)
            let trimmed = before.trimmingCharacters(in: .whitespaces)
            let atStart = trimmed.isEmpty
            let afterLeadIn = trimmed.hasSuffix(" thì") || (trimmed.hasSuffix(",") && leadIns.contains { trimmed.hasPrefix($0) })
            guard atStart || afterLeadIn else { continue }
            var group = list(from: i, ms, in: s)
            let after = s[group[group.count - 1].range.upperBound...].trimmingCharacters(in: .whitespaces)
            // "Sau khi X phê duyệt, …" is a step before the actor; "…, thuộc thẩm quyền … thì X phê duyệt" is the actor.
            if after.hasPrefix("phê duyệt") && !atStart && !trimmed.hasSuffix(" thì") { continue }
            // "Cục Hàng hải và Đường thủy Việt Nam không thực hiện việc cấp …" takes a power away; it gives none.
            if after.hasPrefix("không ") { continue }
            // "Bộ phận Một cửa được bố trí …": a passive subject is the thing acted on, unless it is given a power.
            if after.hasPrefix("được "), !["được phân cấp", "được ủy quyền", "được giao", "được quyền"].contains(where: after.hasPrefix) { continue }
            if let k = ms.firstIndex(of: group[group.count - 1]), k + 1 < ms.count {
                // "X và Thủ trưởng … tổ chức" keeps the list; "X giao A, B …" stops at X.
                group = group.filter { !$0.isDistrict }
            }
            return group
        }
        return nil
    }

    /// "Việc X [verb] …".
    static func viecForm(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        guard let first = ms.first, text(before: first, in: s).trimmingCharacters(in: .whitespaces) == "Việc" else { return nil }
        return [first]
    }

    /// "… thực hiện theo quy định của X" where X sets the rules.
    static func theoQuyDinhCua(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        // "… theo quy định của Chính phủ, Bộ trưởng Bộ Tài chính hoặc …": the Government is no holder of the vocabulary.
        for (i, m) in ms.enumerated() where text(before: m, in: s).hasSuffix("theo quy định của ") || text(before: m, in: s).hasSuffix("theo quy định của Chính phủ, ") {
            return list(from: i, ms, in: s)
        }
        // The last item of a list, "Các yêu cầu khác theo quyết định của Thủ tướng Chính phủ.", "Các hợp phần khác theo yêu
        // cầu của Chính phủ, Thủ tướng Chính phủ.": X decides what else the list holds.
        guard s.hasPrefix("Các "), s.contains(" khác theo ") else { return nil }
        for (i, m) in ms.enumerated() {
            let before = text(before: m, in: s)
            if ["theo quyết định của ", "theo yêu cầu của ", "theo yêu cầu của Chính phủ, "].contains(where: before.hasSuffix) {
                return list(from: i, ms, in: s)
            }
        }
        return nil
    }

    /// "… phải đăng ký … tại X": the place of competence.
    static func dangKyTai(_ s: String, _ ms: [HolderMention]) -> [HolderMention]? {
        for m in ms where text(before: m, in: s).hasSuffix(" tại ") {
            let before = text(before: m, in: s)
            if before.contains("phải đăng ký") { return [m] }
        }
        return nil
    }

    /// The phrase after the actor that makes the power conditional or names a mode.
    static func condition(after m: HolderMention, in s: String) -> String? {
        let rest = s[m.range.upperBound...]
        let leads = ["khi được", "trong trường hợp được", "nếu được", "theo nhiệm vụ được", "theo phân cấp", "theo chỉ đạo của"]
        guard let (lead, range) = leads.compactMap({ lead in rest.range(of: lead).map { (lead, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) else { return nil }
        var window = rest[range.upperBound...]
        if let stop = window.firstIndex(where: { $0 == "." || $0 == ";" }) { window = window[..<stop] }
        window = window.prefix(160)
        let w = String(window)
        if lead == "theo phân cấp" {
            if w.hasPrefix(" quản lý") { return lead + " quản lý" }
            if w.hasPrefix(" của "), let holder = HolderMentionFinder.mentions(in: w).first {
                return lead + String(w[..<holder.range.upperBound])
            }
            return lead
        }
        for word in ["ủy quyền, phân cấp", "phân cấp", "ủy quyền", "giao"] {
            if let r = w.range(of: word) { return lead + String(w[..<r.upperBound]) }
        }
        if lead == "theo chỉ đạo của", let holder = HolderMentionFinder.mentions(in: w).first {
            return lead + String(w[..<holder.range.upperBound])
        }
        return nil
    }

    /// The mode a condition phrase names: "ủy quyền" first when both are named.
    static func mode(for condition: String?) -> AuthorityMode {
        guard let condition else { return .delineation }
        let u = condition.range(of: "ủy quyền")?.lowerBound
        let p = condition.range(of: "phân cấp")?.lowerBound
        switch (u, p) {
        case let (u?, p?): return u < p ? .delegation : .decentralisation
        case (_?, nil): return .delegation
        case (nil, _?): return .decentralisation
        default: return .delineation
        }
    }

    /// "Nhiệm vụ, quyền hạn của Bộ Công Thương về … do Ủy ban nhân dân cấp tỉnh thực hiện", "Thẩm quyền của Thủ tướng
    /// Chính phủ … do …": a power moved from a holder that is not of the district level — that holder, when the
    /// sentence does not also make it the one who acts.
    static func formerOwner(_ s: String, _ ms: [HolderMention], actors: [HolderMention]) -> String? {
        let leads = ["Nhiệm vụ, quyền hạn của ", "Nhiệm vụ, thẩm quyền của ", "Thẩm quyền của ", "Trách nhiệm của ", "Nhiệm vụ của "]
        guard let first = ms.first, let lead = leads.first(where: s.hasPrefix),
              s.distance(from: s.startIndex, to: first.range.lowerBound) == lead.count,
              !actors.contains(where: { $0.text == first.text }) else { return nil }
        return first.text
    }

    /// The earlier holder the sentence names ("… của Ủy ban nhân dân cấp huyện …").
    static func previousHolder(_ s: String, _ ms: [HolderMention]) -> String? {
        ms.first(where: \.isDistrict)?.text
    }
}

