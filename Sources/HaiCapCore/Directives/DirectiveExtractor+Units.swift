import Foundation
import VietnameseText

/// One word of a directive sentence: a syllable, number or code (see `Vietnamese.tokenize`), with the
/// punctuation between it and the previous word.
struct DirectiveWord {
    let folded: String
    let kind: Token.Kind
    let range: Range<String.Index>
    /// The first letter is upper case in the source ("Hòa", "UBND").
    let capitalized: Bool
    /// Punctuation between the previous word and this one, without spaces ("," ":" "(" …).
    let gap: String

    /// The words of `sentence`; ranges index `sentence`.
    static func words(of sentence: String) -> [DirectiveWord] {
        let tokens = Vietnamese.tokenize(sentence)
        var out: [DirectiveWord] = []
        out.reserveCapacity(tokens.count)
        var previousEnd = sentence.startIndex
        for token in tokens {
            var gap = ""
            // Apostrophes belong to names ("Cư M'gar", "Ea H’Leo"), so they never separate words.
            for ch in sentence[previousEnd..<token.range.lowerBound] where !ch.isWhitespace && ch != "'" && ch != "’" {
                gap.append(ch)
            }
            out.append(DirectiveWord(
                folded: token.folded, kind: token.kind, range: token.range,
                capitalized: sentence[token.range].first?.isUppercase ?? false, gap: gap))
            previousEnd = token.range.upperBound
        }
        return out
    }
}

/// What a span of words names.
enum DirectiveTarget: Equatable {
    /// Particular units (indices into `DirectiveUnits.entries`).
    case units([Int])
    /// Every commune-level unit ("các xã, phường", "các địa phương", "UBND cấp xã").
    case all
    /// Every unit of one type ("các phường").
    case type(String)
    /// Some units the sentence describes but does not name ("các xã biên giới"): the official picks them.
    case subset
    /// The recipients of the letter ("các đơn vị", "Quý cơ quan"): resolved against "Kính gửi".
    case recipients
}

struct DirectiveMention {
    /// Word indices of the mention itself (type word + name, or the collective phrase).
    var words: Range<Int>
    /// Where the mention starts once an organ prefix ("UBND", "Chủ tịch Ủy ban nhân dân") is included.
    var spanStart: Int
    var target: DirectiveTarget
    /// After "phối hợp với", "tại", "của" …: not an addressee.
    var isObject = false
    /// After "trừ": left out.
    var isExcluded = false
}

/// The province's commune-level units, indexed by the folded syllables of their short names.
struct DirectiveUnits: Sendable {
    struct Entry: Sendable {
        let code: String
        let name: String
        /// Folded type word: "xa", "phuong", "dac khu", or "" when the name carries none.
        let type: String
    }

    private(set) var entries: [Entry] = []
    /// A trie over folded syllables: children of each node, and the entries a node completes.
    private var children: [[String: Int]] = [[:]]
    private var terminals: [Int: [Int]] = [:]
    /// How many entries share each folded short name, across types.
    private var shortNameCount: [String: Int] = [:]
    private var shortNameOf: [Int: String] = [:]

    static let typeWords: [[String]] = [["dac", "khu"], ["phuong"], ["xa"]]

    /// Short names that are also ordinary words or other places; matched only with the type word.
    static let commonShortNames: Set<String> = ["tan lap", "tan tien", "phu yen", "dak lak"]

    /// Words before a bare name that make it another kind of place ("huyện Ea Kar", "thị xã Buôn Hồ",
    /// "tỉnh Phú Yên", "sông Krông Ana", "Trường THCS …").
    static let blockingPrevious: Set<String> = [
        "huyen", "tinh", "quan", "tp", "pho", "thi", "song", "ho", "deo", "nui", "thon", "buon", "ap", "duong", "cau",
        "cho", "thcs", "thpt", "th", "vien", "ty", "doi", "xuong", "dap", "vuon", "khu", "lang", "tram", "truong", "tran",
    ]

    init(_ units: [(code: String, name: String)]) {
        var entries: [Entry] = []
        for (code, name) in units {
            let folded = Vietnamese.tokenize(name).map(\.folded)
            guard !folded.isEmpty else { continue }
            var type = ""
            var shortStart = 0
            for typeWord in Self.typeWords where folded.count > typeWord.count && Array(folded.prefix(typeWord.count)) == typeWord {
                type = typeWord.joined(separator: " ")
                shortStart = typeWord.count
                break
            }
            let index = entries.count
            entries.append(Entry(code: code, name: name, type: type))
            let short = Array(folded[shortStart...])
            let key = short.joined(separator: " ")
            shortNameCount[key, default: 0] += 1
            shortNameOf[index] = key
            insert(short, index)
            // "Cư M'gar" is also typed "Cư Mgar": a variant without apostrophes.
            let plain = name.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
            if plain != name {
                let plainFolded = Vietnamese.tokenize(plain).map(\.folded)
                insert(Array(plainFolded[min(shortStart, plainFolded.count)...]), index)
            }
        }
        self.entries = entries
    }

    private mutating func insert(_ syllables: [String], _ entry: Int) {
        guard !syllables.isEmpty else { return }
        var node = 0
        for syllable in syllables {
            if let next = children[node][syllable] {
                node = next
            } else {
                children.append([:])
                children[node][syllable] = children.count - 1
                node = children.count - 1
            }
        }
        if !terminals[node, default: []].contains(entry) { terminals[node, default: []].append(entry) }
    }

    /// The longest unit name starting at `start`: the index after it and the entries it names.
    func longestName(in words: [DirectiveWord], from start: Int) -> (end: Int, entries: [Int])? {
        var node = 0
        var best: (Int, [Int])?
        var i = start
        while i < words.count, let next = children[node][words[i].folded] {
            // A name never spans a comma or other punctuation.
            if i > start, !words[i].gap.isEmpty { break }
            node = next
            i += 1
            if let found = terminals[node] { best = (i, found) }
        }
        return best
    }

    func isAmbiguous(_ entry: Int) -> Bool { (shortNameOf[entry].flatMap { shortNameCount[$0] } ?? 0) > 1 }
    func isCommon(_ entry: Int) -> Bool { shortNameOf[entry].map { Self.commonShortNames.contains($0) } ?? false }

    func indices(ofType type: String) -> [Int] { entries.indices.filter { entries[$0].type == type } }
}

/// Finds the units, collective phrases and recipient references of a sentence.
struct DirectiveMentionFinder {
    let units: DirectiveUnits

    /// Words that come before a unit and belong to the addressee ("UBND", "Chủ tịch Ủy ban nhân dân").
    static let organPrefixWords: Set<String> = [
        "ubnd", "uy", "ban", "nhan", "dan", "chu", "tich", "hdnd", "hoi", "dong", "cong", "an", "dang", "chinh", "quyen",
        "lanh", "dao", "ct", "pct", "pho",
    ]

    /// Words after "các xã, phường" that make the phrase a described subset rather than all units.
    static let qualifiers: [[String]] = [
        ["co"], ["ven"], ["bien", "gioi"], ["vung"], ["noi"], ["bi"], ["khu", "vuc"], ["mien", "nui"], ["trong", "diem"],
        ["chua"], ["con"], ["thuoc", "dien"], ["thuoc", "vung"], ["thuoc", "khu"], ["dac", "biet"], ["kho", "khan"],
        ["giap"], ["doc"], ["duoc", "chon"], ["duoc", "lua"], ["lien", "quan"], ["nam", "trong"], ["thi", "diem"], ["da"],
        ["xay", "ra"], ["trong", "diem"], ["ngheo"], ["dat", "chuan"], ["khong"],
    ]

    /// Words allowed between "các" and "địa phương" ("các sở, ngành, địa phương", "các cơ quan, đơn vị, địa phương").
    static let localityListWords: Set<String> = ["so", "ban", "nganh", "co", "quan", "don", "vi", "doan", "the", "hoi", "va", "lien", "cap"]

    func typeWord(at i: Int, _ words: [DirectiveWord]) -> (type: String, end: Int)? {
        guard i < words.count else { return nil }
        let w = words[i].folded
        if w == "xa" || w == "phuong" {
            // "thị xã" is the former town level, not a commune.
            if w == "xa", i > 0, words[i - 1].folded == "thi", words[i].gap.isEmpty { return nil }
            return (w, i + 1)
        }
        if w == "dac", i + 1 < words.count, words[i + 1].folded == "khu", words[i + 1].gap.isEmpty { return ("dac khu", i + 2) }
        // "P. Tân An".
        if w == "p", i + 1 < words.count, words[i + 1].gap.hasPrefix(".") { return ("phuong", i + 1) }
        return nil
    }

    static func matches(_ words: [DirectiveWord], _ i: Int, _ phrase: [String]) -> Bool {
        guard i + phrase.count <= words.count else { return false }
        for (k, p) in phrase.enumerated() where words[i + k].folded != p { return false }
        return true
    }

    func isQualified(after j: Int, _ words: [DirectiveWord]) -> Bool {
        guard j < words.count, !words[j].gap.contains(":") else { return false }
        if Self.matches(words, j, ["co", "trach", "nhiem"]) { return false }
        return Self.qualifiers.contains { Self.matches(words, j, $0) }
    }

    /// Extends a mention back over the organ words before it.
    func spanStart(_ start: Int, _ words: [DirectiveWord]) -> Int {
        var s = start
        while s > 0, words[s].gap.isEmpty, Self.organPrefixWords.contains(words[s - 1].folded) { s -= 1 }
        return s
    }

    func mentions(in words: [DirectiveWord]) -> [DirectiveMention] {
        var out: [DirectiveMention] = []
        // The type a list of bare names continues after ("các xã Ea Kar, Ea Knốp và Ea Păl"); "" = any type.
        var listType: String?
        // Where "các xã" opened a list of names: the first name's mention starts there.
        var listStart: Int?
        var i = 0
        func add(_ range: Range<Int>, _ target: DirectiveTarget) {
            let start = spanStart(listStart ?? range.lowerBound, words)
            listStart = nil
            out.append(DirectiveMention(words: range, spanStart: start, target: target))
        }
        while i < words.count {
            let w = words[i].folded
            // A list continues over "," ":" and "và".
            if listType != nil, w == "va" || w == "cac" {
                i += 1
                continue
            }
            if w == "cac", let (end, target, names) = collective(at: i, words) {
                if names != nil {
                    listType = names
                    listStart = i
                    i = end
                    continue
                }
                add(i..<end, target)
                i = end
                listType = nil
                continue
            }
            if let quy = recipients(at: i, words) {
                add(i..<quy, .recipients)
                i = quy
                listType = nil
                continue
            }
            if w == "cap", i + 1 < words.count, ["xa", "phuong"].contains(words[i + 1].folded), words[i + 1].gap.isEmpty {
                add(i..<(i + 2), isQualified(after: i + 2, words) ? .subset : .all)
                i += 2
                listType = nil
                continue
            }
            if words[i].kind == .number, typeWord(at: i + 1, words) != nil, let (end, _, _) = collectiveTypes(from: i + 1, words), end > i + 2 {
                // "102 xã, phường".
                add(i..<end, .all)
                i = end
                listType = nil
                continue
            }
            if let (type, afterType) = typeWord(at: i, words) {
                if let (end, found) = units.longestName(in: words, from: afterType), words[afterType].gap.isEmpty || words[afterType].gap == "." {
                    let typed = found.filter { units.entries[$0].type == type }
                    add(i..<end, .units(typed.isEmpty ? found : typed))
                    listType = type
                    i = end
                    continue
                }
                listType = nil
                i = afterType
                continue
            }
            if let (end, found) = units.longestName(in: words, from: i), acceptsBare(found, at: i, end: end, listType: listType, words) {
                let typed = listType.flatMap { t in t.isEmpty ? nil : found.filter { units.entries[$0].type == t } } ?? []
                add(i..<end, .units(typed.isEmpty ? found : typed))
                i = end
                continue
            }
            listType = nil
            listStart = nil
            i += 1
        }
        return out
    }

    private func acceptsBare(_ found: [Int], at i: Int, end: Int, listType: String?, _ words: [DirectiveWord]) -> Bool {
        if let listType {
            let separated = i == 0 || !words[i].gap.isEmpty || (i > 0 && ["va", "cac", "xa", "phuong", "khu"].contains(words[i - 1].folded))
            guard separated else { return false }
            if found.count == 1 { return true }
            return !listType.isEmpty && found.filter { units.entries[$0].type == listType }.count == 1
        }
        guard found.count == 1, !units.isAmbiguous(found[0]), !units.isCommon(found[0]) else { return false }
        if i > 0, DirectiveUnits.blockingPrevious.contains(words[i - 1].folded) { return false }
        // "thị xã Buôn Hồ".
        if i > 1, words[i - 1].folded == "xa", words[i - 2].folded == "thi" { return false }
        // Written as a name: every syllable capitalised (numbers aside).
        for k in i..<end where words[k].kind == .word && !words[k].capitalized { return false }
        return true
    }

    /// Type words joined by "," and "và" from `start`: the index after them, and the distinct types.
    func collectiveTypes(from start: Int, _ words: [DirectiveWord]) -> (end: Int, types: Set<String>, last: Int)? {
        var types: Set<String> = []
        var j = start
        var end = start
        while let (type, after) = typeWord(at: j, words) {
            if j > start, words[j].gap != ",", words[j - 1].folded != "va" { break }
            types.insert(type)
            end = after
            j = after
            if j < words.count, words[j].folded == "va", typeWord(at: j + 1, words) != nil { j += 1 }
        }
        return types.isEmpty ? nil : (end, types, j)
    }

    /// "các xã, phường(, đặc khu)", "các địa phương", "các sở, ngành, địa phương", "các xã: A, B": the end, the target,
    /// and, when names follow, the type their list continues with (then the phrase names nobody itself).
    func collective(at i: Int, _ words: [DirectiveWord]) -> (Int, DirectiveTarget, String?)? {
        if let (end, types, _) = collectiveTypes(from: i + 1, words) {
            let listType = types.count == 1 ? types.first! : ""
            if let (_, found) = units.longestName(in: words, from: end), !found.isEmpty,
               words[end].gap.isEmpty || words[end].gap == ":" || words[end].gap == "(" {
                return (end, .subset, listType)
            }
            if isQualified(after: end, words) { return (end, .subset, nil) }
            return (end, types.count >= 2 ? .all : .type(listType), nil)
        }
        var k = i + 1
        while k < min(words.count, i + 9) {
            if Self.matches(words, k, ["dia", "phuong"]) {
                return (k + 2, isQualified(after: k + 2, words) ? .subset : .all, nil)
            }
            guard Self.localityListWords.contains(words[k].folded) else { break }
            k += 1
        }
        // "các đơn vị" are the recipients, "các đơn vị liên quan" only some of them.
        for phrase in [["cac", "co", "quan", "don", "vi"], ["cac", "don", "vi"], ["cac", "co", "quan"]] where Self.matches(words, i, phrase) {
            let end = i + phrase.count
            return (end, isQualified(after: end, words) ? .subset : .recipients, nil)
        }
        return nil
    }

    /// "Quý cơ quan", "Quý Ủy ban", "Quý đơn vị".
    func recipients(at i: Int, _ words: [DirectiveWord]) -> Int? {
        guard words[i].folded == "quy", words[i].capitalized else { return nil }
        for phrase in [["co", "quan"], ["don", "vi"], ["uy", "ban"], ["ubnd"]] where Self.matches(words, i + 1, phrase) {
            return i + 1 + phrase.count
        }
        return nil
    }
}
