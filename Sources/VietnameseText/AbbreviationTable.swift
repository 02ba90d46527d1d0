/// Abbreviations and their expansions, matched with or without diacritics, used both ways.
public struct AbbreviationTable: Sendable {
    /// One abbreviation with its expansions (normalised), the preferred one first.
    public struct Entry: Sendable, Hashable {
        /// The abbreviation as officials write it (`UBND`).
        public let abbreviation: String
        /// Normalised expansions; the first is the preferred one.
        public let expansions: [String]
    }

    /// The entries in table order.
    public let entries: [Entry]
    /// Folded abbreviation → entry index.
    private let byAbbreviation: [String: Int]
    /// Folded expansion syllables → entry index, longest phrases tried first by `abbreviate`.
    private let byPhrase: [[String]: Int]
    private let longestPhrase: Int

    /// The built-in table of administrative and legal abbreviations.
    public static let standard = AbbreviationTable(administrativeEntries)

    /// Builds a table; later rows with the same (folded) abbreviation are ignored.
    public init(_ rows: [(abbreviation: String, expansions: [String])]) {
        var entries: [Entry] = []
        var byAbbreviation: [String: Int] = [:]
        var byPhrase: [[String]: Int] = [:]
        var longest = 0
        for row in rows {
            let key = Vietnamese.fold(row.abbreviation)
            guard !key.isEmpty, byAbbreviation[key] == nil, !row.expansions.isEmpty else { continue }
            let index = entries.count
            entries.append(Entry(abbreviation: row.abbreviation, expansions: row.expansions.map(Vietnamese.normalize)))
            byAbbreviation[key] = index
            for expansion in row.expansions {
                let syllables = Vietnamese.tokenize(expansion).map(\.folded)
                guard !syllables.isEmpty, byPhrase[syllables] == nil else { continue }
                byPhrase[syllables] = index
                longest = max(longest, syllables.count)
            }
        }
        self.entries = entries
        self.byAbbreviation = byAbbreviation
        self.byPhrase = byPhrase
        self.longestPhrase = longest
    }

    /// The entry for an abbreviation, typed in any case, with or without diacritics (`qđ`, `QD`).
    public func entry(for abbreviation: String) -> Entry? {
        byAbbreviation[Vietnamese.fold(abbreviation)].map { entries[$0] }
    }

    /// The normalised expansions of an abbreviation, or an empty array.
    public func expansions(of abbreviation: String) -> [String] {
        entry(for: abbreviation)?.expansions ?? []
    }

    /// The abbreviations whose expansion is this phrase (`ủy ban nhân dân` → `["UBND"]`).
    public func abbreviations(of phrase: String) -> [String] {
        let syllables = Vietnamese.tokenize(phrase).map(\.folded)
        return byPhrase[syllables].map { [entries[$0].abbreviation] } ?? []
    }

    /// Normalises the text and writes every abbreviation out in full (`UBND xã` → `ủy ban nhân dân xã`).
    /// Abbreviations inside codes such as `120/2025/NĐ-CP` stay as they are.
    public func expand(_ text: String) -> String {
        let normalized = Vietnamese.normalize(text)
        var output = ""
        var cursor = normalized.startIndex
        for token in Vietnamese.tokenize(normalized) {
            guard let index = byAbbreviation[token.folded], let expansion = entries[index].expansions.first else { continue }
            output += normalized[cursor..<token.range.lowerBound]
            output += expansion
            cursor = token.range.upperBound
        }
        output += normalized[cursor...]
        return output
    }

    /// Normalises the text and replaces every known phrase by its abbreviation, longest phrase first
    /// (`giấy chứng nhận quyền sử dụng đất` → `GCNQSDĐ`).
    public func abbreviate(_ text: String) -> String {
        let normalized = Vietnamese.normalize(text)
        let tokens = Vietnamese.tokenize(normalized)
        var output = ""
        var cursor = normalized.startIndex
        var position = 0
        while position < tokens.count {
            var matched: (length: Int, entry: Int)?
            var length = min(longestPhrase, tokens.count - position)
            while length > 0, matched == nil {
                let key = tokens[position..<(position + length)].map(\.folded)
                if let entry = byPhrase[key] { matched = (length, entry) }
                length -= 1
            }
            guard let match = matched else {
                position += 1
                continue
            }
            output += normalized[cursor..<tokens[position].range.lowerBound]
            output += entries[match.entry].abbreviation
            cursor = tokens[position + match.length - 1].range.upperBound
            position += match.length
        }
        output += normalized[cursor...]
        return output
    }
}
